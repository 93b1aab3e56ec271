// Side by side, article N of the English text and article N of the French text start at the same
// height: each top-level node (article or chapter) gets, through a node decoration, the larger of
// the two natural heights as its min-height. The heights are measured outside ProseMirror
// (useAlignedRows) and handed in with a transaction meta; decorations are never document content.
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { NODE } from "@/lib/editor/schema";

/** Min-height in px per row key (see rowKeyOf). */
export type RowHeights = ReadonlyMap<string, number>;

interface RowState {
  heights: RowHeights;
  set: DecorationSet;
}

const key = new PluginKey<RowState>("rowHeights");
export const SET_ROW_HEIGHTS = "setRowHeights";

/**
 * What pairs a top-level node with its counterpart in the other text: the clauseId of an article,
 * the chapterId of a chapter (the server keeps both texts' structure identical).
 */
export function rowKeyOf(node: PMNode): string | null {
  if (node.type.name === NODE.clause && node.attrs.clauseId) return `clause:${String(node.attrs.clauseId)}`;
  if (node.type.name === NODE.chapter && node.attrs.chapterId) return `chapter:${String(node.attrs.chapterId)}`;
  return null;
}

function decorate(doc: PMNode, heights: RowHeights): DecorationSet {
  if (!heights.size) return DecorationSet.empty;
  const found: Decoration[] = [];
  doc.forEach((node, offset) => {
    const rowKey = rowKeyOf(node);
    const height = rowKey ? heights.get(rowKey) : undefined;
    if (height) found.push(Decoration.node(offset, offset + node.nodeSize, { style: `min-height: ${height}px` }));
  });
  return DecorationSet.create(doc, found);
}

export function rowHeightsOf(state: EditorState): RowHeights {
  return key.getState(state)?.heights ?? new Map();
}

export function sameHeights(a: RowHeights, b: RowHeights): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

export const RowAlignment = Extension.create({
  name: "rowAlignment",
  addProseMirrorPlugins() {
    return [
      new Plugin<RowState>({
        key,
        state: {
          init: () => ({ heights: new Map(), set: DecorationSet.empty }),
          apply: (tr, current) => {
            const wanted = tr.getMeta(SET_ROW_HEIGHTS) as RowHeights | undefined;
            if (wanted) return { heights: wanted, set: decorate(tr.doc, wanted) };
            // Rows are found again by key: a moved or new article keeps or gets its height.
            return tr.docChanged ? { heights: current.heights, set: decorate(tr.doc, current.heights) } : current;
          },
        },
        props: { decorations: (state) => key.getState(state)?.set },
      }),
    ];
  },
});
