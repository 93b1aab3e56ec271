import { describe, expect, it } from "vitest";
import { wordBoundary } from "@/app/drafts/[id]/citation-status";

describe("where a dropped citation lands", () => {
  const text = "Cooperation between partners";
  it("moves out of a word to its nearer edge", () => {
    expect(wordBoundary(text, 3)).toBe(0); // Coo|peration → |Cooperation
    expect(wordBoundary(text, 9)).toBe(11); // Cooperati|on → Cooperation|
    expect(wordBoundary(text, 14)).toBe(12); // be|tween → |between
  });
  it("stays put between words and at the ends", () => {
    expect(wordBoundary(text, 11)).toBe(11);
    expect(wordBoundary(text, 12)).toBe(12);
    expect(wordBoundary(text, 0)).toBe(0);
    expect(wordBoundary(text, text.length)).toBe(text.length);
  });
  it("treats accented letters, apostrophes and hyphens as part of the word", () => {
    expect(wordBoundary("l’intégration", 6)).toBe(0);
    expect(wordBoundary("cross-border work", 8)).toBe(12);
  });
  it("never splits a citation placeholder", () => {
    expect(wordBoundary("a\ufffcb", 1)).toBe(1);
  });
});
