// Node decorations found by scanning the document, rebuilt after each change at the cost of the
// changed articles only: what a top-level node (article or chapter) yields is remembered by node
// identity, and ProseMirror keeps the identity of every node a transaction did not touch. A
// keystroke in one article of a thousand rescans that article, and looks the others up.
import type { Node as PMNode } from "@tiptap/pm/model";
import { Decoration, DecorationSet, type DecorationAttrs } from "@tiptap/pm/view";

/** A node decoration, positioned relative to the start of its top-level node. */
export interface FoundDecoration {
  from: number;
  to: number;
  attrs: DecorationAttrs;
}

export interface TopLevelDecorations {
  build(doc: PMNode): DecorationSet;
  /** Drops everything remembered (what `scan` yields changed: language, loaded library). */
  forget(): void;
}

export function topLevelDecorations(scan: (topLevel: PMNode) => FoundDecoration[]): TopLevelDecorations {
  let found = new WeakMap<PMNode, FoundDecoration[]>();
  return {
    build(doc) {
      const decorations: Decoration[] = [];
      doc.forEach((node, offset) => {
        let inNode = found.get(node);
        if (!inNode) {
          inNode = scan(node);
          found.set(node, inNode);
        }
        for (const d of inNode) decorations.push(Decoration.node(offset + d.from, offset + d.to, d.attrs));
      });
      return decorations.length ? DecorationSet.create(doc, decorations) : DecorationSet.empty;
    },
    forget() {
      found = new WeakMap();
    },
  };
}
