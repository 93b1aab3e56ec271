import { describe, expect, it } from "vitest";
import { computeCoverage, type CoverageItemInput } from "@/lib/coverage";

const item = (id: string, kind: CoverageItemInput["kind"], status = "active"): CoverageItemInput => ({ id, key: id.toUpperCase(), kind, section: "S", status });

describe("coverage arithmetic", () => {
  const items = [item("r1", "recommendation"), item("r2", "recommendation"), item("r3", "recommendation"), item("c1", "conclusion"), item("g1", "good_practice"), item("w1", "recommendation", "withdrawn"), item("w2", "recommendation", "withdrawn")];
  const citations = [
    { clauseId: "b", sourceItemId: "r1" },
    { clauseId: "a", sourceItemId: "r1" },
    { clauseId: "a", sourceItemId: "c1" },
    { clauseId: "a", sourceItemId: "w1" },
  ];
  const decisions = [{ sourceItemId: "r2", reason: "Out of scope", decidedBy: "Chair", decidedAt: "2026-11-22T00:00:00.000Z" }];
  const coverage = computeCoverage(items, citations, decisions, ["a", "b"]);

  it("counts cited items per kind, leaving withdrawn items out of the totals", () => {
    expect(coverage.totals).toEqual({ recommendation: { items: 3, cited: 1 }, conclusion: { items: 1, cited: 1 }, good_practice: { items: 1, cited: 0 } });
    expect(coverage.recommendationsAndConclusionsCited).toBe(2 / 4);
  });

  it("lists uncovered items first, then deliberate omissions, then cited items", () => {
    expect(coverage.items.map((i) => [i.sourceItemId, i.status])).toEqual([
      ["r3", "uncovered"],
      ["g1", "uncovered"],
      ["r2", "not_addressed"],
      ["r1", "cited"],
      ["c1", "cited"],
      ["w1", "cited"],
    ]);
  });

  it("orders the citing clauses as in the draft and flags cited withdrawn items; uncited withdrawn ones vanish", () => {
    const r1 = coverage.items.find((i) => i.sourceItemId === "r1")!;
    expect(r1.clauses).toEqual(["a", "b"]);
    expect(coverage.items.find((i) => i.sourceItemId === "w1")).toMatchObject({ withdrawn: true, status: "cited" });
    expect(coverage.items.find((i) => i.sourceItemId === "w2")).toBeUndefined();
    expect(coverage.items.find((i) => i.sourceItemId === "r2")!.decision).toMatchObject({ reason: "Out of scope" });
  });

  it("a citation wins over a decision, and an empty library is 0%", () => {
    const c = computeCoverage([item("x", "conclusion")], [{ clauseId: "a", sourceItemId: "x" }], [{ sourceItemId: "x", reason: "r", decidedBy: "C", decidedAt: "" }], ["a"]);
    expect(c.items[0].status).toBe("cited");
    expect(computeCoverage([], [], [], []).recommendationsAndConclusionsCited).toBe(0);
  });
});
