"use client";
// Measures the rows of the shown editor(s): side by side, each article's natural height in both
// texts, whose larger value becomes both min-heights (row-heights.ts); in every view, where each
// article starts, for the per-article gutter. Measured after a change of either text and when an
// editor's box changes size (width, fonts, a min-height set here). Setting a min-height does not
// change a natural height, so the second pass finds nothing to change and the loop stops.
import { useEffect, useState, type RefObject } from "react";
import type { Editor } from "@tiptap/react";
import { NODE } from "@/lib/editor/schema";
import { SET_ROW_HEIGHTS, rowHeightsOf, rowKeyOf, sameHeights, type RowHeights } from "./row-heights";

/** An article's place beside the text(s), for the gutter. */
export interface GutterRow {
  clauseId: string;
  number: number;
  /** px from the top of the gutter. */
  top: number;
}

/**
 * The height of a top-level node without the min-height given to it: from its top to the bottom
 * of its content, plus what closes the box (the last block's margin stays inside: side by side,
 * rows are `display: flow-root`).
 */
function naturalHeight(element: HTMLElement): number {
  const range = document.createRange();
  range.selectNodeContents(element);
  const contentBottom = range.getBoundingClientRect().bottom;
  const style = getComputedStyle(element);
  const last = element.lastElementChild;
  const lastMargin = last ? parseFloat(getComputedStyle(last).marginBottom) || 0 : 0;
  const closing = (parseFloat(style.paddingBottom) || 0) + (parseFloat(style.borderBottomWidth) || 0);
  return Math.ceil(contentBottom + lastMargin + closing - element.getBoundingClientRect().top);
}

function topLevelElements(editor: Editor): { rowKey: string; clauseId: string | null; element: HTMLElement }[] {
  const found: { rowKey: string; clauseId: string | null; element: HTMLElement }[] = [];
  editor.state.doc.forEach((node, offset) => {
    const rowKey = rowKeyOf(node);
    const element = editor.view.nodeDOM(offset);
    if (rowKey && element instanceof HTMLElement) {
      found.push({ rowKey, clauseId: node.type.name === NODE.clause ? String(node.attrs.clauseId) : null, element });
    }
  });
  return found;
}

function sameRows(a: GutterRow[], b: GutterRow[]): boolean {
  return a.length === b.length && a.every((r, i) => r.clauseId === b[i].clauseId && r.number === b[i].number && r.top === b[i].top);
}

/**
 * `editors`: the shown editors, left to right (one or two). `gutter`: the element the gutter rows
 * are positioned in. Returns the gutter rows.
 */
export function useAlignedRows(editors: Editor[], gutter: RefObject<HTMLElement | null>): GutterRow[] {
  const [rows, setRows] = useState<GutterRow[]>([]);
  const [left, right] = editors;

  useEffect(() => {
    if (!left) return;
    const shown = right ? [left, right] : [left];
    let frame = 0;

    const measure = () => {
      frame = 0;
      if (shown.some((e) => e.isDestroyed)) return;
      const perEditor = shown.map(topLevelElements);
      if (right) {
        const natural = perEditor.map((list) => new Map(list.map((r) => [r.rowKey, naturalHeight(r.element)])));
        const wanted = new Map<string, number>();
        // Only rows present in both texts: a row the server has not mirrored yet waits for it.
        for (const [rowKey, height] of natural[0]) {
          const other = natural[1].get(rowKey);
          if (other !== undefined) wanted.set(rowKey, Math.max(height, other));
        }
        for (const editor of shown) apply(editor, wanted);
      } else {
        apply(left, new Map()); // a single text needs no min-height (left over from side by side)
      }
      const box = gutter.current?.getBoundingClientRect();
      if (!box) return;
      let number = 0;
      const next: GutterRow[] = [];
      for (const row of perEditor[0]) {
        if (!row.clauseId) continue;
        number += 1;
        next.push({ clauseId: row.clauseId, number, top: Math.round(row.element.getBoundingClientRect().top - box.top) });
      }
      setRows((previous) => (sameRows(previous, next) ? previous : next));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };

    const resize = new ResizeObserver(schedule);
    for (const editor of shown) {
      editor.on("update", schedule);
      resize.observe(editor.view.dom);
    }
    if (gutter.current) resize.observe(gutter.current);
    schedule();
    return () => {
      if (frame) cancelAnimationFrame(frame);
      resize.disconnect();
      for (const editor of shown) editor.off("update", schedule);
    };
  }, [left, right, gutter]);

  return rows;
}

function apply(editor: Editor, heights: RowHeights) {
  if (editor.isDestroyed || sameHeights(rowHeightsOf(editor.state), heights)) return;
  editor.view.dispatch(editor.state.tr.setMeta(SET_ROW_HEIGHTS, heights).setMeta("addToHistory", false));
}
