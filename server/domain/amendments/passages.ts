// The text an amendment amends, read from a Y.Doc: the anchored passage (through the anchor's Yjs
// relative positions, like comments), or the whole article's text when it has no anchor. The same
// reading gives the base stored at submission and the current text compared with it, so an
// amendment is outdated exactly when its own passage changed, never because of an edit elsewhere.
import * as Y from "yjs";
import { findQuote } from "@/lib/comments/quote";
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

export function readPassage(doc: Y.Doc, clauses: ClauseSnapshot[], clauseId: string, anchor: CommentAnchor | null): Passage {
  const clause = clauses.find((c) => c.clauseId === clauseId);
  if (!isPassage(anchor)) return { text: clause?.text ?? "", range: null };
  if (anchor.start !== undefined && anchor.end !== undefined) {
    const start = absolute(anchor.start, doc);
    const end = absolute(anchor.end, doc);
    if (start && end && start.type === end.type && start.type instanceof Y.XmlText) {
      const to = Math.max(start.index, end.index);
      // All of it deleted: both ends collapse onto one place and the passage reads "" (outdated).
      // Unlike comments, no quote search then: the same words elsewhere are not the passage the
      // sponsor amended, and a wrong replacement is worse than a refusal.
      return { text: plainOf(start.type).slice(start.index, to), range: { type: start.type, from: start.index, to } };
    }
  }
  // An anchor without usable positions: the quote, if the article still holds it.
  if (clause && findQuote(`${clause.heading}\n${clause.text}`, anchor) >= 0) return { text: anchor.exact, range: null };
  return { text: "", range: null };
}
