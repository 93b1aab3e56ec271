// Shows a hint in an empty article heading or chapter title (e.g. after "Split article here"), as
// a decoration: the hint is never document content, so it is never saved or sent to others.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Node as PMNode } from "@tiptap/pm/model";
import { NODE } from "@/lib/editor/schema";

/** Dispatch a transaction with this meta after the interface language changed: hints are redrawn. */
export const REFRESH_HEADING_PLACEHOLDER = "refreshHeadingPlaceholder";

export const HeadingPlaceholder = Extension.create<{ hints: () => { clauseHeading: string; chapter: string } }>({
  name: "headingPlaceholder",
  addOptions: () => ({ hints: () => ({ clauseHeading: "", chapter: "" }) }),
  addProseMirrorPlugins() {
    // Read at each build, not once: the language can change while the editor stays open.
    const hints = this.options.hints;
    const build = (doc: PMNode) => {
      const { clauseHeading, chapter } = hints();
      const text: Record<string, string> = { [NODE.clauseHeading]: clauseHeading, [NODE.chapter]: chapter };
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
        state: { init: (_, state) => build(state.doc), apply: (tr, old) => (tr.docChanged || tr.getMeta(REFRESH_HEADING_PLACEHOLDER) ? build(tr.doc) : old) },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});
