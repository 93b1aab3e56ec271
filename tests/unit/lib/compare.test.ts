import { describe, expect, it } from "vitest";
import { compareClauses } from "@/lib/versions/compare";
import type { ClauseSnapshot } from "@/lib/editor/ydoc";

let position = 0;
const clause = (clauseId: string, text: string, heading = "", citations: string[] = []): Omit<ClauseSnapshot, "number"> => ({
  clauseId,
  position: position++,
  chapter: null,
  heading,
  text,
  citations: citations.map((key) => ({ sourceItemId: key.toLowerCase(), key })),
});
const numbered = (list: Omit<ClauseSnapshot, "number">[]): ClauseSnapshot[] => list.map((c, i) => ({ ...c, number: i + 1 }));

describe("clause matcher and differ", () => {
  it("matches by clauseId through a move and an edit, with a word-level diff", () => {
    const a = clause("a", "States shall protect migrants.");
    const b = clause("b", "Borders shall be managed humanely.");
    const c = clause("c", "Data shall be shared.");
    const result = compareClauses(numbered([a, b, c]), numbered([c, a, { ...b, text: "Borders shall be managed humanely and lawfully." }]));
    const byId = Object.fromEntries(result.changes.map((x) => [x.clauseId, x]));
    expect(byId.c).toMatchObject({ kind: "unchanged", moved: true, fromNumber: 3, toNumber: 1, renumbered: true });
    expect(byId.a).toMatchObject({ kind: "unchanged", moved: false, renumbered: true });
    expect(byId.b).toMatchObject({ kind: "changed", moved: false, fromNumber: 2, toNumber: 3 });
    const added = byId.b.textDiff!.filter((p) => p.added).map((p) => p.value).join("");
    const kept = byId.b.textDiff!.filter((p) => !p.added && !p.removed).map((p) => p.value).join("");
    expect(added.trim()).toBe("and lawfully");
    expect(kept).toBe("Borders shall be managed humanely.");
    expect(result.summary).toMatchObject({ changed: 1, moved: 1, renumbered: 3, added: 0, removed: 0 });
  });

  it("recognises a split: the new clause holds text cut from an existing one", () => {
    const a = clause("a", "First obligation. Second obligation.");
    const result = compareClauses(numbered([a]), numbered([{ ...a, text: "First obligation." }, clause("n", "Second obligation.")]));
    const added = result.changes.find((x) => x.clauseId === "n")!;
    expect(added).toMatchObject({ kind: "added", splitFrom: "a", toNumber: 2 });
    expect(result.changes.find((x) => x.clauseId === "a")!.kind).toBe("changed");
  });

  it("recognises a merge: a removed clause's text now sits in another", () => {
    const a = clause("a", "First obligation.");
    const b = clause("b", "Second obligation.");
    const result = compareClauses(numbered([a, b]), numbered([{ ...a, text: "First obligation.\nSecond obligation." }]));
    expect(result.changes.find((x) => x.clauseId === "b")).toMatchObject({ kind: "removed", mergedInto: "a", fromNumber: 2, toNumber: null });
  });

  it("reports renumbering when a clause is inserted before others", () => {
    const a = clause("a", "One.");
    const b = clause("b", "Two.");
    const result = compareClauses(numbered([a, b]), numbered([clause("new", "Zero."), a, b]));
    expect(result.changes.map((x) => [x.clauseId, x.kind, x.fromNumber, x.toNumber, x.moved])).toEqual([
      ["new", "added", null, 1, false],
      ["a", "unchanged", 1, 2, false],
      ["b", "unchanged", 2, 3, false],
    ]);
    expect(result.summary.renumbered).toBe(2);
  });

  it("lists a citation-only change: Article 1 no longer cites CON-05", () => {
    const before = clause("a", "Coordination shall be enlarged. [MKH23-CON-05]", "", ["MKH23-CON-05"]);
    const after = { ...before, text: "Coordination shall be enlarged.", citations: [] };
    const result = compareClauses(numbered([before]), numbered([after]));
    expect(result.changes[0]).toMatchObject({ kind: "changed", citationsRemoved: ["MKH23-CON-05"], citationsAdded: [] });
    expect(result.summary.citationsRemoved).toBe(1);
  });

  it("reports heading changes separately and leaves identical texts alone", () => {
    const a = clause("a", "Same text.", "Old heading");
    const result = compareClauses(numbered([a]), numbered([{ ...a, heading: "New heading" }]));
    expect(result.changes[0].headingDiff!.some((p) => p.added && p.value.includes("New"))).toBe(true);
    expect(result.changes[0].textDiff).toBeNull();
  });
});
