import { describe, expect, it } from "vitest";
import { hasActor, matchesWords, searchWords, type SearchableItem } from "@/lib/search";

const item = (text: string, extra: Partial<SearchableItem> = {}): SearchableItem => ({
  key: "MKH23-REC-07",
  title: null,
  text,
  section: null,
  subsection: null,
  actors: [],
  ...extra,
});
const matches = (query: string, it: SearchableItem) => matchesWords(it, searchWords(query));

describe("source search", () => {
  it("matches words, not substrings inside other words", () => {
    expect(matches("formation", item("Sharing information between border posts"))).toBe(false);
    expect(matches("formation", item("Joint formation of border guards"))).toBe(true);
    expect(matches("migrant", item("Immigrant reception centres"))).toBe(false);
  });

  it("matches the beginning of a word, so typing is searching", () => {
    expect(matches("vulnera", item("Screening of vulnerable migrants"))).toBe(true);
    expect(matches("migrant", item("Screening of vulnerable migrants"))).toBe(true);
    expect(matches("nerable", item("Screening of vulnerable migrants"))).toBe(false);
  });

  it("ignores accents and case on both sides", () => {
    expect(matches("Integration", item("l’intégration des migrants"))).toBe(true);
    expect(matches("INTÉGRATION", item("integration of migrants"))).toBe(true);
    expect(matches("sécurité", item("SECURITE DES FRONTIERES"))).toBe(true);
  });

  it("treats apostrophes and hyphens as word breaks", () => {
    expect(matches("integration", item("l'intégration"))).toBe(true);
    expect(matches("rec-07", item("any text"))).toBe(true);
    expect(matches("mkh23-rec-08", item("any text"))).toBe(false);
  });

  it("needs every word, anywhere in the item's fields", () => {
    const it2 = item("Screening at the border", { title: "Vulnerability", section: "Recommendations", actors: ["Morocco"] });
    expect(matches("screening morocco", it2)).toBe(true);
    expect(matches("screening senegal", it2)).toBe(false);
    expect(matches("", it2)).toBe(true);
  });

  it("compares actors whole, accent- and case-insensitively", () => {
    expect(hasActor({ actors: ["Côte d'Ivoire"] }, "cote d’ivoire")).toBe(true);
    expect(hasActor({ actors: ["Niger"] }, "Nigeria")).toBe(false);
  });
});
