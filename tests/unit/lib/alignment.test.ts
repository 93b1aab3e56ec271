import { describe, expect, it } from "vitest";
import { alignmentStatus, leadOf, type AlignmentState } from "@/lib/alignment";

const state = (s: Partial<AlignmentState>): AlignmentState => ({ enHash: "", frHash: "", confirmedEnHash: null, confirmedFrHash: null, lead: null, ...s });

describe("alignment status", () => {
  it("empty texts: both empty is aligned, one empty is that language missing", () => {
    expect(alignmentStatus(state({}))).toBe("aligned");
    expect(alignmentStatus(state({ enHash: "e1" }))).toBe("fr_missing");
    expect(alignmentStatus(state({ frHash: "f1" }))).toBe("en_missing");
    // Missing wins over a confirmation of other texts.
    expect(alignmentStatus(state({ enHash: "e2", confirmedEnHash: "e1", confirmedFrHash: "f1" }))).toBe("fr_missing");
  });

  it("aligned when both texts are the confirmed ones; otherwise the language that did not lead is out of date", () => {
    const confirmed = { confirmedEnHash: "e1", confirmedFrHash: "f1" };
    expect(alignmentStatus(state({ enHash: "e1", frHash: "f1", ...confirmed }))).toBe("aligned");
    expect(alignmentStatus(state({ enHash: "e2", frHash: "f1", ...confirmed, lead: "en" }))).toBe("fr_outdated");
    expect(alignmentStatus(state({ enHash: "e1", frHash: "f2", ...confirmed, lead: "fr" }))).toBe("en_outdated");
    // Only one changed: the other lags, whatever the stored lead says.
    expect(alignmentStatus(state({ enHash: "e1", frHash: "f2", ...confirmed, lead: "en" }))).toBe("en_outdated");
    // Both changed: the lead decides.
    expect(alignmentStatus(state({ enHash: "e2", frHash: "f2", ...confirmed, lead: "fr" }))).toBe("en_outdated");
    expect(alignmentStatus(state({ enHash: "e2", frHash: "f2", ...confirmed, lead: "en" }))).toBe("fr_outdated");
  });

  it("never confirmed with both texts: the language that had text first leads", () => {
    expect(alignmentStatus(state({ enHash: "e1", frHash: "f1", lead: "en" }))).toBe("fr_outdated");
    expect(alignmentStatus(state({ enHash: "e1", frHash: "f1", lead: "fr" }))).toBe("en_outdated");
  });
});

describe("lead", () => {
  it("keeps the lead while it differs from the confirmed text, else takes the one that differs", () => {
    const confirmed = { confirmedEnHash: "e1", confirmedFrHash: "f1" };
    expect(leadOf(state({ enHash: "e1", frHash: "f1", ...confirmed, lead: "en" }))).toBeNull();
    expect(leadOf(state({ enHash: "e2", frHash: "f1", ...confirmed }))).toBe("en");
    expect(leadOf(state({ enHash: "e2", frHash: "f2", ...confirmed, lead: "en" }))).toBe("en");
    // English went back to the confirmed text: French now leads.
    expect(leadOf(state({ enHash: "e1", frHash: "f2", ...confirmed, lead: "en" }))).toBe("fr");
    // Both at once: the one seen first.
    expect(leadOf(state({ enHash: "e2", frHash: "f2", ...confirmed }), "fr")).toBe("fr");
    expect(leadOf(state({ enHash: "e1", frHash: "" }))).toBe("en");
  });
});
