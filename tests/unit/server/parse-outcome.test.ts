import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OutcomeParseError, parseOutcomeDocument } from "@/server/import/parse-outcome";
import { MARRAKESH_2023 } from "@/server/import/import-document";

const text = readFileSync(MARRAKESH_2023.file, "utf8");
const parse = () => parseOutcomeDocument(text, { keyPrefix: "MKH23", boxTitles: MARRAKESH_2023.boxTitles });

describe("outcome document parser on the shipped Marrakesh document", () => {
  it("finds every item of each kind", () => {
    expect(parse().counts).toEqual({ challenge: 7, good_practice: 28, recommendation: 19, conclusion: 6 });
  });

  it("numbers keys per kind in document order and keeps order global", () => {
    const { items } = parse();
    expect(items.filter((i) => i.kind === "conclusion").map((i) => i.key)).toEqual(
      ["01", "02", "03", "04", "05", "06"].map((n) => `MKH23-CON-${n}`),
    );
    expect(items.map((i) => i.order)).toEqual(items.map((_, n) => n + 1));
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
  });

  it("joins paragraphs broken by page ends", () => {
    const ghana = parse().items.find((i) => i.text.startsWith("In Ghana, the Centre for Democratic Development"))!;
    expect(ghana.text).toContain("education campaigns to inform citizens and the border community about border management strategies implemented in the country. This education campaign is broadened");
    expect(ghana.kind).toBe("good_practice");
  });

  it("reads the plain-paragraph recommendation and the boxed case studies", () => {
    const { items } = parse();
    const additional = items.find((i) => i.text.startsWith("Border control authorities should receive emergency funding"))!;
    expect(additional.kind).toBe("recommendation");
    const blueShield = items.find((i) => i.title?.startsWith("Blue Shield"))!;
    expect(blueShield.kind).toBe("good_practice");
    expect(blueShield.text).toContain("Joint Investigation Teams (JITs) with Mauritania and Niger");
    expect(items.find((i) => i.title?.startsWith("IOM's SIMEX"))?.kind).toBe("good_practice");
    // the Blue Shield box sits inside a list: the bullet after it is still a good practice
    expect(items.find((i) => i.text.startsWith("Switzerland is involved"))?.kind).toBe("good_practice");
  });

  it("records the bold delegations and organisations as actors, not bold topics", () => {
    const { items } = parse();
    expect(items.find((i) => i.text.startsWith("France also implemented"))?.actors).toEqual(["France", "Egypt", "Tunisia"]);
    expect(items.find((i) => i.text.startsWith("The Kingdom of Morocco has put in place"))?.actors).toEqual(["Morocco"]);
    expect(items.find((i) => i.text.startsWith("There is a need to elaborate a collective dynamic"))?.actors).toEqual([]);
    expect(items.find((i) => i.text.startsWith("Switzerland is involved"))?.actors).toEqual(["Switzerland", "Cameroon", "Nigeria", "Lebanon"]);
  });

  it("stores the readable text without Markdown markers and knows sections and panels", () => {
    const { items } = parse();
    expect(items.every((i) => !i.text.includes("**"))).toBe(true);
    const rec = items.find((i) => i.key === "MKH23-REC-07")!;
    expect(rec.text).toBe("National agencies involved in the identification of migrants must cooperate despite their different mandates and come up with a procedural framework for the identification and support of victims.");
    expect(rec.panel).toBe(2);
    expect(rec.section).toMatch(/^Management of migrants and vulnerable persons at the border/);
    expect(items.find((i) => i.key === "MKH23-CON-01")?.section).toBe("Conclusions of the Thematic Meeting");
  });

  it("gives the same keys on every run", () => {
    expect(parse().items.map((i) => [i.key, i.text])).toEqual(parse().items.map((i) => [i.key, i.text]));
  });

  it("reads Markdown uploads with headings and quoted case studies", () => {
    const md = [
      "# Panel A",
      "",
      "Several **recommendations** were made:",
      "",
      "- **Ghana** should do one thing.",
      "- Another thing should be done.",
      "",
      "> Case study: the **Senegal** one-stop shop",
      "> Senegal opened a one-stop shop for returnees.",
      "",
      "Conclusions:",
      "",
      "- 1) First conclusion.",
    ].join("\n");
    const parsed = parseOutcomeDocument(md, { keyPrefix: "TST" });
    expect(parsed.counts).toEqual({ challenge: 0, good_practice: 1, recommendation: 2, conclusion: 1 });
    expect(parsed.items[0]).toMatchObject({ key: "TST-REC-01", actors: ["Ghana"], section: "Panel A" });
    expect(parsed.items.find((i) => i.kind === "conclusion")?.text).toBe("First conclusion.");
  });

  it("rejects files it cannot read with a clear error", () => {
    expect(() => parseOutcomeDocument("", { keyPrefix: "TST" })).toThrow(/empty/);
    expect(() => parseOutcomeDocument("\u0000\u0001PK binary", { keyPrefix: "TST" })).toThrow(OutcomeParseError);
    expect(() => parseOutcomeDocument("Just a paragraph of prose.\n\nAnd another one.", { keyPrefix: "TST" })).toThrow(/No challenges/);
    expect(() => parseOutcomeDocument(text, { keyPrefix: "bad prefix" })).toThrow(/prefix/);
  });
});
