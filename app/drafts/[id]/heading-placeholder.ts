// Shows a hint in an empty article heading or chapter title (e.g. after "Split article here"), as
// a decoration: the hint is never document content, so it is never saved or sent to others.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { DecorationSet } from "@tiptap/pm/view";
import type { Node as PMNode } from "@tiptap/pm/model";
import { NODE } from "@/lib/editor/schema";
import { topLevelDecorations, type FoundDecoration } from "./top-level-decorations";

/** Dispatch a transaction with this meta after the interface language changed: hints are redrawn. */
export const REFRESH_HEADING_PLACEHOLDER = "refreshHeadingPlaceholder";

export const HeadingPlaceholder = Extension.create<{ hints: () => { clauseHeading: string; chapter: string } }>({
  name: "headingPlaceholder",
  addOptions: () => ({ hints: () => ({ clauseHeading: "", chapter: "" }) }),
  addProseMirrorPlugins() {
    // Read at each scan, not once: the language can change while the editor stays open (the
    // refresh meta then forgets what earlier scans found).
    const hints = this.options.hints;
    const placeholders = topLevelDecorations((topLevel) => {
      const { clauseHeading, chapter } = hints();
      const text: Record<string, string> = { [NODE.clauseHeading]: clauseHeading, [NODE.chapter]: chapter };
      const found: FoundDecoration[] = [];
      const visit = (node: PMNode, pos: number) => {
        const hint = text[node.type.name];
        if (hint && node.content.size === 0) found.push({ from: pos, to: pos + node.nodeSize, attrs: { class: "is-empty", "data-placeholder": hint } });
        return node.type.name !== NODE.paragraph; // nothing to find inside paragraphs
      };
      if (visit(topLevel, 0)) topLevel.descendants((node, pos) => visit(node, pos + 1));
      return found;
    });
    const key = new PluginKey<DecorationSet>("headingPlaceholder");
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_, state) => placeholders.build(state.doc),
          apply: (tr, old) => {
            if (tr.getMeta(REFRESH_HEADING_PLACEHOLDER)) placeholders.forget();
            return tr.docChanged || tr.getMeta(REFRESH_HEADING_PLACEHOLDER) ? placeholders.build(tr.doc) : old;
          },
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});
