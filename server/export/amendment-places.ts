// Where an amendment stands in the current text: the article, the paragraph and the characters of
// the passage it amends. The one reading of amendment anchors for exports (the disposition
// table's "Article/para" column and the tracked-changes compilation both use it). Anchors resolve
// as comments do (lib/comments/anchor.ts): relative positions first, then the quote.
import type * as Y from "yjs";
import { anchoredText, findQuote, resolveAnchor } from "@/lib/comments/anchor";
import type { ClauseSnapshot } from "@/lib/editor/ydoc";
import { plainText, pmJsonView, type PMJson } from "@/lib/editor/clauses";
import { NODE } from "@/lib/editor/schema";
import type { CommentAnchor } from "@/lib/contracts/comments";
import { plainRuns, type Article, type Chapter, type Run } from "./model";

/**
 * One run of text of an article: its heading, a paragraph, or one item of a list. `key` names it
 * for the renderer ("heading", "2" for the third block, "2.1" for that list's second item).
 */
export interface Segment {
  key: string;
  /** 1-based paragraph of the article's body; null for the heading. */
  para: number | null;
  runs: Run[];
  text: string;
}

export function articleSegments(article: Article): Segment[] {
  const segments: Segment[] = [{ key: "heading", para: null, runs: [{ type: "text", text: article.heading, bold: false, italic: false }], text: article.heading }];
  article.blocks.forEach((block, b) => {
    if (block.type === "paragraph") segments.push({ key: String(b), para: b + 1, runs: block.runs, text: plainRuns(block.runs) });
    else block.items.forEach((item, i) => segments.push({ key: `${b}.${i}`, para: b + 1, runs: item, text: plainRuns(item) }));
  });
  return segments;
}

export type AmendmentPlace =
  /** A passage found inside one segment: characters [start, end) of its text. */
  | { kind: "passage"; clauseId: string; article: number; segment: string; para: number | null; start: number; end: number; text: string }
  /** The whole article (no passage was selected). */
  | { kind: "article"; clauseId: string; article: number }
  /** The article or the passage is no longer in the text (or no longer in one piece). */
  | { kind: "gone"; article: number | null };

/** Resolves anchors against one state of the text (the Y.Doc and the export model built from it). */
export function amendmentPlacer(doc: Y.Doc, clauses: ClauseSnapshot[], chapters: Chapter[]) {
  const articles = new Map(chapters.flatMap((c) => c.articles).map((a) => [a.clauseId, a]));
  const segmentsOf = new Map<string, Segment[]>();
  const segments = (a: Article) => segmentsOf.get(a.clauseId) ?? segmentsOf.set(a.clauseId, articleSegments(a)).get(a.clauseId)!;

  return (amendment: { clauseId: string; anchor: CommentAnchor | null }): AmendmentPlace => {
    const own = articles.get(amendment.clauseId);
    const anchor = amendment.anchor;
    if (!anchor || !anchor.exact) return own ? { kind: "article", clauseId: own.clauseId, article: own.number } : { kind: "gone", article: null };
    const resolution = resolveAnchor(doc, anchor, clauses);
    const article = resolution.status === "anchored" ? articles.get(resolution.clauseId) : undefined;
    if (!article) return { kind: "gone", article: own?.number ?? null };
    // What the range holds now (edits inside it included); the quote when the range is gone.
    const passage = anchoredText(doc, anchor) ?? anchor.exact;
    const parts = segments(article);
    const joined = parts.map((s) => s.text).join("\n");
    const at = findQuote(joined, { prefix: anchor.prefix, exact: passage, suffix: anchor.suffix });
    if (at < 0) return { kind: "gone", article: article.number };
    let offset = 0;
    for (const segment of parts) {
      const end = offset + segment.text.length;
      if (at >= offset && at + passage.length <= end) {
        return { kind: "passage", clauseId: article.clauseId, article: article.number, segment: segment.key, para: segment.para, start: at - offset, end: at - offset + passage.length, text: passage };
      }
      offset = end + 1;
    }
    // Across a paragraph break: no single place in the text to mark.
    return { kind: "gone", article: article.number };
  };
}

/**
 * The proposed text, one string per paragraph: the plain text as given (paragraphs separated by a
 * blank line), else the paragraphs of the proposed ProseMirror document.
 */
export function proposedParagraphs(amendment: { proposedText: string; proposedDoc: PMJson | null }): string[] {
  if (amendment.proposedText.trim()) return amendment.proposedText.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  if (!amendment.proposedDoc) return [];
  const paragraphs: string[] = [];
  const visit = (node: PMJson) => {
    if (node.type === NODE.paragraph || node.type === NODE.clauseHeading) paragraphs.push(plainText(pmJsonView, node).trim());
    else (node.content ?? []).forEach(visit);
  };
  visit(amendment.proposedDoc);
  return paragraphs.filter(Boolean);
}
