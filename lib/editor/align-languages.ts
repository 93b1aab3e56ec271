// Keeps the English and French texts on one article structure: the same chapters and articles
// (paired by chapterId and clauseId) in the same order, so numbering always matches.
//
// The collaboration server runs this after every stored change, on the state that change leads
// to, and stores what it does as a server change right behind it; new drafts, the seed and the
// stored-log fallback run it too. What one language did is done to the other:
//  - an article or chapter that was in the aligned structure before (`previous`) and is gone from
//    either text is removed from both (deletion wins over a concurrent edit of the counterpart);
//    when it was merged into the article before it (its text now ends that article), the other
//    language's text of it is appended to that article there too, so no translation is lost;
//  - one that only one text has is added to the other, empty, waiting for translation, after the
//    same neighbour (a split half, a pasted or new article);
//  - one whose id alone changed in one text (the same element) takes the new id in the other too,
//    and one whose element the binding rewrote into the article before it (a merge) is a merge;
//  - the order of the language whose order changed since `previous` wins (English when both did).
// Without `previous` (a draft from before the Charter was bilingual, or an unknown past) nothing
// is removed: each text gets what only the other has.
import * as Y from "yjs";
import { NODE } from "./schema";
import { newClauseId } from "./ids";
import { plainText, yXmlView } from "./clauses";
import { TEXT_LANGS, fragmentOf, otherLang, type TextLang } from "./languages";

/** A Yjs delete set (what Y.decodeUpdate(update).ds holds). */
export type DeleteSet = Parameters<typeof Y.isDeleted>[0];

/** A top-level node's identity in both texts: "clause:<clauseId>" or "chapter:<chapterId>". */
export type StructureToken = string;

interface Top {
  token: StructureToken;
  el: Y.XmlElement;
}

function tokenOf(node: unknown): StructureToken | null {
  if (!(node instanceof Y.XmlElement)) return null;
  const attr = node.nodeName === NODE.clause ? "clauseId" : node.nodeName === NODE.chapter ? "chapterId" : null;
  if (!attr) return null;
  const id = node.getAttribute(attr);
  return typeof id === "string" && id ? `${node.nodeName}:${id}` : null;
}

/** The identified top-level nodes of a text, first of each id only (a duplicate is being repaired). */
function topsOf(fragment: Y.XmlFragment): Top[] {
  const seen = new Set<string>();
  const out: Top[] = [];
  for (const node of fragment.toArray()) {
    const token = tokenOf(node);
    if (!token || seen.has(token)) continue;
    seen.add(token);
    out.push({ token, el: node as Y.XmlElement });
  }
  return out;
}

