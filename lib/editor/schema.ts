// The Charter's editor schema, without React (ARCHITECTURE.md rule 4): the browser adds views and
// collaboration on top; the server reads Y.Docs with the same node names.
import { Extension, Node, mergeAttributes } from "@tiptap/core";
import Document from "@tiptap/extension-document";
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { AddMarkStep, RemoveMarkStep, ReplaceStep } from "@tiptap/pm/transform";
import { newClauseId } from "./ids";

/** Node names, shared with the server-side readers of the Y.Doc. */
export const NODE = {
  chapter: "chapter",
  clause: "clause",
  clauseHeading: "clauseHeading",
  citation: "citation",
  paragraph: "paragraph",
} as const;

/** Name of the Y.XmlFragment holding the Tiptap document (the y-prosemirror default). */
export const YDOC_FIELD = "default";

/**
 * Content expressions tolerate every state concurrent edits can merge into (ARCHITECTURE.md,
 * "Schema and concurrent edits"): two people each deleting one of an article's two paragraphs
 * leave a heading-only article, two people each deleting half of the articles leave an empty
 * document. A state the schema refuses would make the binding rebuild or drop content. An empty
 * document opens on an empty article (the first alternative is what ProseMirror fills in).
 */
export const CharterDocument = Document.extend({ content: "(clause | chapter)+" });

/** A chapter title grouping the clauses that follow it. */
export const Chapter = Node.create({
  name: NODE.chapter,
  group: "charterBlock",
  content: "text*",
  marks: "",
  defining: true,
  // Pairs the chapter with its counterpart in the other language's text (like clauseId).
  addAttributes: () => ({
    chapterId: {
      default: null,
      parseHTML: (el) => el.getAttribute("data-chapter-id"),
      renderHTML: (attrs) => (attrs.chapterId ? { "data-chapter-id": attrs.chapterId } : {}),
    },
  }),
  parseHTML: () => [{ tag: "h2[data-chapter]" }],
  renderHTML: ({ HTMLAttributes }) => ["h2", mergeAttributes(HTMLAttributes, { "data-chapter": "", class: "chapter" }), 0],
});

/** A numbered article. Its clauseId never changes: citations, comments and history follow it. */
export const Clause = Node.create({
  name: NODE.clause,
  group: "charterBlock",
  // "*", not "+": a heading-only article is what concurrent deletions of its paragraphs leave.
  content: "clauseHeading (paragraph | bulletList | orderedList)*",
  defining: true,
  isolating: true,
  addAttributes: () => ({
    clauseId: {
      default: null,
      parseHTML: (el) => el.getAttribute("data-clause-id"),
      renderHTML: (attrs) => ({ "data-clause-id": attrs.clauseId }),
    },
  }),
  parseHTML: () => [{ tag: "section[data-clause-id]" }],
  renderHTML: ({ HTMLAttributes }) => ["section", mergeAttributes(HTMLAttributes, { class: "clause" }), 0],
  // The article's body never merges into its heading (ProseMirror's default join would do that
  // now that an article may have no body block): Backspace at the body's start moves the caret
  // to the heading, Delete at the heading's end does nothing.
  addKeyboardShortcuts: () => ({
    Backspace: ({ editor }) => {
      const end = headingEndBeforeBody(editor.state);
      if (end === null) return false;
      editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, end)));
      return true;
    },
    Delete: ({ editor }) => headingEnd(editor.state),
  }),
});

/** When the caret is at the very start of an article's first paragraph: the end of its heading. */
function headingEndBeforeBody(state: EditorState): number | null {
  const { $from, empty } = state.selection;
  if (!empty || $from.depth !== 2 || $from.parentOffset !== 0 || $from.parent.type.name !== NODE.paragraph) return null;
  if ($from.node(1).type.name !== NODE.clause || $from.index(1) !== 1) return null;
  return $from.before(2) - 1;
}

/** True when the caret is at the end of an article's heading and a body block follows. */
function headingEnd(state: EditorState): boolean {
  const { $from, empty } = state.selection;
  return empty && $from.parent.type.name === NODE.clauseHeading && $from.parentOffset === $from.parent.content.size && $from.node(1).childCount > 1;
}

/** The optional title line of an article ("Screening of vulnerable migrants"). */
export const ClauseHeading = Node.create({
  name: NODE.clauseHeading,
  content: "text*",
  marks: "",
  defining: true,
  parseHTML: () => [{ tag: "h3[data-clause-heading]" }],
  renderHTML: ({ HTMLAttributes }) => ["h3", mergeAttributes(HTMLAttributes, { "data-clause-heading": "", class: "clause-heading" }), 0],
});

/** An inline reference to a source item of the meeting, shown as its key: [MKH23-REC-07]. */
export const Citation = Node.create({
  name: NODE.citation,
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  addAttributes: () => ({
    sourceItemId: { default: null, parseHTML: (el) => el.getAttribute("data-source-item-id"), renderHTML: (a) => ({ "data-source-item-id": a.sourceItemId }) },
    key: { default: "", parseHTML: (el) => el.getAttribute("data-key"), renderHTML: (a) => ({ "data-key": a.key }) },
  }),
  parseHTML: () => [{ tag: "cite[data-source-item-id]" }],
  renderHTML: ({ node, HTMLAttributes }) => [
    "cite",
    mergeAttributes(HTMLAttributes, { class: "citation", tabindex: "0" }),
    `[${node.attrs.key}]`,
  ],
  renderText: ({ node }) => `[${node.attrs.key}]`,
});

/**
 * Gives every clause a unique clauseId (and every chapter a unique chapterId): new clauses, split
 * halves and pasted copies get a fresh one; the first of two sharing an id keeps it.
 */
export const ClauseIds = Extension.create({
  name: "clauseIds",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("clauseIds"),
        appendTransaction: (transactions, _old, state) => {
          // Typing is the common case: skip the walk over every article when no step could have
          // added an article or changed a clauseId.
          if (transactions.every((t) => !t.docChanged || staysInsideOneTopLevelNode(t))) return null;
          const seen = new Set<string>();
          const tr = state.tr;
          state.doc.forEach((node, offset) => {
            const attr = node.type.name === NODE.clause ? "clauseId" : node.type.name === NODE.chapter ? "chapterId" : null;
            if (!attr) return;
            const id = node.attrs[attr] as string | null;
            if (id && !seen.has(id)) {
              seen.add(id);
              return;
            }
            const fresh = newClauseId();
            seen.add(fresh);
            tr.setNodeMarkup(offset, undefined, { ...node.attrs, [attr]: fresh });
          });
          return tr.steps.length ? tr.setMeta("addToHistory", false) : null;
        },
      }),
    ];
  },
});

/**
 * True when every step of `tr` edits text, marks or blocks inside one top-level node (it can then
 * neither add an article nor change an article's attributes).
 */
function staysInsideOneTopLevelNode(tr: Transaction): boolean {
  return tr.steps.every((step, i) => {
    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) return true;
    if (!(step instanceof ReplaceStep)) return false;
    const doc = tr.docs[i];
    const $from = doc.resolve(step.from);
    const $to = doc.resolve(step.to);
    if ($from.depth < 1 || $to.depth < 1 || $from.index(0) !== $to.index(0)) return false;
    let carriesClause = false;
    step.slice.content.descendants((node) => {
      if (node.type.name === NODE.clause || node.type.name === NODE.chapter) carriesClause = true;
      return !carriesClause;
    });
    return !carriesClause;
  });
}
