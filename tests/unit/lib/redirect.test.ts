import { describe, expect, it } from "vitest";
import { safeCallbackPath, sameOriginTarget } from "@/lib/redirect";

const SITE = "https://charter.example.org";

describe("redirect targets after sign-in", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/drafts/abc?tab=history#c1", SITE, "/drafts")).toBe("/drafts/abc?tab=history#c1");
    expect(sameOriginTarget("/drafts", SITE)).toBe(`${SITE}/drafts`);
    expect(sameOriginTarget(`${SITE}/sources`, SITE)).toBe(`${SITE}/sources`);
  });

  it("refuses what the browser would resolve to another site", () => {
    for (const target of ["/\\evil.example/x", "//evil.example/x", "https://evil.example/x", "\\\\evil.example", "javascript:alert(1)", "http://charter.example.org/x"]) {
      expect(safeCallbackPath(target, SITE, "/drafts"), target).toBe("/drafts");
      expect(sameOriginTarget(target, SITE), target).toBeNull();
    }
  });

  it("never returns a path that starts with two slashes", () => {
    expect(safeCallbackPath(`${SITE}//evil.example/x`, SITE, "/drafts")).toBe("/evil.example/x");
  });
});