/** The structure of one language's text: its chapters and articles in order. */
export function structureOf(doc: Y.Doc, lang: TextLang): StructureToken[] {
  return topsOf(fragmentOf(doc, lang)).map((t) => t.token);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The structure both texts share, or null when they differ. */
export function sharedStructure(doc: Y.Doc): StructureToken[] | null {
  const en = structureOf(doc, "en");
  return sameList(en, structureOf(doc, "fr")) ? en : null;
}

/** True when both texts share one structure and every chapter has its id (nothing to align). */
export function languagesAligned(doc: Y.Doc): boolean {
  const idless = (lang: TextLang) =>
    fragmentOf(doc, lang)
      .toArray()
      .some((n) => n instanceof Y.XmlElement && n.nodeName === NODE.chapter && !n.getAttribute("chapterId"));
  return sharedStructure(doc) !== null && !TEXT_LANGS.some(idless);
}

/** A top-level node whose id changed (the element is the same, `from` was its token before). */
export interface Renamed {
  lang: TextLang;
  from: StructureToken;
  el: Y.XmlElement;
}

/**
 * Watches a document for what can change its structure (a top-level node added or removed in
 * either text, or a top-level node's id changed), so that checking an update that only edits text
 * costs nothing, and remembers the structure both texts shared when last settled. It reads the
 * types each transaction changed (Yjs keeps them anyway), not deep observer events: those sort
 * themselves by path, which costs a walk of the text per event, quadratic for an update that adds
 * or renames thousands of articles. It also notes which top-level nodes changed their id since the
 * last settle, with the id they had (readable until the transaction's garbage collection).
 */
export class StructureWatch {
  private dirty = false;
  private shared: StructureToken[] | null;
  private renames: Renamed[] = [];
  private renamedEls = new Set<Y.XmlElement>();
  private edited = new Set<Y.XmlElement>();
  private readonly fragments: Y.XmlFragment[];
  private readonly onTransaction = (transaction: Y.Transaction) => {
    let structural = false;
    for (const [type, keys] of transaction.changed) {
      if ((this.fragments as unknown[]).includes(type)) {
        structural = true;
        continue;
      }
      if (!(type instanceof Y.XmlElement)) continue;
      const attr = type.nodeName === NODE.clause ? "clauseId" : type.nodeName === NODE.chapter ? "chapterId" : null;
      const lang = TEXT_LANGS[this.fragments.indexOf(type.parent as Y.XmlFragment)];
      if (!attr || !keys.has(attr) || !lang) continue;
      structural = true;
      this.noteRename(transaction, lang, type, attr);
    }
    if (!structural) return; // typing
    this.dirty = true;
    for (const type of transaction.changed.keys()) this.noteEdited(type);
  };

  /** The id a top-level node had before `transaction` set a new one (the value it overwrote). */
  private noteRename(transaction: Y.Transaction, lang: TextLang, el: Y.XmlElement, attr: string): void {
    let before = el._map.get(attr)?.left ?? null;
    while (before && before.id.clock >= (transaction.beforeState.get(before.id.client) ?? 0)) before = before.left;
    const old = before?.deleted && before.content instanceof Y.ContentAny ? before.content.getContent().at(-1) : undefined;
    if (typeof old !== "string" || !old || this.renamedEls.has(el)) return;
    this.renamedEls.add(el);
    this.renames.push({ lang, from: `${el.nodeName}:${old}`, el });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are generic over their event type
  private noteEdited(target: Y.AbstractType<any>): void {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
    let node: Y.AbstractType<any> | null = target;
    while (node && !this.fragments.includes(node.parent as Y.XmlFragment)) node = node.parent;
    if (node instanceof Y.XmlElement) this.edited.add(node);
  }

  constructor(private readonly doc: Y.Doc) {
    this.fragments = TEXT_LANGS.map((lang) => fragmentOf(doc, lang));
    this.shared = sharedStructure(doc);
    doc.on("afterTransaction", this.onTransaction);
  }

  /** The structure both texts shared when last settled (null: they differed). */
  get previous(): StructureToken[] | null {
    return this.shared;
  }

  /** True when something that can change the structure happened since the last settle. */
  get touched(): boolean {
    return this.dirty;
  }

  /** What alignLanguages needs to answer the changes since the last settle. */
  history(removedTexts?: ReadonlyMap<string, string>): AlignmentHistory {
    return { previous: this.shared, removedTexts, renamed: this.renames, edited: this.edited };
  }

  settle(): void {
    this.dirty = false;
    this.renames = [];
    this.renamedEls = new Set();
    this.edited = new Set();
    this.shared = sharedStructure(this.doc);
  }

  destroy(): void {
    this.doc.off("afterTransaction", this.onTransaction);
  }
}

/** The text of an article's body (what a merge appends to the article before it). */
export function bodyTextOf(el: Y.XmlElement): string {
  return el
    .toArray()
    .filter((child) => !(child instanceof Y.XmlElement && child.nodeName === NODE.clauseHeading))
    .map((child) => plainText(yXmlView, child as Y.XmlElement))
    .join("\n")
    .trim();
}

/**
 * Top-level articles of either text that an update deletes, with their body text as it was: call
 * before applying the update (the text is gone after). Keys are `${lang}|${token}`.
 */
export function articlesRemovedBy(doc: Y.Doc, ds: DeleteSet): Map<string, string> {
  const out = new Map<string, string>();
  if (ds.clients.size === 0) return out;
  for (const lang of TEXT_LANGS) {
    for (let item = fragmentOf(doc, lang)._start; item; item = item.right) {
      if (item.deleted || !Y.isDeleted(ds, item.id) || !(item.content instanceof Y.ContentType)) continue;
      const token = tokenOf(item.content.type);
      if (token?.startsWith(NODE.clause + ":")) out.set(`${lang}|${token}`, bodyTextOf(item.content.type as Y.XmlElement));
    }
  }
  return out;
}

/** Indices of a longest increasing subsequence of `values` (the nodes that need not move). */
function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < values[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) keep.add(i);
  return keep;
}

/** An empty counterpart: an article with an empty heading and paragraph, or an untitled chapter. */
function emptyCounterpart(token: StructureToken): Y.XmlElement {
  const [name, id] = [token.slice(0, token.indexOf(":")), token.slice(token.indexOf(":") + 1)];
  if (name === NODE.chapter) {
    const chapter = new Y.XmlElement(NODE.chapter);
    chapter.setAttribute("chapterId", id);
    return chapter;
  }
  const clause = new Y.XmlElement(NODE.clause);
  clause.setAttribute("clauseId", id);
  clause.insert(0, [new Y.XmlElement(NODE.clauseHeading), new Y.XmlElement(NODE.paragraph)]);
  return clause;
}

/**
 * Deletes the given top-level nodes, a run of neighbours at a time and last first (indices stay
 * valid): one update may remove thousands of articles, and each delete walks the list from its start.
 */
function removeNodes(fragment: Y.XmlFragment, els: Y.XmlElement[]): void {
  if (!els.length) return;
  const gone = new Set(els);
  const runs: [number, number][] = [];
  fragment.toArray().forEach((node, i) => {
    if (!gone.has(node as Y.XmlElement)) return;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === i) last[1]++;
    else runs.push([i, 1]);
  });
  for (const [start, length] of runs.reverse()) fragment.delete(start, length);
}

