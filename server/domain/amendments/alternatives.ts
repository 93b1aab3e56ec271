// What an amendment looks like against the live text now: the current text of its passage,
// whether it is outdated, and which alternatives it competes with. Computed on one Y.Doc per call,
// whatever the number of amendments (the list asks for all of them at once). Each amendment is read
// in its own language's text and competes only with amendments of that text.
import * as Y from "yjs";
import { db } from "@/server/db/client";
import { amendmentsRepo } from "@/server/db/repositories/amendments";
import { readClauses } from "@/lib/editor/ydoc";
import type { TextLang } from "@/lib/editor/languages";
import { sameQuote } from "@/lib/comments/quote";
import type { CommentAnchor } from "@/lib/contracts/comments";
import { currentDraftState } from "../live-documents";
import { isPassage, readPassage, type Passage } from "./passages";

/** Submitted and not finally decided: these have a base, can be outdated and have alternatives. */
export const OPEN_STATUSES = ["submitted", "under_consideration", "deferred"] as const;
export const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

export interface LiveFacts {
  current: string;
  outdated: boolean;
  group: string | null;
}

interface Located {
  id: string;
  number: number | null;
  lang: TextLang;
  clauseId: string;
  anchor: CommentAnchor | null;
  passage: Passage;
}

/**
 * A whole-article amendment competes with every amendment of its article in the same language;
 * passages when they share text. The English and French texts are amended separately.
 */
function overlaps(a: Located, b: Located): boolean {
  if (a.clauseId !== b.clauseId || a.lang !== b.lang) return false;
  if (!isPassage(a.anchor) || !isPassage(b.anchor)) return true;
  const [ra, rb] = [a.passage.range, b.passage.range];
  if (ra && rb) {
    if (ra.type !== rb.type) return false;
    // Equal ranges (two ADDs at one point, two collapsed passages) compete too.
    return (ra.from < rb.to && rb.from < ra.to) || (ra.from === rb.from && ra.to === rb.to);
  }
  return a.anchor.exact.includes(b.anchor.exact) || b.anchor.exact.includes(a.anchor.exact);
}

/** Group id per amendment: the id of the lowest-numbered member; alone → no entry. */
function groupsOf(open: Located[]): Map<string, string> {
  const parent = new Map(open.map((a) => [a.id, a.id]));
  const root = (id: string): string => {
    const p = parent.get(id)!;
    return p === id ? id : root(p);
  };
  const rank = new Map(open.map((a) => [a.id, a.number ?? Number.MAX_SAFE_INTEGER]));
  const byArticle = new Map<string, Located[]>();
  for (const a of open) byArticle.set(a.clauseId, [...(byArticle.get(a.clauseId) ?? []), a]);
  for (const same of byArticle.values()) {
    for (let i = 0; i < same.length; i++) {
      for (let j = i + 1; j < same.length; j++) {
        if (!overlaps(same[i], same[j])) continue;
        const [ri, rj] = [root(same[i].id), root(same[j].id)];
        if (ri === rj) continue;
        // The lower-numbered root stays root, so the group is named after its first amendment.
        if (rank.get(ri)! <= rank.get(rj)!) parent.set(rj, ri);
        else parent.set(ri, rj);
      }
    }
  }
  const size = new Map<string, number>();
  for (const a of open) size.set(root(a.id), (size.get(root(a.id)) ?? 0) + 1);
  const groups = new Map<string, string>();
  for (const a of open) if (size.get(root(a.id))! > 1) groups.set(a.id, root(a.id));
  return groups;
}

/** Live facts for `rows` (amendments of one draft), read from `state` or the live text now. */
export async function liveFacts(
  draftId: string,
  rows: { id: string; lang: TextLang; clauseId: string; anchor: CommentAnchor | null; status: string; baseText: string | null }[],
  state?: Uint8Array,
): Promise<Map<string, LiveFacts>> {
  const facts = new Map<string, LiveFacts>();
  if (!rows.length) return facts;
  // Alternatives are always of one article: rows of one article need only its open amendments.
  const articles = new Set(rows.map((r) => r.clauseId));
  const open = await amendmentsRepo.open(db(), draftId, articles.size === 1 ? rows[0].clauseId : undefined);
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state ?? (await currentDraftState(draftId)));
    const clauses = { en: readClauses(doc, "en"), fr: readClauses(doc, "fr") };
    const located = open.map((a) => ({ ...a, passage: readPassage(doc, clauses[a.lang], a.clauseId, a.anchor, a.lang) }));
    const groups = groupsOf(located);
    const byId = new Map(located.map((a) => [a.id, a]));
    for (const row of rows) {
      const current = (byId.get(row.id)?.passage ?? readPassage(doc, clauses[row.lang], row.clauseId, row.anchor, row.lang)).text;
      facts.set(row.id, {
        current,
        outdated: isOpen(row.status) && row.baseText !== null && !sameQuote(current, row.baseText),
        group: groups.get(row.id) ?? null,
      });
    }
    return facts;
  } finally {
    doc.destroy();
  }
}

/** The text an amendment amends as it reads in `state` (its base, at submission), in its language's text. */
export function passageTextIn(state: Uint8Array, clauseId: string, anchor: CommentAnchor | null, lang: TextLang): string {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return readPassage(doc, readClauses(doc, lang), clauseId, anchor, lang).text;
  } finally {
    doc.destroy();
  }
}
