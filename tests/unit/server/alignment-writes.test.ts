import { describe, expect, it } from "vitest";
import { alignmentWrites, textHash } from "@/server/domain/alignment";

const now = new Date("2026-11-27T12:40:00.000Z");
const earlier = new Date("2026-11-27T09:00:00.000Z");
const article = (clauseId: string, en: string, fr: string) => ({ clauseId, heading: "", text: en, headingFr: "", textFr: fr });
const row = (clauseId: string, en: string, fr: string, extra: Partial<Parameters<typeof alignmentWrites>[0][number]> = {}) => ({
  clauseId,
  enHash: textHash("", en),
  frHash: textHash("", fr),
  enChangedAt: earlier,
  enChangedById: "u-old",
  frChangedAt: earlier,
  frChangedById: "u-old",
  confirmedEnHash: null,
  confirmedFrHash: null,
  lead: null,
  ...extra,
});

describe("alignment rows the indexer writes", () => {
  it("an empty text hashes to '' and anything else to something else", () => {
    expect(textHash("", "")).toBe("");
    expect(textHash(null, "")).toBe("");
    expect(textHash("Scope", "")).not.toBe("");
    expect(textHash("Scope", "")).not.toBe(textHash("", "Scope"));
  });

  it("stamps the language that changed with now and its editor, keeps the other's stamp", () => {
    const editors = new Map([["fr|a", "u-fr"]]);
    const { writes, changed } = alignmentWrites([row("a", "It applies.", "", { lead: "en" })], [article("a", "It applies.", "Elle s'applique.")], editors, now);
    expect(changed).toBe(true);
    expect(writes).toEqual([
      { clauseId: "a", enHash: textHash("", "It applies."), frHash: textHash("", "Elle s'applique."), enChangedAt: earlier.toISOString(), enChangedById: "u-old", frChangedAt: now.toISOString(), frChangedById: "u-fr", lead: "en" },
    ]);
  });

  it("writes nothing for an unchanged article; a deleted one still counts as a change", () => {
    const same = alignmentWrites([row("a", "x", "y", { lead: "en" })], [article("a", "x", "y")], new Map(), now);
    expect(same).toEqual({ writes: [], changed: false });
    const gone = alignmentWrites([row("a", "x", "y", { lead: "en" }), row("b", "x", "y", { lead: "en" })], [article("a", "x", "y")], new Map(), now);
    expect(gone).toEqual({ writes: [], changed: true });
  });

  it("a change without a known editor is stamped with nobody; a new article gets a row", () => {
    const { writes } = alignmentWrites([], [article("n", "New.", "")], new Map(), now);
    expect(writes).toEqual([{ clauseId: "n", enHash: textHash("", "New."), frHash: "", enChangedAt: now.toISOString(), enChangedById: null, frChangedAt: null, frChangedById: null, lead: "en" }]);
  });

  it("after a confirmation, the language edited first leads even once the other follows", () => {
    const confirmed = { confirmedEnHash: textHash("", "x"), confirmedFrHash: textHash("", "y") };
    const first = alignmentWrites([row("a", "x", "y", confirmed)], [article("a", "x", "y2")], new Map(), now).writes[0];
    expect(first.lead).toBe("fr");
    const second = alignmentWrites([row("a", "x", "y2", { ...confirmed, lead: "fr" })], [article("a", "x2", "y2")], new Map(), now).writes[0];
    expect(second.lead).toBe("fr");
  });
});
