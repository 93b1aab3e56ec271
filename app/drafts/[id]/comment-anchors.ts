// Comment anchors in the browser: create one from the selection, find its range in the editor
// (relative positions first, the quote inside its clause next), and highlight open threads.
// An editor's sync binding is bound to its own language's fragment, so a selection gives an anchor
// in that text; which records an editor draws: ./text-language.ts.
import { Extension, type Editor } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Node as PMNode } from "@tiptap/pm/model";
import * as Y from "yjs";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import { NODE } from "@/lib/editor/schema";
import type { CommentAnchor } from "@/lib/comments/anchor";
import { findQuote } from "@/lib/comments/quote";

export { inEditorText } from "./text-language";

interface Binding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Map<Y.AbstractType<unknown>, PMNode | PMNode[]>;
}

function bindingOf(editor: Editor): Binding | null {
  return bindingIn(editor.state);
}

function bindingIn(editorState: EditorState): Binding | null {
  const state = ySyncPluginKey.getState(editorState) as { binding?: Binding } | undefined;
  return state?.binding ?? null;
}

/** The clause (top-level node) around a position. */
function clauseAround(doc: PMNode, pos: number): { node: PMNode; pos: number } | null {
  const $pos = doc.resolve(pos);
  if ($pos.depth < 1) return null;
  const node = $pos.node(1);
  return node.type.name === NODE.clause ? { node, pos: $pos.before(1) } : null;
}

/** An anchor for the current selection, or null when it is empty or spans several articles. */
export function anchorFromSelection(editor: Editor): CommentAnchor | null {
  const range = selectedRange(editor);
  if (!range) return null;
  const { from, to } = range;
  const doc = editor.state.doc;
  const clause = clauseAround(doc, from);
  if (!clause || clauseAround(doc, to)?.pos !== clause.pos) return null;
  const exact = doc.textBetween(from, to, "\n").trim();
  if (!exact) return null;
  const start = clause.pos + 1;
  const end = clause.pos + clause.node.nodeSize - 1;
  const binding = bindingOf(editor);
  // y-tiptap names the character left of a position (assoc -1). The start must name the first
  // selected character (assoc 0), or the range would begin one character early and grow with
  // whatever is typed just before the passage; so the position is made again from its index.
  const rel = (pos: number, assoc: 0 | -1) => {
    if (!binding) return undefined;
    const leftBound = absolutePositionToRelativePosition(pos, binding.type, binding.mapping as never) as Y.RelativePosition;
    const at = Y.createAbsolutePositionFromRelativePosition(leftBound, binding.doc);
    if (!at) return undefined;
    return Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(at.type, at.index, assoc));
  };
  return {
    clauseId: String(clause.node.attrs.clauseId),
    start: rel(from, 0),
    end: rel(to, -1),
    prefix: doc.textBetween(Math.max(start, from - 40), from, "\n"),
    exact,
    suffix: doc.textBetween(to, Math.min(end, to + 40), "\n"),
  };
}

/**
 * The selected range. A read-only editor (observers) does not track the selection in its state,
 * so the browser's selection is read instead.
 */
export function selectedRange(editor: Editor): { from: number; to: number } | null {
  if (editor.isEditable) {
    const { from, to, empty } = editor.state.selection;
    return empty ? null : { from, to };
  }
  const selection = typeof window === "undefined" ? null : window.getSelection();
  if (!selection || selection.isCollapsed || !selection.anchorNode || !selection.focusNode) return null;
  if (!editor.view.dom.contains(selection.anchorNode) || !editor.view.dom.contains(selection.focusNode)) return null;
  try {
    const a = editor.view.posAtDOM(selection.anchorNode, selection.anchorOffset);
    const b = editor.view.posAtDOM(selection.focusNode, selection.focusOffset);
    return a === b ? null : { from: Math.min(a, b), to: Math.max(a, b) };
  } catch {
    return null;
  }
}

/** Where an anchor is now in the editor, or null (orphaned here). */
export function rangeOfAnchor(editor: Editor, anchor: CommentAnchor, clauseId: string | null): { from: number; to: number } | null {
  return rangeOfAnchorIn(editor.state, anchor, clauseId);
}

/**
 * The same in an editor state: plugins resolve anchors in the state a transaction produces
 * (after a remote change the sync binding's mapping already describes that state).
 */
export function rangeOfAnchorIn(state: EditorState, anchor: CommentAnchor, clauseId: string | null): { from: number; to: number } | null {
  return rangeOfRelativePositions(state, anchor) ?? rangeOfQuote(state.doc, anchor, clauseId);
}

/** By the anchor's Yjs relative positions, through the sync binding; null without them or when they no longer hold text. */
export function rangeOfRelativePositions(state: EditorState, anchor: CommentAnchor): { from: number; to: number } | null {
  const binding = bindingIn(state);
  if (!binding || anchor.start === undefined || anchor.end === undefined) return null;
  try {
    const from = relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromJSON(anchor.start), binding.mapping as never);
    const to = relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromJSON(anchor.end), binding.mapping as never);
    if (from !== null && to !== null && to > from && state.doc.textBetween(from, to).trim()) return { from, to };
  } catch {
    // the quote decides
  }
  return null;
}

function rangeOfQuote(doc: PMNode, anchor: CommentAnchor, clauseId: string | null): { from: number; to: number } | null {
  let found: { from: number; to: number } | null = null;
  doc.forEach((node, offset) => {
    if (found || node.type.name !== NODE.clause) return;
    if (clauseId && node.attrs.clauseId !== clauseId && anchor.clauseId !== node.attrs.clauseId) return;
    found = rangeOfQuoteInClause(node, offset, anchor);
  });
  return found;
}

/** By the quote inside one clause (the top-level node at `offset`); the whole clause for an empty quote. */
export function rangeOfQuoteInClause(node: PMNode, offset: number, anchor: CommentAnchor): { from: number; to: number } | null {
  if (!anchor.exact) return { from: offset + 1, to: offset + node.nodeSize - 1 };
  // The clause's text with a position for each character.
  let text = "";
  const positions: number[] = [];
  node.descendants((child, pos) => {
    if (child.isText) {
      for (let i = 0; i < child.text!.length; i++) positions.push(offset + 1 + pos + i);
      text += child.text;
    }
  });
  const at = findQuote(text, { prefix: anchor.prefix, exact: anchor.exact, suffix: anchor.suffix });
  return at >= 0 ? { from: positions[at], to: positions[at + anchor.exact.length - 1] + 1 } : null;
}

const key = new PluginKey<DecorationSet>("commentHighlights");
export const SET_COMMENT_RANGES = "setCommentRanges";

export interface HighlightRange {
  threadId: string;
  from: number;
  to: number;
  active: boolean;
}

/** Highlights the ranges of open threads; ranges map through edits until recomputed. */
export const CommentHighlights = Extension.create({
  name: "commentHighlights",
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, set) => {
            const ranges = tr.getMeta(SET_COMMENT_RANGES) as HighlightRange[] | undefined;
            if (ranges) {
              return DecorationSet.create(
                tr.doc,
                ranges.filter((r) => r.to > r.from && r.to <= tr.doc.content.size).map((r) =>
                  Decoration.inline(r.from, r.to, { class: `comment-highlight${r.active ? " active" : ""}`, "data-thread-id": r.threadId }),
                ),
              );
            }
            return set.map(tr.mapping, tr.doc);
          },
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});
