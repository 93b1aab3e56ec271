// The one clause walker (issue 14, Structure): the index (Y.Doc), the exports (ProseMirror JSON)
// and the editor (ProseMirror Node) see the same chapters, articles, headings and citations.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { getSchema } from "@tiptap/core";
import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import { charterExtensions } from "@/lib/editor/extensions";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { appendBlocks } from "@/lib/editor/ydoc";
import {
  clauseCitations,
  plainText,
  pmJsonView,
  pmNodeView,
  walkStructure,
  yXmlView,
  type NodeView,
  type PMJson,
} from "@/lib/editor/clauses";

function sample(): Y.Doc {
  const doc = new Y.Doc();
  appendBlocks(doc, [
    { clauseId: "intro", heading: "Purpose", paragraphs: [["Before any chapter."]] },
    { chapter: "Chapter I" },
    { clauseId: "a", heading: "Scope", paragraphs: [["Applies to all ", { cite: { sourceItemId: "s1", key: "MKH23-REC-01" } }, "."], ["Second."]] },
    { chapter: "Chapter II" },
    { clauseId: "b", paragraphs: [[{ cite: { sourceItemId: "s2", key: "MKH23-CON-05" } }]] },
  ]);
  return doc;
}

/** Everything the walker reports, without the nodes themselves. */
function summary<N>(doc: N, view: NodeView<N>) {
  return [...walkStructure(doc, view)].map((entry) =>
    entry.kind === "chapter"
      ? { kind: entry.kind, title: entry.title, position: entry.position }
      : {
          kind: entry.kind,
          clauseId: entry.clauseId,
          number: entry.number,
          position: entry.position,
          chapter: entry.chapter,
          heading: entry.heading,
          body: entry.body.map((b) => plainText(view, b)),
          citations: clauseCitations(view, entry),
        },
  );
}

describe("the clause walker", () => {
  const ydoc = sample();
  const json = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(YDOC_FIELD)) as PMJson;
  const node = getSchema(charterExtensions()).nodeFromJSON(json);

  it("reads chapters, numbered articles, headings, body blocks and citations from a Y.Doc", () => {
    expect(summary(ydoc.getXmlFragment(YDOC_FIELD), yXmlView)).toEqual([
      { kind: "clause", clauseId: "intro", number: 1, position: 0, chapter: null, heading: "Purpose", body: ["Before any chapter."], citations: [] },
      { kind: "chapter", title: "Chapter I", position: 1 },
      {
        kind: "clause",
        clauseId: "a",
        number: 2,
        position: 2,
        chapter: "Chapter I",
        heading: "Scope",
        body: ["Applies to all [MKH23-REC-01].", "Second."],
        citations: [{ sourceItemId: "s1", key: "MKH23-REC-01" }],
      },
      { kind: "chapter", title: "Chapter II", position: 3 },
      { kind: "clause", clauseId: "b", number: 3, position: 4, chapter: "Chapter II", heading: "", body: ["[MKH23-CON-05]"], citations: [{ sourceItemId: "s2", key: "MKH23-CON-05" }] },
    ]);
  });

  it("reads ProseMirror JSON and a ProseMirror Node the same way", () => {
    const fromY = summary(ydoc.getXmlFragment(YDOC_FIELD), yXmlView);
    expect(summary(json, pmJsonView)).toEqual(fromY);
    expect(summary(node, pmNodeView)).toEqual(fromY);
  });

  it("gives the document position of each top-level node of a ProseMirror Node", () => {
    const offsets: number[] = [];
    node.forEach((_child, offset) => offsets.push(offset));
    expect([...walkStructure(node, pmNodeView)].map((e) => e.offset)).toEqual(offsets);
    expect([...walkStructure(json, pmJsonView)].every((e) => e.offset === null)).toBe(true);
  });
});
