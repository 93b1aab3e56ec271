// Where an amendment stands in the current text: the article, the paragraphs and the characters
// of the passage it amends. The one reading of amendment anchors for exports (the disposition
// table's "Article/para" column and the tracked-changes compilation both use it). A passage is
// where acceptance would find it (server/domain/amendments/apply.ts passageReader: its Yjs
// relative positions, across citations and paragraphs), mapped onto the export model's segments;
// when its positions no longer cover a range of the article, it has no place (the annex).
import type * as Y from "yjs";
import type { Node as PMNode } from "@tiptap/pm/model";
import { passageReader, type PassageRange } from "@/server/domain/amendments/apply";
import { isPassage } from "@/server/domain/amendments/passages";
import { plainText, pmJsonView, type PMJson } from "@/lib/editor/clauses";
import { NODE } from "@/lib/editor/schema";
import type { TextLang } from "@/lib/editor/languages";
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

/** The characters [start, end) of one segment's text that a passage covers. */
export interface PassagePart {
  segment: string;
  /** 1-based paragraph of the article's body; null for the heading. */
  para: number | null;
  start: number;
  end: number;
}

export type AmendmentPlace =
  /** A passage: its parts in document order (several when it runs across paragraphs). */
  | { kind: "passage"; clauseId: string; article: number; parts: PassagePart[] }
  /** The whole article (no passage was selected). */
  | { kind: "article"; clauseId: string; article: number }
  /** The article is gone, or the passage's positions no longer cover a range of it. */
  | { kind: "gone"; article: number | null };

/** How many characters of a segment's text an inline node reads as (as model.ts renders runs). */
function widthOf(node: PMNode, heading: boolean): number {
  if (node.isText) return node.text!.length;
  if (heading) return 0; // a heading is its text only
  if (node.type.name === NODE.citation) return String(node.attrs.key ?? "").length + 2; // "[key]"
  return node.type.name === "hardBreak" ? 1 : 0;
}

/** A text block of the article in the document, and the segment it renders as. */
interface Textblock {
  node: PMNode;
  /** Document position where its content starts. */
  start: number;
  segment: string;
  para: number | null;
  heading: boolean;
  /** Characters of the segment before it (a list item of several paragraphs). */
  base: number;
}

/** The article's text blocks in the order and with the keys of articleSegments (model.ts skips other blocks). */
function textblocksOf(clause: PassageRange["clause"]): Textblock[] {
  const blocks: Textblock[] = [];
  let b = 0;
  clause.node.forEach((child, offset) => {
    const at = clause.pos + 1 + offset;
    const name = child.type.name;
    if (name === NODE.clauseHeading) blocks.push({ node: child, start: at + 1, segment: "heading", para: null, heading: true, base: 0 });
    else if (name === NODE.paragraph) {
      blocks.push({ node: child, start: at + 1, segment: String(b), para: b + 1, heading: false, base: 0 });
      b++;
    } else if (name === "bulletList" || name === "orderedList") {
      child.forEach((item, itemOffset, i) => {
        let base = 0;
        item.forEach((p, pOffset) => {
          if (p.type.name !== NODE.paragraph) return;
          blocks.push({ node: p, start: at + 1 + itemOffset + 1 + pOffset + 1, segment: `${b}.${i}`, para: b + 1, heading: false, base });
          p.forEach((inline) => (base += widthOf(inline, false)));
        });
      });
      b++;
    }
  });
  return blocks;
}

/** Characters of the block's segment text before document position `pos` inside it. */
function charsBefore(block: Textblock, pos: number): number {
  let chars = block.base;
  let at = block.start;
  for (let i = 0; i < block.node.childCount && at < pos; i++) {
    const child = block.node.child(i);
    chars += child.isText ? Math.min(child.nodeSize, pos - at) : widthOf(child, block.heading);
    at += child.nodeSize;
  }
  return chars;
}

/** The segments' characters a passage's range covers. */
function partsOf(range: PassageRange): PassagePart[] {
  const parts: PassagePart[] = [];
  for (const block of textblocksOf(range.clause)) {
    const from = Math.max(range.from, block.start);
    const to = Math.min(range.to, block.start + block.node.content.size);
    if (from >= to) continue;
    const [start, end] = [charsBefore(block, from), charsBefore(block, to)];
    if (end <= start) continue;
    const last = parts[parts.length - 1];
    if (last?.segment === block.segment) last.end = end;
    else parts.push({ segment: block.segment, para: block.para, start, end });
  }
  return parts;
}

/**
 * Places amendments in one state of one language's text (the Y.Doc and the export model built from
 * that text): only amendments of that text (`lang` on each) have a place in it.
 */
export function amendmentPlacer(doc: Y.Doc, chapters: Chapter[], lang: TextLang = "en") {
  const articles = new Map(chapters.flatMap((c) => c.articles).map((a) => [a.clauseId, a]));
  const passageAt = passageReader(doc, lang);

  return (amendment: { clauseId: string; anchor: CommentAnchor | null }): AmendmentPlace => {
    const article = articles.get(amendment.clauseId);
    if (!article) return { kind: "gone", article: null };
    if (!isPassage(amendment.anchor)) return { kind: "article", clauseId: article.clauseId, article: article.number };
    const range = passageAt(amendment.clauseId, amendment.anchor);
    const parts = range ? partsOf(range) : [];
    return parts.length ? { kind: "passage", clauseId: article.clauseId, article: article.number, parts } : { kind: "gone", article: article.number };
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
