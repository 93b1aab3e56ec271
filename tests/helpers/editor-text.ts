// Positions in a headless Tiptap editor, found by the text around them (unit tests of the editor).
import type { Editor } from "@tiptap/core";

/** The document position right after the first occurrence of `needle` in a text node. */
export function positionAfter(editor: Editor, needle: string): number {
  let found = -1;
  editor.state.doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return;
    const i = node.text!.indexOf(needle);
    if (i >= 0) found = pos + i + needle.length;
  });
  if (found < 0) throw new Error(`text not found: ${needle}`);
  return found;
}
