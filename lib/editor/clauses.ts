// The one walk over the Charter's structure: top-level chapters and numbered articles (clauses),
// each article's heading, body blocks and citations. The clause index reads a Y.Doc with it, the
// exports read ProseMirror JSON with it, and the editor can read its live ProseMirror Node with it;
// each passes a `NodeView` saying how to look at its kind of node, so numbering, chapters and
// "the first child is the heading" are decided here only.
import type * as Y from "yjs";
import { NODE } from "./schema";

export interface CitationRef {
  sourceItemId: string;
  key: string;
}

/** The type name every view gives text nodes (ProseMirror's, and the Y view's for a Y.XmlText). */
const TEXT = "text";

/** What the walker needs to know about a node, whatever holds the document. */
export interface NodeView<N> {
  /** The node's type name (`NODE.*`, "bulletList"…; "text" for text nodes). */
  name(node: N): string;
  attr(node: N, key: string): unknown;
  children(node: N): readonly N[];
  /** The characters of a text node, null for any other node. */
  text(node: N): string | null;
  /** The node's size in document positions, when the document has positions (ProseMirror Node). */
  size?(node: N): number;
}

export interface ChapterEntry<N> {
  kind: "chapter";
  node: N;
  /** The chapter's title as written (not trimmed). */
  title: string;
  /** Index among the top-level nodes. */
  position: number;
  /** Document position before the node (ProseMirror Node only). */
  offset: number | null;
}

export interface ClauseEntry<N> {
  kind: "clause";
  node: N;
  clauseId: string;
  /** 1-based article number in display order. */
  number: number;
  /** Index among the top-level nodes (chapters included). */
  position: number;
  /** Document position before the node (ProseMirror Node only). */
  offset: number | null;
  /** Title of the chapter above as written, null before the first chapter. */
  chapter: string | null;
  /** The heading's text as written (not trimmed); "" for an article without a heading node. */
  heading: string;
  headingNode: N | null;
  /** The article's body: paragraphs and lists (every child when the heading is missing). */
  body: N[];
}

export type StructureEntry<N> = ChapterEntry<N> | ClauseEntry<N>;

/** Chapters and articles of a document, in display order. */
export function* walkStructure<N>(doc: N, view: NodeView<N>): Generator<StructureEntry<N>> {
  let chapter: string | null = null;
  let number = 0;
  let offset = 0;
  const children = view.children(doc);
  for (let position = 0; position < children.length; position++) {
    const node = children[position];
    const at = view.size ? offset : null;
    if (view.size) offset += view.size(node);
    const name = view.name(node);
    if (name === NODE.chapter) {
      chapter = textOf(view, node);
      yield { kind: "chapter", node, title: chapter, position, offset: at };
    } else if (name === NODE.clause) {
      const [first, ...rest] = view.children(node);
      const hasHeading = first !== undefined && view.name(first) === NODE.clauseHeading;
      yield {
        kind: "clause",
        node,
        clauseId: String(view.attr(node, "clauseId") ?? ""),
        number: ++number,
        position,
        offset: at,
        chapter,
        heading: hasHeading ? textOf(view, first) : "",
        headingNode: hasHeading ? first : null,
        body: hasHeading ? rest : first === undefined ? [] : [first, ...rest],
      };
    }
  }
}

/** The articles only. */
export function* walkClauses<N>(doc: N, view: NodeView<N>): Generator<ClauseEntry<N>> {
  for (const entry of walkStructure(doc, view)) if (entry.kind === "clause") yield entry;
}

/** The characters of a node's text children (chapter titles and headings hold text only). */
export function textOf<N>(view: NodeView<N>, node: N): string {
  return view.children(node).map((child) => view.text(child) ?? "").join("");
}

/** A citation node's reference, or null for any other node. */
export function citationOf<N>(view: NodeView<N>, node: N): CitationRef | null {
  if (view.name(node) !== NODE.citation) return null;
  return { sourceItemId: String(view.attr(node, "sourceItemId") ?? ""), key: String(view.attr(node, "key") ?? "") };
}

