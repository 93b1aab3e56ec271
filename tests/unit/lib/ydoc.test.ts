import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendBlocks, initialDraftState, readClauses } from "@/lib/editor/ydoc";

describe("reading clauses from a Y.Doc", () => {
  it("numbers clauses in order under their chapters, with text and citations", () => {
    const doc = new Y.Doc();
    appendBlocks(doc, [
      { chapter: "Chapter I" },
      { clauseId: "a", heading: "Scope", paragraphs: [["Applies to all.", " ", { cite: { sourceItemId: "s1", key: "MKH23-REC-01" } }], ["Second."]] },
      { chapter: "Chapter II" },
      { clauseId: "b", paragraphs: [["Other."]] },
    ]);
    expect(readClauses(doc)).toEqual([
      { clauseId: "a", number: 1, position: 1, chapter: "Chapter I", heading: "Scope", text: "Applies to all. [MKH23-REC-01]\nSecond.", citations: [{ sourceItemId: "s1", key: "MKH23-REC-01" }] },
      { clauseId: "b", number: 2, position: 3, chapter: "Chapter II", heading: "", text: "Other.", citations: [] },
    ]);
  });
  it("starts a new draft with one empty article", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initialDraftState());
    const clauses = readClauses(doc);
    expect(clauses).toHaveLength(1);
    expect(clauses[0].clauseId).toMatch(/^cl-/);
  });
});
