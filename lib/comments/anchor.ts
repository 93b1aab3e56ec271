// Comment anchors that survive concurrent edits (ARCHITECTURE.md rule 8): Yjs relative positions
// first, then the quoted text (prefix / exact / suffix) inside the clause, then the clause itself
// for whole-clause comments. What cannot be found again is orphaned, never dropped.
// Every anchor belongs to one language's text (its thread's, amendment's or bracket's `lang`) and
// is resolved against that text only: a French comment never lands on the English article.
import * as Y from "yjs";
import { readClauses, type ClauseSnapshot } from "../editor/ydoc";
import { fragmentOf, type TextLang } from "../editor/languages";
import type { CommentAnchor } from "../contracts/comments";
import { findQuote } from "./quote";

export { findQuote };

// The anchor's schema lives with the comments contract (no Yjs needed to check a shape).
export { anchorSchema, MAX_ANCHOR_JSON_CHARS, type CommentAnchor } from "../contracts/comments";

export type AnchorResolution =
  | { status: "anchored"; via: "relative" | "quote" | "clause"; clauseId: string }
  | { status: "orphaned" };

/** True when `type` lies inside `lang`'s text (relative positions name items, whichever text holds them). */
export function isInText(doc: Y.Doc, type: { _item: Y.Item | null }, lang: TextLang): boolean {
  const fragment: unknown = fragmentOf(doc, lang);
  let node: { _item: Y.Item | null } | null = type;
  while (node && node !== fragment) {
    const parent: unknown = node._item?.parent;
    node = parent instanceof Y.AbstractType ? parent : null;
  }
  return node === fragment;
}

function textBetween(doc: Y.Doc, startJson: unknown, endJson: unknown, lang: TextLang): string | null {
  try {
    const start = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(startJson), doc);
    const end = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(endJson), doc);
    if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText)) return null;
    if (!isInText(doc, start.type, lang)) return null;
    if (end.index <= start.index) return null;
    return plainOf(start.type).slice(start.index, end.index);
  } catch {
    return null;
  }
}

function plainOf(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("");
}

/**
 * The text an anchor's relative range covers now (edits inside the range move with it), or null
 * when the range is gone or never had one: exports mark exactly this text as the amended passage.
 */
export function anchoredText(doc: Y.Doc, anchor: CommentAnchor, lang: TextLang = "en"): string | null {
  if (anchor.start === undefined || anchor.end === undefined) return null;
  const between = textBetween(doc, anchor.start, anchor.end, lang);
  return between && between.trim() ? between : null;
}

/**
 * Where `anchor` is in `lang`'s text. `clauses` (that text's, readClauses(doc, lang)) may be passed
 * in when many anchors are resolved against the same document.
 */
export function resolveAnchor(doc: Y.Doc, anchor: CommentAnchor, lang: TextLang = "en", clauses: ClauseSnapshot[] = readClauses(doc, lang)): AnchorResolution {
  const clause = clauses.find((c) => c.clauseId === anchor.clauseId);
  if (!anchor.exact) return clause ? { status: "anchored", via: "clause", clauseId: anchor.clauseId } : { status: "orphaned" };
  if (anchor.start !== undefined && anchor.end !== undefined) {
    const between = textBetween(doc, anchor.start, anchor.end, lang);
    // The range still holds text: edits inside it move with it. When all of it is deleted, both
    // ends collapse onto one place and the quote is looked for instead.
    if (between && between.trim()) {
      return { status: "anchored", via: "relative", clauseId: anchor.clauseId };
    }
  }
  if (clause && findQuote(`${clause.heading}\n${clause.text}`, anchor) >= 0) return { status: "anchored", via: "quote", clauseId: anchor.clauseId };
  // The quote may have moved with its sentence to another clause (split, merge).
  const moved = clauses.find((c) => findQuote(`${c.heading}\n${c.text}`, anchor) >= 0);
  if (moved) return { status: "anchored", via: "quote", clauseId: moved.clauseId };
  return { status: "orphaned" };
}

/**
 * The Yjs client ids that wrote the text an anchor covers (its relative range, still present):
 * the server maps them to people, so whoever wrote a sentence hears of a comment on it.
 */
export function clientsWhoWrote(doc: Y.Doc, anchor: CommentAnchor): number[] {
  if (anchor.start === undefined || anchor.end === undefined) return [];
  try {
    const start = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor.start), doc);
    const end = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor.end), doc);
    if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText)) return [];
    const clients = new Set<number>();
    let index = 0;
    for (let item = start.type._start; item && index < end.index; item = item.right) {
      if (item.deleted || !item.countable) continue;
      if (index + item.length > start.index) clients.add(item.id.client);
      index += item.length;
    }
    return [...clients];
  } catch {
    return [];
  }
}

/**
 * An anchor on an occurrence of `exact` inside one text node of an article (the one whose
 * surroundings best match `context`, else the first), as the editor builds it from a selection
 * (start after, end before the passage; 40 characters either side): for callers without an
 * editor (quote-only anchors sent to the API, the demo seed, tests).
 */
export function anchorOnPassage(
  doc: Y.Doc,
  clauseId: string,
  exact: string,
  context: { prefix: string; suffix: string } = { prefix: "", suffix: "" },
  lang: TextLang = "en",
): CommentAnchor | null {
  const texts: Y.XmlText[] = [];
  const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment | Y.XmlHook, inClause: boolean) => {
    if (node instanceof Y.XmlText) {
      if (inClause) texts.push(node);
      return;
    }
    if (node instanceof Y.XmlHook) return;
    const here = inClause || (node instanceof Y.XmlElement && node.getAttribute("clauseId") === clauseId);
    node.toArray().forEach((child) => visit(child, here));
  };
  visit(fragmentOf(doc, lang), false);
  for (const text of texts) {
    const full = plainOf(text);
    // The occurrence whose surroundings best match the context (the first one without context).
    const i = findQuote(full, { prefix: context.prefix, exact, suffix: context.suffix });
    if (i < 0) continue;
    const start = Y.createRelativePositionFromTypeIndex(text, i, 0);
    const end = Y.createRelativePositionFromTypeIndex(text, i + exact.length, -1);
    return {
      clauseId,
      start: Y.relativePositionToJSON(start),
      end: Y.relativePositionToJSON(end),
      prefix: full.slice(Math.max(0, i - 40), i),
      // As the text has it (the words asked for may have had plain spaces for no-break ones).
      exact: full.slice(i, i + exact.length),
      suffix: full.slice(i + exact.length, i + exact.length + 40),
    };
  }
  return null;
}
