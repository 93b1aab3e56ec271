// Flags citations whose source item is missing or withdrawn (decorations, not document changes),
// and turns a dropped panel item into a citation at the nearest word boundary.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { DecorationSet } from "@tiptap/pm/view";
import { NODE } from "@/lib/editor/schema";
import { topLevelDecorations, type FoundDecoration } from "./top-level-decorations";

export type CitationStatusLookup = (sourceItemId: string) => "active" | "withdrawn" | "missing" | "unknown";

const key = new PluginKey<DecorationSet>("citationStatus");
export const REFRESH_CITATION_STATUS = "refreshCitationStatus";

export const CitationStatus = Extension.create<{ lookup: CitationStatusLookup; messages: { missing: string; withdrawn: string }; dragType: string }>({
  name: "citationStatus",
  addOptions: () => ({ lookup: () => "unknown", messages: { missing: "", withdrawn: "" }, dragType: "" }),
  addProseMirrorPlugins() {
    const { lookup, messages, dragType } = this.options;
    // The refresh meta (the library loaded) forgets what earlier scans found.
    const flags = topLevelDecorations((topLevel) => {
      const found: FoundDecoration[] = [];
      topLevel.descendants((node, pos) => {
        if (node.type.name !== NODE.citation) return;
        const status = lookup(String(node.attrs.sourceItemId));
        if (status === "missing" || status === "withdrawn") {
          found.push({ from: pos + 1, to: pos + 1 + node.nodeSize, attrs: { class: `citation-${status}`, title: messages[status] } });
        }
      });
      return found;
    });
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_, state) => flags.build(state.doc),
          apply: (tr, old) => {
            if (tr.getMeta(REFRESH_CITATION_STATUS)) flags.forget();
            return tr.docChanged || tr.getMeta(REFRESH_CITATION_STATUS) ? flags.build(tr.doc) : old;
          },
        },
        props: {
          decorations: (state) => key.getState(state),
          handleDrop: (view, event) => {
            const data = event.dataTransfer?.getData(dragType);
            if (!data || !view.editable) return false;
            const { sourceItemId, key: itemKey } = JSON.parse(data) as { sourceItemId: string; key: string };
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
            if (!at) return false;
            const node = view.state.schema.nodes[NODE.citation].create({ sourceItemId, key: itemKey });
            const $pos = view.state.doc.resolve(at.pos);
            if ($pos.parent.type.name !== NODE.paragraph) return false; // citations live in article text
            // One character per inline leaf (citations, line breaks), so offsets are positions.
            const text = $pos.parent.textBetween(0, $pos.parent.content.size, undefined, "\ufffc");
            view.dispatch(view.state.tr.insert($pos.start() + wordBoundary(text, $pos.parentOffset), node));
            event.preventDefault();
            return true;
          },
        },
      }),
    ];
  },
});

const WORD_CHAR = /[\p{L}\p{N}\p{M}'’-]/u;

/**
 * The word boundary nearest to `offset` in `text`: a drop lands where the pointer is, which is
 * often inside a word, and a citation must never split one. Ties go to the end of the word.
 */
export function wordBoundary(text: string, offset: number): number {
  const inWord = (i: number) => i >= 0 && i < text.length && WORD_CHAR.test(text[i]);
  if (!inWord(offset - 1) || !inWord(offset)) return offset;
  let start = offset;
  while (inWord(start - 1)) start--;
  let end = offset;
  while (inWord(end)) end++;
  return offset - start < end - offset ? start : end;
}
