// Bracketed passages in the editor: "[" and "]" around each passage the chair keeps open, with
// the note as a tooltip. Editor decorations only, never document content (the Yjs document is
// the Charter's text; brackets are records, see server/domain/brackets).
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";

export const SET_BRACKET_RANGES = "setBracketRanges";

export interface BracketRange {
  id: string;
  from: number;
  to: number;
  /** Tooltip and accessible label: who bracketed it, and the note. */
  label: string;
}

function mark(side: "open" | "close", range: BracketRange): HTMLElement {
  const span = document.createElement("span");
  span.className = `bracket-mark bracket-${side}`;
  span.textContent = side === "open" ? "[" : "]";
  span.title = range.label;
  span.setAttribute("aria-hidden", "true"); // the passage itself carries the label
  span.dataset.bracketId = range.id;
  return span;
}

const key = new PluginKey<DecorationSet>("bracketedPassages");

/** Draws the ranges it is given (meta SET_BRACKET_RANGES); they map through edits until recomputed. */
export const BracketedPassages = Extension.create({
  name: "bracketedPassages",
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, set) => {
            const ranges = tr.getMeta(SET_BRACKET_RANGES) as BracketRange[] | undefined;
            if (!ranges) return set.map(tr.mapping, tr.doc);
            return DecorationSet.create(
              tr.doc,
              ranges
                .filter((r) => r.to > r.from && r.to <= tr.doc.content.size)
                .flatMap((r) => [
                  Decoration.widget(r.from, () => mark("open", r), { side: -1, key: `${r.id}-open` }),
                  Decoration.inline(r.from, r.to, { class: "bracketed", title: r.label, "aria-description": r.label, "data-bracket-id": r.id }),
                  Decoration.widget(r.to, () => mark("close", r), { side: 1, key: `${r.id}-close` }),
                ]),
            );
          },
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});
