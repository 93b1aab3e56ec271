// Applying an accepted amendment to a Y.Doc, the way restore does (ARCHITECTURE.md, "Amendments"):
// the live fragment is read as a ProseMirror document, the amendment becomes one ProseMirror
// replace step on it, and updateYFragment writes the difference back into the Y.Doc. Everything
// outside the replaced range (clause ids, headings, citations, other edits) is left as it is.
import * as Y from "yjs";
import { getSchema } from "@tiptap/core";
import { Fragment, Slice, type Node as PMNode, type Schema } from "@tiptap/pm/model";
import { Transform } from "@tiptap/pm/transform";
import { relativePositionToAbsolutePosition, updateYFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import { charterExtensions } from "@/lib/editor/extensions";
import { NODE } from "@/lib/editor/schema";
import { fragmentOf, type TextLang } from "@/lib/editor/languages";
import { newClauseId } from "@/lib/editor/ids";
import { findQuote } from "@/lib/comments/quote";
import type { AddPosition, AmendmentOp } from "@/lib/contracts/amendments";
import type { CommentAnchor } from "@/lib/contracts/comments";
import type { PMJsonValue } from "@/lib/contracts/versions";
import { DomainError } from "../errors";
import { isPassage } from "./passages";

let schemaCache: Schema | null = null;
const charterSchema = () => (schemaCache ??= getSchema(charterExtensions()));

export interface Application {
  /** The text it amends; the other language's text is left alone. */
  lang: TextLang;
  clauseId: string;
  op: AmendmentOp;
  anchor: CommentAnchor | null;
  /** ADD: before or after the passage's block (or the article); "after" when not given. */
  position?: AddPosition | null;
  /** The text that goes in: ProseMirror JSON when given, else plain text (paragraphs split on blank lines). */
  doc: PMJsonValue | null;
  text: string;
}

/** The block nodes of a proposed text. */
function blocksOf(schema: Schema, app: Application): PMNode[] {
  if (app.doc) {
    // The inline editor sends a doc of paragraphs, which the Charter's own doc (articles only)
    // would refuse: its children are read one by one.
    const json = app.doc as { type?: string; content?: unknown[] };
    const parts = json.type === "doc" ? (json.content ?? []) : [json];
    const blocks: PMNode[] = [];
    const collect = (n: PMNode) => {
      if (n.type.name === NODE.clause) n.forEach(collect);
      else if (n.type.name === NODE.clauseHeading || n.type.name === NODE.chapter) return;
      else if (n.isBlock) blocks.push(n);
      else blocks.push(schema.nodes[NODE.paragraph].create(null, n));
    };
    try {
      for (const part of parts) {
        const node = schema.nodeFromJSON(part);
        node.check();
        collect(node);
      }
    } catch {
      throw new DomainError("invalid", "The proposed text is not a valid text of this Charter.");
    }
    return blocks;
  }
  return app.text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean)
    .map((p) => schema.nodes[NODE.paragraph].create(null, schema.text(p)));
}

/**
 * Refuses (400) a proposed or agreed text that this Charter's schema cannot take or that holds no
 * words: checked when it is given, so acceptance never fails on it nor empties an article.
 */
export function checkProposedText(doc: PMJsonValue | null, text: string): void {
  const blocks = blocksOf(charterSchema(), { lang: "en", clauseId: "", op: "MOD", anchor: null, doc, text });
  if (!blocks.some((block) => block.textContent.trim())) throw new DomainError("invalid", "The proposed text is empty.");
}

type Mapping = Map<unknown, PMNode>;

/**
 * The document as ProseMirror reads it, with the map from each Y.XmlElement to its node that
 * y-tiptap's position mapping and updateYFragment use. Built through JSON, not with
 * initProseMirrorDoc: in the Next.js server bundle y-tiptap reaches another copy of
 * prosemirror-model than @tiptap/pm, and nodes built by one copy are refused by the other.
 */
function readDocument(schema: Schema, fragment: Y.XmlFragment): { doc: PMNode; mapping: Mapping } {
  const doc = schema.nodeFromJSON(yXmlFragmentToProsemirrorJSON(fragment));
  const mapping: Mapping = new Map();
  const pair = (y: Y.XmlFragment | Y.XmlElement, node: PMNode) => {
    let index = 0;
    for (const child of y.toArray()) {
      if (child instanceof Y.XmlElement) {
        while (index < node.childCount && node.child(index).isText) index++;
        if (index >= node.childCount) return;
        mapping.set(child, node.child(index));
        pair(child, node.child(index++));
      } else {
        // A Y.XmlText reads as zero or more text nodes (one per run of marks).
        while (index < node.childCount && node.child(index).isText) index++;
      }
    }
  };
  pair(fragment, doc);
  return { doc, mapping };
}

/** The article's node and its position among the document's positions. */
function findClause(doc: PMNode, clauseId: string): { node: PMNode; pos: number } | null {
  let found: { node: PMNode; pos: number } | null = null;
  doc.forEach((node, pos) => {
    if (!found && node.type.name === NODE.clause && node.attrs.clauseId === clauseId) found = { node, pos };
  });
  return found;
}

