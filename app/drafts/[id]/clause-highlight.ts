// Highlights one article (the target of a reverse link) with a decoration: ProseMirror owns the
// DOM of the document, so classes set by hand would be undone at the next render.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { NODE } from "@/lib/editor/schema";

const key = new PluginKey<string | null>("clauseHighlight");
export const HIGHLIGHT_CLAUSE = "highlightClause";

export const ClauseHighlight = Extension.create({
  name: "clauseHighlight",
  addProseMirrorPlugins() {
    return [
      new Plugin<string | null>({
        key,
        state: {
          init: () => null,
          apply: (tr, current) => (tr.getMeta(HIGHLIGHT_CLAUSE) !== undefined ? (tr.getMeta(HIGHLIGHT_CLAUSE) as string | null) : current),
        },
        props: {
          decorations: (state) => {
            const clauseId = key.getState(state);
            if (!clauseId) return null;
            const found: Decoration[] = [];
            state.doc.forEach((node, pos) => {
              if (node.type.name === NODE.clause && node.attrs.clauseId === clauseId) found.push(Decoration.node(pos, pos + node.nodeSize, { class: "clause-target" }));
            });
            return DecorationSet.create(state.doc, found);
          },
        },
      }),
    ];
  },
});