/** Every citation (with a source item id) inside the nodes, in document order. */
export function citationsIn<N>(view: NodeView<N>, nodes: readonly N[]): CitationRef[] {
  const found: CitationRef[] = [];
  const visit = (node: N) => {
    const ref = citationOf(view, node);
    if (ref) {
      if (ref.sourceItemId) found.push(ref);
      return;
    }
    view.children(node).forEach(visit);
  };
  nodes.forEach(visit);
  return found;
}

/** An article's citations: heading first, then the body, in document order. */
export function clauseCitations<N>(view: NodeView<N>, clause: ClauseEntry<N>): CitationRef[] {
  return citationsIn(view, clause.headingNode ? [clause.headingNode, ...clause.body] : clause.body);
}

/**
 * Plain text of a block as the clause index stores it: citations read `[key]`, the children of a
 * node holding blocks (a list, a list item, or a paragraph with a line break) are joined by line
 * breaks, inline children are joined as they are. Citations met on the way (with a source item id)
 * are appended to `citations` when given, so the index reads text and citations in one pass.
 */
export function plainText<N>(view: NodeView<N>, node: N, citations?: CitationRef[]): string {
  const text = view.text(node);
  if (text !== null) return text;
  const citation = citationOf(view, node);
  if (citation) {
    if (citations && citation.sourceItemId) citations.push(citation);
    return `[${citation.key}]`;
  }
  const children = view.children(node);
  // By name, not by text(): reading a Y.XmlText's characters twice would double the index's cost.
  const holdsBlocks = children.some((c) => view.name(c) !== TEXT && view.name(c) !== NODE.citation);
  return children.map((c) => plainText(view, c, citations)).join(holdsBlocks ? "\n" : "");
}

/** ProseMirror JSON (`editor.getJSON()`, stored versions). */
export interface PMJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMJson[];
  text?: string;
  marks?: { type: string }[];
}

export const pmJsonView: NodeView<PMJson> = {
  name: (node) => node.type,
  attr: (node, key) => node.attrs?.[key],
  children: (node) => node.content ?? [],
  text: (node) => (node.type === "text" ? (node.text ?? "") : null),
};

/** The parts of a ProseMirror `Node` the walker reads (so lib needs no ProseMirror import). */
export interface PMNodeLike {
  type: { name: string };
  attrs: Record<string, unknown>;
  readonly children: readonly PMNodeLike[];
  isText: boolean;
  text?: string | null;
  nodeSize: number;
}

/** A live ProseMirror `Node` (`editor.state.doc`): entries carry `offset`, the position before each node. */
export const pmNodeView: NodeView<PMNodeLike> = {
  name: (node) => node.type.name,
  attr: (node, key) => node.attrs[key],
  children: (node) => node.children,
  text: (node) => (node.isText ? (node.text ?? "") : null),
  size: (node) => node.nodeSize,
};

type YNode = Y.XmlFragment | Y.XmlElement | Y.XmlText | Y.XmlHook;

const isYText = (node: YNode): node is Y.XmlText => "toDelta" in node;
const isYElement = (node: YNode): node is Y.XmlElement => "nodeName" in node && "getAttribute" in node;

/**
 * A Y.Doc's XML (the fragment y-prosemirror binds). A Y.XmlText is one text node holding all its
 * characters, whatever their formatting (the index reads plain text).
 */
export const yXmlView: NodeView<YNode> = {
  name: (node) => (isYText(node) ? "text" : isYElement(node) ? node.nodeName : ""),
  attr: (node, key) => (isYElement(node) ? node.getAttribute(key) : undefined),
  children: (node) => (isYText(node) || !("toArray" in node) ? [] : (node.toArray() as YNode[])),
  text: (node) =>
    isYText(node) ? (node.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("") : null,
};