/** Makes one text's structure `target`: removes, moves (as copies) and adds its top-level nodes. */
function applyStructure(fragment: Y.XmlFragment, target: StructureToken[], removed: Set<StructureToken>): void {
  removeNodes(
    fragment,
    topsOf(fragment)
      .filter((t) => removed.has(t.token))
      .map((t) => t.el),
  );
  const rank = new Map(target.map((t, i) => [t, i]));
  const present = topsOf(fragment).filter((t) => rank.has(t.token));
  const stay = longestIncreasing(present.map((t) => rank.get(t.token)!));
  const placed = new Map<StructureToken, Y.XmlElement>();
  const moved = new Map<StructureToken, Y.XmlElement>();
  present.forEach((t, i) => (stay.has(i) ? placed.set(t.token, t.el) : moved.set(t.token, t.el.clone())));
  removeNodes(
    fragment,
    present.filter((_, i) => !stay.has(i)).map((t) => t.el),
  );
  // Inserted after their neighbour, a run at a time (no index lookups: thousands may come at once).
  let previous: Y.XmlElement | null = null;
  let run: Y.XmlElement[] = [];
  const flush = () => {
    if (run.length) fragment.insertAfter(previous, run);
    previous = run[run.length - 1] ?? previous;
    run = [];
  };
  for (const token of target) {
    const here = placed.get(token);
    if (here) {
      flush();
      previous = here;
    } else run.push(moved.get(token) ?? emptyCounterpart(token));
  }
  flush();
}

/** Gives chapters written without an id (before chapters had one, or by a plain client) a fresh one. */
function identifyChapters(fragment: Y.XmlFragment): boolean {
  let changed = false;
  for (const node of fragment.toArray()) {
    if (node instanceof Y.XmlElement && node.nodeName === NODE.chapter && !node.getAttribute("chapterId")) {
      node.setAttribute("chapterId", newClauseId());
      changed = true;
    }
  }
  return changed;
}

/** Appends the other language's text of a merged-away article to the article it was merged into. */
function carryMerge(tops: ReadonlyMap<StructureToken, Y.XmlElement>, from: StructureToken, into: StructureToken): void {
  const source = tops.get(from);
  const target = tops.get(into);
  if (!source || !target) return;
  const blocks: Y.XmlElement[] = [];
  for (const child of source.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.nodeName !== NODE.clauseHeading) blocks.push(child.clone());
    else if (plainText(yXmlView, child).trim()) {
      const paragraph = new Y.XmlElement(NODE.paragraph);
      paragraph.insert(0, child.toArray().map((c) => c.clone()) as (Y.XmlText | Y.XmlElement)[]);
      blocks.push(paragraph);
    }
  }
  if (blocks.length) target.insert(target.length, blocks);
}

export interface AlignmentHistory {
  /** The structure both texts shared before the change being answered (null: unknown). */
  previous: readonly StructureToken[] | null;
  /** Articles the change deleted, with their body text before it (articlesRemovedBy). */
  removedTexts?: ReadonlyMap<string, string>;
  /** Top-level nodes whose id the change changed (StructureWatch). */
  renamed?: readonly Renamed[];
  /** Top-level nodes the change edited inside (StructureWatch); unknown when absent. */
  edited?: ReadonlySet<Y.XmlElement>;
}

/**
 * A node whose id alone changed in one text (the editor binding rewrites an element in place
 * rather than deleting it, and the editor repairs duplicate ids): its counterpart in the other
 * text takes the new id too, keeping its text. Not when the old id is still in that text (a split
 * whose new half kept the old element) or the new id is already in the other text (a merge).
 */
function followRenames(doc: Y.Doc, renamed: readonly Renamed[]): void {
  const tops = topsByLang(doc);
  for (const { lang, from, el } of renamed) {
    const to = tokenOf(el);
    if (!to || to === from || el._item?.deleted || el.parent !== fragmentOf(doc, lang)) continue;
    const there = tops[otherLang(lang)];
    const counterpart = there.get(from);
    if (tops[lang].has(from) || !counterpart || there.has(to)) continue;
    counterpart.setAttribute(el.nodeName === NODE.clause ? "clauseId" : "chapterId", to.slice(to.indexOf(":") + 1));
    there.delete(from);
    there.set(to, counterpart);
  }
}