/** The passage's document positions: the anchor's relative positions, or its quote in one text node when it has none. */
function passageRange(ydoc: Y.Doc, fragment: Y.XmlFragment, mapping: Mapping, clause: { node: PMNode; pos: number }, anchor: CommentAnchor) {
  if (anchor.start !== undefined && anchor.end !== undefined) {
    const toPos = (json: unknown) => {
      try {
        return relativePositionToAbsolutePosition(ydoc, fragment, Y.createRelativePositionFromJSON(json), mapping as never);
      } catch {
        return null;
      }
    };
    const from = toPos(anchor.start);
    const to = toPos(anchor.end);
    // Positions that no longer hold the passage are not searched for by quote (passages.ts).
    return from !== null && to !== null && to > from && from > clause.pos && to < clause.pos + clause.node.nodeSize ? { from, to } : null;
  }
  let range: { from: number; to: number } | null = null;
  clause.node.descendants((node, offset) => {
    if (range || !node.isText) return !range;
    const i = findQuote(node.text ?? "", anchor);
    if (i >= 0) range = { from: clause.pos + 1 + offset + i, to: clause.pos + 1 + offset + i + anchor.exact.length };
    return false;
  });
  return range;
}

/** A passage's range in the live text as ProseMirror reads it: the range acceptance replaces. */
export interface PassageRange {
  /** The document read from the Y.Doc (exports map the range onto their own model of it). */
  doc: PMNode;
  clause: { node: PMNode; pos: number };
  from: number;
  to: number;
}

/**
 * Reads passages' ranges in one state of `ydoc` (the document is read once for all of them):
 * where the anchor's relative positions lie (its quote only when it has none), null when they no
 * longer cover a range of the article. Acceptance, proposals and exports all read passages so,
 * in the text of the amendment's language (English unless told).
 */
export function passageReader(ydoc: Y.Doc, lang: TextLang = "en"): (clauseId: string, anchor: CommentAnchor) => PassageRange | null {
  let read: ReturnType<typeof readDocument> | null = null;
  const fragment = fragmentOf(ydoc, lang);
  try {
    read = readDocument(charterSchema(), fragment);
  } catch {
    // a text ProseMirror cannot read: acceptance refuses it, the proposal may stand
  }
  return (clauseId, anchor) => {
    if (!read) return null;
    const clause = findClause(read.doc, clauseId);
    const range = clause && passageRange(ydoc, fragment, read.mapping, clause, anchor);
    return clause && range ? { doc: read.doc, clause, ...range } : null;
  };
}

/**
 * The text an anchor's relative positions cover in `ydoc`, read as the editor quotes a selection
 * (blocks joined by a line break, trimmed); null when they no longer cover a range of the article.
 * This range, not the quote, is what acceptance replaces.
 */
export function textAtPositions(ydoc: Y.Doc, clauseId: string, anchor: CommentAnchor, lang: TextLang = "en"): string | null {
  if (anchor.start === undefined || anchor.end === undefined) return null;
  const range = passageReader(ydoc, lang)(clauseId, anchor);
  return range ? range.doc.textBetween(range.from, range.to, "\n").trim() : null;
}

/** The Yjs update that applies `app` to the document in `state`. */
export function applicationUpdate(state: Uint8Array, app: Application): Uint8Array {
  const schema = charterSchema();
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    const fragment = fragmentOf(ydoc, app.lang);
    const { doc, mapping } = readDocument(schema, fragment);
    const clause = findClause(doc, app.clauseId);
    if (!clause) throw new DomainError("conflict", "The article is no longer in the draft; the amendment cannot be applied.");
    const tr = new Transform(doc);
    const heading = clause.node.firstChild?.type.name === NODE.clauseHeading ? clause.node.firstChild : null;
    const bodyFrom = clause.pos + 1 + (heading?.nodeSize ?? 0);
    const clauseEnd = clause.pos + clause.node.nodeSize;
    const passage = isPassage(app.anchor) ? passageRange(ydoc, fragment, mapping, clause, app.anchor) : null;
    if (isPassage(app.anchor) && !passage) throw new DomainError("outdated", "The amended passage is no longer in the text.");

    if (app.op === "MOD") {
      const blocks = blocksOf(schema, app);
      if (passage) {
        // One paragraph replaces inline; several split the paragraph around them.
        const slice = blocks.length === 1 ? new Slice(blocks[0].content, 0, 0) : new Slice(Fragment.fromArray(blocks), 1, 1);
        tr.replace(passage.from, passage.to, slice);
      } else tr.replaceWith(bodyFrom, clauseEnd - 1, blocks);
    } else if (app.op === "SUP") {
      if (passage) tr.delete(passage.from, passage.to);
      else if (doc.childCount === 1) throw new DomainError("conflict", "The last article of a draft cannot be deleted.");
      else tr.delete(clause.pos, clauseEnd);
    } else if (app.op === "ADD") {
      const blocks = blocksOf(schema, app);
      const before = app.position === "before";
      if (passage) {
        // New paragraphs beside the block that holds the passage.
        // Nothing goes above an article's heading: "before" a heading passage is the body's top.
        tr.insert(before ? Math.max(doc.resolve(passage.from).before(2), bodyFrom) : doc.resolve(passage.to).after(2), blocks);
      } else {
        const article = schema.nodes[NODE.clause].create({ clauseId: newClauseId() }, [schema.nodes[NODE.clauseHeading].create(), ...blocks]);
        tr.insert(before ? clause.pos : clauseEnd, article);
      }
    }
    const before = Y.encodeStateVector(ydoc);
    if (!tr.docChanged) return Y.encodeStateAsUpdate(ydoc, before);
    tr.doc.check();
    updateYFragment(ydoc, fragment, tr.doc, { mapping, isOMark: new Map() } as never);
    return Y.encodeStateAsUpdate(ydoc, before);
  } finally {
    ydoc.destroy();
  }
}
