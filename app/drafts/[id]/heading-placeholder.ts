// Shows a hint in an empty article heading or chapter title (e.g. after "Split article here"), as
// a decoration: the hint is never document content, so it is never saved or sent to others.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Node as PMNode } from "@tiptap/pm/model";
import { NODE } from "@/lib/editor/schema";

export const HeadingPlaceholder = Extension.create<{ clauseHeading: string; chapter: string }>({
  name: "headingPlaceholder",
  addOptions: () => ({ clauseHeading: "", chapter: "" }),
  addProseMirrorPlugins() {
    const text: Record<string, string> = { [NODE.clauseHeading]: this.options.clauseHeading, [NODE.chapter]: this.options.chapter };
    const build = (doc: PMNode) => {
      const decorations: Decoration[] = [];
      doc.descendants((node, pos) => {
        const hint = text[node.type.name];
        if (hint && node.content.size === 0) decorations.push(Decoration.node(pos, pos + node.nodeSize, { class: "is-empty", "data-placeholder": hint }));
        return node.type.name !== NODE.paragraph; // nothing to find inside paragraphs
      });
      return DecorationSet.create(doc, decorations);
    };
    const key = new PluginKey<DecorationSet>("headingPlaceholder");
    return [
      new Plugin<DecorationSet>({
        key,
        state: { init: (_, state) => build(state.doc), apply: (tr, old) => (tr.docChanged ? build(tr.doc) : old) },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});
