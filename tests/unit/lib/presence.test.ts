import { describe, expect, it } from "vitest";
import { PRESENCE_PALETTE, colorFor, contrastWithWhite, sanitizePresence } from "@/lib/presence";

describe("presence colours", () => {
  it("every colour gives white text at least 4.5:1 (WCAG AA)", () => {
    expect(PRESENCE_PALETTE.length).toBeGreaterThanOrEqual(8);
    for (const color of PRESENCE_PALETTE) expect(contrastWithWhite(color), color).toBeGreaterThanOrEqual(4.5);
  });

  it("computes contrast like WCAG: black on white is 21:1, white on white 1:1", () => {
    expect(contrastWithWhite("#000000")).toBeCloseTo(21, 5);
    expect(contrastWithWhite("#ffffff")).toBeCloseTo(1, 5);
  });

  it("gives a user the same palette colour every time", () => {
    expect(colorFor("cm123")).toBe(colorFor("cm123"));
    expect(PRESENCE_PALETTE).toContain(colorFor("someone else"));
  });
});

describe("presence state whitelist", () => {
  const user = { id: "u1", name: "Ana", delegation: "Senegal", role: "member", color: "#000" };
  it("keeps only user (overwritten), cursor, clauseId and lang", () => {
    const cursor = { anchor: { type: { client: 1, clock: 0 }, tname: null, item: null, assoc: 0 }, head: { tname: "default", assoc: -1 } };
    expect(sanitizePresence({ user: { name: "Chair" }, cursor, clauseId: "a1", lang: "fr", server: true, comments: 5 }, user)).toEqual({ user, cursor, clauseId: "a1", lang: "fr" });
  });
  it("drops what is malformed", () => {
    expect(sanitizePresence({ cursor: { anchor: {}, head: { type: { client: 1.5, clock: 0 } } }, clauseId: 7 }, user)).toEqual({ user, cursor: null, clauseId: null, lang: null });
    expect(sanitizePresence({ cursor: { anchor: { item: { client: 1, clock: 2 }, extra: 1 }, head: {} } }, user)?.cursor).toBeNull();
    expect(sanitizePresence([1, 2], user)).toBeNull();
    expect(sanitizePresence("text", user)).toBeNull();
  });
});
