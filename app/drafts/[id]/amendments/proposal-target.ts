// What a proposal is about, read from the live editor: a passage (anchored exactly as comments
// anchor theirs) or a whole article, and the starting content of the proposal's own editor, a
// document of the Charter's schema holding one article with the selected text.
import type { Editor } from "@tiptap/core";
import { Fragment, type Node as PMNode, type Schema } from "@tiptap/pm/model";
import type { JSONContent } from "@tiptap/core";
import { NODE } from "@/lib/editor/schema";
import type { CommentAnchor } from "@/lib/comments/anchor";
import type { TextLang } from "@/lib/editor/languages";
import { anchorFromSelection, selectedRange } from "../comment-anchors";

export interface ProposalTarget {
  /** The text the editor shows, which the proposal amends. */
  lang: TextLang;
  clauseId: string;
  /** The article's number in the text (1-based). */
  articleNumber: number;
  /** The selected passage; null for the whole article. */
  anchor: CommentAnchor | null;
  /** A document of the Charter's schema with the text to start from. */
  startDoc: JSONContent;
}

interface ClauseAt {
  node: PMNode;
  pos: number;
  number: number;
}

function clauseAt(doc: PMNode, pos: number): ClauseAt | null {
  let found: ClauseAt | null = null;
  let number = 0;
  doc.forEach((node, offset) => {
    if (node.type.name !== NODE.clause) return;
    number++;
    if (!found && pos >= offset && pos <= offset + node.nodeSize) found = { node, pos: offset, number };
  });
  return found;
}

/**
 * The selected passage when there is one inside a single article, else the article around the
 * cursor (`wholeArticle` forces the latter). Null when the cursor is in no article. `lang`: the
 * text this editor shows (its selection is anchored there).
 */
export function proposalTarget(editor: Editor, wholeArticle: boolean, lang: TextLang = "en"): ProposalTarget | null {
  const doc = editor.state.doc;
  const range = selectedRange(editor);
  const anchor = wholeArticle ? null : anchorFromSelection(editor);
  const clause = clauseAt(doc, range?.from ?? editor.state.selection.from);
  if (!clause) return null;
  const clauseId = String(clause.node.attrs.clauseId);
  if (anchor && range) {
    return { lang, clauseId, articleNumber: clause.number, anchor, startDoc: passageDoc(editor.schema, doc, range.from, range.to, clauseId) };
  }
  return { lang, clauseId, articleNumber: clause.number, anchor: null, startDoc: { type: "doc", content: [clause.node.toJSON() as JSONContent] } };
}

/** One article, with an empty heading, holding the blocks of the selection (cut at its ends). */
export function passageDoc(schema: Schema, doc: PMNode, from: number, to: number, clauseId: string): JSONContent {
  const slice = doc.slice(from, to);
  const blocks: PMNode[] = [];
  let inline: PMNode[] = [];
  const flushInline = () => {
    if (inline.length) blocks.push(schema.nodes[NODE.paragraph].create(null, inline));
    inline = [];
  };
  slice.content.forEach((node) => {
    if (node.isInline) return void inline.push(node);
    flushInline();
    // The heading's words become a paragraph: the proposal replaces a passage, not a title.
    if (node.type.name === NODE.clauseHeading) {
      if (node.content.size) blocks.push(schema.nodes[NODE.paragraph].create(null, node.content));
    } else if (node.type.name === "listItem") {
      blocks.push(schema.nodes.bulletList.create(null, node));
    } else blocks.push(node);
  });
  flushInline();
  const heading = schema.nodes[NODE.clauseHeading].create();
  try {
    const clause = schema.nodes[NODE.clause].createChecked({ clauseId }, Fragment.from([heading, ...blocks]));
    return { type: "doc", content: [clause.toJSON() as JSONContent] };
  } catch {
    // A selection the schema cannot hold as it is (deep inside nested lists): its plain text.
    const text = doc.textBetween(from, to, "\n");
    const paragraph = schema.nodes[NODE.paragraph].create(null, text ? schema.text(text) : null);
    return { type: "doc", content: [schema.nodes[NODE.clause].create({ clauseId }, [heading, paragraph]).toJSON() as JSONContent] };
  }
}

/** The plain text of a proposal: its blocks separated by a blank line (the API's convention). */
export function plainTextOf(doc: PMNode): string {
  // Citations read as Tiptap renders them as text ("[MKH23-R12]").
  const leafText = (leaf: PMNode) => (leaf.type.spec as { toText?: (props: { node: PMNode }) => string }).toText?.({ node: leaf }) ?? "";
  return doc.textBetween(0, doc.content.size, "\n\n", leafText).trim();
}
