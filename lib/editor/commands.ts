// Clause commands: add, split, merge, move and delete articles. Plain ProseMirror transactions,
// so they work the same in any view and go through Yjs like typing does.
import { Extension } from "@tiptap/core";
import { Fragment, type Node as PMNode } from "@tiptap/pm/model";
import { TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { NODE } from "./schema";
import { newClauseId } from "./ids";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    charterClauses: {
      addClause: () => ReturnType;
      addChapter: () => ReturnType;
      deleteClause: () => ReturnType;
      moveClause: (direction: "up" | "down") => ReturnType;
      splitClause: () => ReturnType;
      mergeClauseWithPrevious: () => ReturnType;
    };
  }
}

interface TopLevel {
  node: PMNode;
  index: number;
  pos: number;
}

/** The top-level block (clause or chapter) holding the selection. */
export function currentTopLevel(state: EditorState): TopLevel | null {
  const { $from } = state.selection;
  const index = $from.depth === 0 ? $from.index(0) : $from.index(0);
  if (index >= state.doc.childCount) return null;
  let pos = 0;
  for (let i = 0; i < index; i++) pos += state.doc.child(i).nodeSize;
  return { node: state.doc.child(index), index, pos };
}

function emptyClause(state: EditorState): PMNode {
  const { schema } = state;
  return schema.nodes[NODE.clause].create({ clauseId: newClauseId() }, [
    schema.nodes[NODE.clauseHeading].create(),
    schema.nodes[NODE.paragraph].create(),
  ]);
}

function selectInside(tr: Transaction, pos: number): Transaction {
  return tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(pos, tr.doc.content.size))));
}

export const ClauseCommands = Extension.create({
  name: "charterClauses",
  addCommands() {
    return {
      addClause:
        () =>
        ({ state, tr, dispatch }) => {
          const here = currentTopLevel(state);
          const at = here ? here.pos + here.node.nodeSize : state.doc.content.size;
          if (dispatch) dispatch(selectInside(tr.insert(at, emptyClause(state)), at + 2).scrollIntoView());
          return true;
        },
      addChapter:
        () =>
        ({ state, tr, dispatch }) => {
          const here = currentTopLevel(state);
          const at = here ? here.pos + here.node.nodeSize : state.doc.content.size;
          const chapter = state.schema.nodes[NODE.chapter].create();
          if (dispatch) dispatch(selectInside(tr.insert(at, chapter), at + 1).scrollIntoView());
          return true;
        },
      deleteClause:
        () =>
        ({ state, tr, dispatch }) => {
          const here = currentTopLevel(state);
          if (!here) return false;
          if (dispatch) {
            if (state.doc.childCount === 1) tr.replaceWith(0, state.doc.content.size, emptyClause(state));
            else tr.delete(here.pos, here.pos + here.node.nodeSize);
            dispatch(selectInside(tr, Math.max(0, here.pos - 1)).scrollIntoView());
          }
          return true;
        },
      moveClause:
        (direction) =>
        ({ state, tr, dispatch }) => {
          const here = currentTopLevel(state);
          if (!here) return false;
          const neighbourIndex = direction === "up" ? here.index - 1 : here.index + 1;
          if (neighbourIndex < 0 || neighbourIndex >= state.doc.childCount) return false;
          if (dispatch) {
            const neighbour = state.doc.child(neighbourIndex);
            const offset = state.selection.from - here.pos;
            tr.delete(here.pos, here.pos + here.node.nodeSize);
            const target = direction === "up" ? here.pos - neighbour.nodeSize : here.pos + neighbour.nodeSize;
            tr.insert(target, here.node);
            dispatch(selectInside(tr, target + offset).scrollIntoView());
          }
          return true;
        },
      splitClause:
        () =>
        ({ state, tr, dispatch }) => {
          const { $from } = state.selection;
          const here = currentTopLevel(state);
          if (!here || here.node.type.name !== NODE.clause) return false;
          if ($from.depth !== 2 || $from.parent.type.name !== NODE.paragraph) return false;
          // The first half keeps the heading and needs at least one block of its own.
          if ($from.index(1) === 1 && $from.parentOffset === 0) return false;
          if (dispatch) {
            const clause = here.node;
            const at = $from.index(1); // index of the paragraph inside the clause
            const paragraph = $from.parent;
            const firstBlocks: PMNode[] = [];
            const secondBlocks: PMNode[] = [];
            clause.forEach((child, _offset, i) => {
              if (i < at) firstBlocks.push(child);
              else if (i > at) secondBlocks.push(child);
            });
            if ($from.parentOffset > 0) firstBlocks.push(paragraph.cut(0, $from.parentOffset));
            secondBlocks.unshift(paragraph.cut($from.parentOffset));
            const first = clause.type.create(clause.attrs, firstBlocks);
            const heading = state.schema.nodes[NODE.clauseHeading].create();
            const second = clause.type.create({ clauseId: newClauseId() }, [heading, ...secondBlocks]);
            tr.replaceWith(here.pos, here.pos + clause.nodeSize, [first, second]);
            dispatch(selectInside(tr, here.pos + first.nodeSize + 1).scrollIntoView());
          }
          return true;
        },
      mergeClauseWithPrevious:
        () =>
        ({ state, tr, dispatch }) => {
          const here = currentTopLevel(state);
          if (!here || here.index === 0 || here.node.type.name !== NODE.clause) return false;
          const previous = state.doc.child(here.index - 1);
          if (previous.type.name !== NODE.clause) return false;
          if (dispatch) {
            const blocks: PMNode[] = [];
            here.node.forEach((child) => {
              if (child.type.name !== NODE.clauseHeading) blocks.push(child);
              else if (child.textContent.trim()) blocks.push(state.schema.nodes[NODE.paragraph].create(null, child.content));
            });
            const previousPos = here.pos - previous.nodeSize;
            const joinAt = previousPos + previous.nodeSize - 1;
            const merged = previous.type.create(previous.attrs, previous.content.append(Fragment.fromArray(blocks)));
            tr.replaceWith(previousPos, here.pos + here.node.nodeSize, merged);
            dispatch(selectInside(tr, joinAt).scrollIntoView());
          }
          return true;
        },
    };
  },
});
