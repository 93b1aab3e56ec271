// Highlights one article (the target of a reverse link) with a decoration: ProseMirror owns the
// DOM of the document, so classes set by hand would be undone at the next render.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Node as PMNode } from "@tiptap/pm/model";
import { NODE } from "@/lib/editor/schema";

interface Highlight {
  clauseId: string | null;
  set: DecorationSet;
}

const key = new PluginKey<Highlight>("clauseHighlight");
export const HIGHLIGHT_CLAUSE = "highlightClause";

function highlightOf(doc: PMNode, clauseId: string | null): DecorationSet {
  if (!clauseId) return DecorationSet.empty;
  const found: Decoration[] = [];
  doc.forEach((node, pos) => {
    if (node.type.name === NODE.clause && node.attrs.clauseId === clauseId) found.push(Decoration.node(pos, pos + node.nodeSize, { class: "clause-target" }));
  });
  return DecorationSet.create(doc, found);
}

export const ClauseHighlight = Extension.create({
  name: "clauseHighlight",
  addProseMirrorPlugins() {
    return [
      new Plugin<Highlight>({
        key,
        state: {
          init: () => ({ clauseId: null, set: DecorationSet.empty }),
          apply: (tr, current) => {
            const wanted = tr.getMeta(HIGHLIGHT_CLAUSE) as string | null | undefined;
            if (wanted !== undefined) return { clauseId: wanted, set: highlightOf(tr.doc, wanted) };
            if (!tr.docChanged || !current.clauseId) return current;
            // Edits inside the article carry the highlight along; an article recreated elsewhere
            // (a move is a delete and an insert) is looked up again by its id.
            const mapped = current.set.map(tr.mapping, tr.doc);
            return { clauseId: current.clauseId, set: mapped.find().length ? mapped : highlightOf(tr.doc, current.clauseId) };
          },
        },
        props: { decorations: (state) => key.getState(state)?.set },
      }),
    ];
  },
});