/** Each text's identified top-level nodes by token. */
function topsByLang(doc: Y.Doc): Record<TextLang, Map<StructureToken, Y.XmlElement>> {
  const of = (lang: TextLang) => new Map(topsOf(fragmentOf(doc, lang)).map((t) => [t.token, t.el]));
  return { en: of("en"), fr: of("fr") };
}

/**
 * Makes the French text's structure the English one's and back (see the top of this file), in one
 * transaction with `origin`. Returns true when it changed the document.
 */
export function alignLanguages(doc: Y.Doc, history: AlignmentHistory = { previous: null }, origin: unknown = null): boolean {
  let changed = false;
  doc.transact(() => {
    for (const lang of TEXT_LANGS) changed = identifyChapters(fragmentOf(doc, lang)) || changed;
    if (history.renamed?.length) followRenames(doc, history.renamed);
    const en = structureOf(doc, "en");
    const fr = structureOf(doc, "fr");
    if (sameList(en, fr)) return;
    changed = true;
    const has = { en: new Set(en), fr: new Set(fr) };
    const previous = history.previous;
    const removed = new Set((previous ?? []).filter((t) => !has.en.has(t) || !has.fr.has(t)));

    // A merge: the article was removed from one text and its text now ends the article before it
    // (or the binding rewrote its element into that article, under that article's id).
    const tops = removed.size ? topsByLang(doc) : null;
    const renamedTo = new Map((history.renamed ?? []).map((r) => [`${r.lang}|${r.from}`, tokenOf(r.el)]));
    let before: StructureToken | null = null; // the nearest article before, in `previous`, not removed
    for (const token of previous ?? []) {
      if (!removed.has(token)) {
        before = token;
        continue;
      }
      const removedIn = TEXT_LANGS.find((lang) => !has[lang].has(token));
      const keptIn = TEXT_LANGS.find((lang) => has[lang].has(token));
      if (!removedIn || !keptIn || !tops || !before?.startsWith(NODE.clause + ":")) continue;
      if (renamedTo.get(`${removedIn}|${token}`) === before) {
        carryMerge(tops[keptIn], token, before);
        continue;
      }
      const text = history.removedTexts?.get(`${removedIn}|${token}`);
      const into = tops[removedIn].get(before);
      // A merge writes into the article before; a deletion next to one ending alike does not.
      if (text && into && (history.edited?.has(into) ?? true) && bodyTextOf(into).endsWith(text)) carryMerge(tops[keptIn], token, before);
    }

    const current = { en: en.filter((t) => !removed.has(t)), fr: fr.filter((t) => !removed.has(t)) };
    const inBoth = (t: StructureToken) => has.en.has(t) && has.fr.has(t) && !removed.has(t);
    const orderChanged = (list: StructureToken[]) => !!previous && !sameList(list.filter(inBoth), previous.filter(inBoth));
    const leader: TextLang = orderChanged(current.en) || !orderChanged(current.fr) ? "en" : "fr";
    // The leader's order, and what only the other text has right after the same neighbour there.
    const inLeader = new Set(current[leader]);
    const following = new Map<StructureToken | null, StructureToken[]>();
    let neighbour: StructureToken | null = null;
    for (const token of current[otherLang(leader)]) {
      if (inLeader.has(token)) neighbour = token;
      else if (following.has(neighbour)) following.get(neighbour)!.push(token);
      else following.set(neighbour, [token]);
    }
    const target = [...(following.get(null) ?? [])];
    for (const token of current[leader]) target.push(token, ...(following.get(token) ?? []));
    for (const lang of TEXT_LANGS) {
      if (!sameList(structureOf(doc, lang), target) || removed.size) applyStructure(fragmentOf(doc, lang), target, removed);
    }
  }, origin);
  return changed;
}

/**
 * The change that aligns the languages after `update` is applied to `state` (null when none is
 * needed): for writers that have no collaboration room (the stored-log fallback).
 */
export function mirrorOf(state: Uint8Array, update: Uint8Array): Uint8Array | null {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const watch = new StructureWatch(doc);
    const removedTexts = articlesRemovedBy(doc, Y.decodeUpdate(update).ds);
    Y.applyUpdate(doc, update);
    watch.destroy();
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    alignLanguages(doc, watch.history(removedTexts));
    return updates.length > 1 ? Y.mergeUpdates(updates) : (updates[0] ?? null);
  } finally {
    doc.destroy();
  }
}
