import { describe, expect, it } from "vitest";
import { textColorOn } from "@/app/drafts/[id]/contrast";

describe("text on a user's colour", () => {
  it("is black on light colours and white on dark ones", () => {
    expect(textColorOn("#bcbd22")).toBe("#000");
    expect(textColorOn("#2ca02c")).toBe("#000");
    expect(textColorOn("#393b79")).toBe("#fff");
    expect(textColorOn("#1f77b4")).toBe("#fff");
  });
  it("falls back to white for a colour it cannot read", () => {
    expect(textColorOn("red")).toBe("#fff");
  });
});
