// @vitest-environment jsdom
// States that concurrent edits can merge into (a heading-only article, an empty document) are
// valid for the editor schema and for every reader of the text (issue 11, item 2).
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Editor, getSchema } from "@tiptap/core";
import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import type { Node as PMNode } from "@tiptap/pm/model";
import { charterExtensions } from "@/lib/editor/extensions";
import { NODE, YDOC_FIELD } from "@/lib/editor/schema";
import { appendBlocks, readClauses } from "@/lib/editor/ydoc";
import { compareClauses } from "@/lib/versions/compare";
import { chaptersFromDoc } from "@/server/export/model";

const schema = getSchema(charterExtensions());
let editor: Editor | null = null;
afterEach(() => editor?.destroy());

/** A document with the third article's two paragraphs deleted, as two concurrent deletions leave it. */
function headingOnlyArticle(): Y.Doc {
  const doc = new Y.Doc();
  appendBlocks(doc, [
    { clauseId: "a", heading: "Scope", paragraphs: [["Scope text."]] },
    { clauseId: "b", heading: "Screening", paragraphs: [["One."], ["Two."]] },
  ]);
  (doc.getXmlFragment(YDOC_FIELD).get(1) as Y.XmlElement).delete(1, 2);
  return doc;
}

const docJSON = (doc: Y.Doc) => yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(YDOC_FIELD)) as Parameters<typeof chaptersFromDoc>[0];

/** What a key press does in the editor (through the same handlers as a real key press). */
function press(e: Editor, key: string) {
  e.view.someProp("handleKeyDown", (handle) => handle(e.view, new KeyboardEvent("keydown", { key })));
}

const shape = (doc: PMNode) => {
  const out: string[][] = [];
  doc.forEach((clause) => out.push(clause.children.map((c) => `${c.type.name}:${c.textContent}`)));
  return out;
};

describe("states concurrent edits produce", () => {
  it("a heading-only article is a valid document and every reader keeps it", () => {
    const doc = headingOnlyArticle();
    expect(() => schema.nodeFromJSON(docJSON(doc)).check()).not.toThrow();
    expect(readClauses(doc).map((c) => [c.clauseId, c.heading, c.text])).toEqual([["a", "Scope", "Scope text."], ["b", "Screening", ""]]);
    expect(chaptersFromDoc(docJSON(doc))[0].articles.map((a) => [a.clauseId, a.heading, a.blocks.length])).toEqual([["a", "Scope", 1], ["b", "Screening", 0]]);
    const before = new Y.Doc();
    appendBlocks(before, [
      { clauseId: "a", heading: "Scope", paragraphs: [["Scope text."]] },
      { clauseId: "b", heading: "Screening", paragraphs: [["One."], ["Two."]] },
    ]);
    const comparison = compareClauses(readClauses(before), readClauses(doc));
    expect(comparison.changes.find((c) => c.clauseId === "b")).toMatchObject({ kind: "changed", fromHeading: "Screening", toHeading: "Screening" });
  });

  it("an emptied document reads as no articles and opens on an empty article to write in", () => {
    const doc = new Y.Doc();
    appendBlocks(doc, [{ chapter: "Chapter I" }, { clauseId: "a", heading: "Scope", paragraphs: [["Text."]] }]);
    const fragment = doc.getXmlFragment(YDOC_FIELD);
    fragment.delete(0, fragment.length);
    expect(readClauses(doc)).toEqual([]);
    expect(chaptersFromDoc(docJSON(doc))).toEqual([]);
    expect(compareClauses([], readClauses(doc)).changes).toEqual([]);
    // What ProseMirror fills into an empty document is an article, not a chapter title.
    expect(schema.topNodeType.createAndFill()!.firstChild!.type.name).toBe(NODE.clause);
  });
});

describe("an article's body never merges into its heading", () => {
  const make = (html: string) => (editor = new Editor({ extensions: charterExtensions(), content: html }));
  const ONE = '<section data-clause-id="a"><h3 data-clause-heading>Head</h3><p>Body</p></section>';
  const HEADING_END = 6; // clause, heading, "Head"
  const BODY_START = 8;

  it("Backspace at the start of the body moves the caret to the heading", () => {
    const e = make(ONE);
    e.commands.setTextSelection(BODY_START);
    press(e, "Backspace");
    expect(shape(e.state.doc)).toEqual([["clauseHeading:Head", "paragraph:Body"]]);
    expect(e.state.selection.from).toBe(HEADING_END);
  });

  it("Delete at the end of the heading keeps heading and body apart", () => {
    const e = make('<section data-clause-id="a"><h3 data-clause-heading>Head</h3><p>One</p><p>Two</p></section>');
    e.commands.setTextSelection(HEADING_END);
    press(e, "Delete");
    expect(shape(e.state.doc)).toEqual([["clauseHeading:Head", "paragraph:One", "paragraph:Two"]]);
  });

  it("Enter at the end of a heading-only article's heading starts its body", () => {
    const e = make('<section data-clause-id="a"><h3 data-clause-heading>Head</h3></section>');
    e.commands.setTextSelection(HEADING_END);
    press(e, "Enter");
    e.commands.insertContent("Body");
    expect(shape(e.state.doc)).toEqual([["clauseHeading:Head", "paragraph:Body"]]);
  });
});
