// The text an amendment amends, read from a Y.Doc: the anchored passage (through the anchor's Yjs
// relative positions, like comments), or the whole article's text when it has no anchor. The same
// reading gives the base stored at submission and the current text compared with it, so an
// amendment is outdated exactly when its own passage changed, never because of an edit elsewhere.
// An amendment amends one language's text (its `lang`): passages are read in that text only.
import * as Y from "yjs";
import { findQuote } from "@/lib/comments/quote";
import { isInText } from "@/lib/comments/anchor";
import { fragmentOf, type TextLang } from "@/lib/editor/languages";
import type { ClauseSnapshot } from "@/lib/editor/ydoc";
import type { CommentAnchor } from "@/lib/contracts/comments";

export interface Passage {
  /** "" when the passage (or the article) is gone. */
  text: string;
  /** Where it lies, for telling alternatives apart: a run of one Y.XmlText; null for a whole article. */
  range: { type: Y.XmlText; from: number; to: number } | null;
}

/** True when the amendment concerns a passage rather than the whole article. */
export const isPassage = (anchor: CommentAnchor | null): anchor is CommentAnchor => !!anchor?.exact;

function absolute(json: unknown, doc: Y.Doc) {
  try {
    return Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);
  } catch {
    return null;
  }
}

const plainOf = (text: Y.XmlText) =>
  (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("");

/**
 * The text between two positions in different runs of one article (a passage across a citation or
 * several paragraphs): runs of one paragraph joined as they are, paragraphs by a line break, a
 * citation reading "" (as the editor quotes a selection). Null when they are not in that order there.
 */
function textAcross(doc: Y.Doc, lang: TextLang, clauseId: string, start: Y.AbsolutePosition, end: Y.AbsolutePosition): string | null {
  const clause = fragmentOf(doc, lang).toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute("clauseId") === clauseId);
  if (!(clause instanceof Y.XmlElement)) return null;
  const runs: Y.XmlText[] = [];
  const visit = (node: Y.XmlElement) =>
    node.toArray().forEach((child) => (child instanceof Y.XmlText ? runs.push(child) : child instanceof Y.XmlElement && visit(child)));
  visit(clause);
  const [from, to] = [runs.indexOf(start.type as Y.XmlText), runs.indexOf(end.type as Y.XmlText)];
  if (from < 0 || to <= from) return null;
  let text = plainOf(runs[from]).slice(start.index);
  for (let i = from + 1; i <= to; i++) {
    const run = i === to ? plainOf(runs[i]).slice(0, end.index) : plainOf(runs[i]);
    text += (runs[i].parent === runs[i - 1].parent ? "" : "\n") + run;
  }
  return text.trim();
}

/** `clauses`: readClauses(doc, lang), the text the amendment amends. */
export function readPassage(doc: Y.Doc, clauses: ClauseSnapshot[], clauseId: string, anchor: CommentAnchor | null, lang: TextLang = "en"): Passage {
  const clause = clauses.find((c) => c.clauseId === clauseId);
  if (!isPassage(anchor)) return { text: clause?.text ?? "", range: null };
  if (anchor.start !== undefined && anchor.end !== undefined) {
    // Positions in the other language's text are no positions in this one.
    const inText = (p: Y.AbsolutePosition | null) => (p && isInText(doc, p.type, lang) ? p : null);
    const start = inText(absolute(anchor.start, doc));
    const end = inText(absolute(anchor.end, doc));
    if (start && end && start.type === end.type && start.type instanceof Y.XmlText) {
      const to = Math.max(start.index, end.index);
      // All of it deleted: both ends collapse onto one place and the passage reads "" (outdated).
      // Unlike comments, no quote search then: the same words elsewhere are not the passage the
      // sponsor amended, and a wrong replacement is worse than a refusal.
      return { text: plainOf(start.type).slice(start.index, to), range: { type: start.type, from: start.index, to } };
    }
    // Across runs: what the positions cover, never the quote (the quote search cannot see a
    // citation as the editor quoted it, and would hide an edit inside the passage).
    if (start && end && start.type instanceof Y.XmlText && end.type instanceof Y.XmlText) {
      return { text: textAcross(doc, lang, clauseId, start, end) ?? "", range: null };
    }
  }
  // An anchor without usable positions: the quote, if the article still holds it.
  if (clause && findQuote(`${clause.heading}\n${clause.text}`, anchor) >= 0) return { text: anchor.exact, range: null };
  return { text: "", range: null };
}
