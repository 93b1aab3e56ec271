import { describe, expect, it } from "vitest";
import { versionLabel } from "@/app/drafts/[id]/history/version-label";
import en from "@/lib/i18n/messages/en.json";
import fr from "@/lib/i18n/messages/fr.json";

/** The history namespace of one language, with ICU-style {name} placeholders filled in. */
const translator = (messages: typeof en) => (key: string, values: Record<string, string> = {}) =>
  (messages.history as unknown as Record<string, string>)[key].replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
const date = () => "23 Nov 2026";
const created = new Date("2026-11-23T10:00:00Z");

describe("versionLabel", () => {
  it("names the version an accepted amendment made in the reader's language, not by its stored English name", () => {
    const version = { kind: "named", name: "AM-001 (Senegal) accepted", createdAt: created, amendment: { number: "AM-001", delegation: "Senegal" } };
    expect(versionLabel(version, translator(en), date)).toBe("AM-001 (Senegal) accepted");
    expect(versionLabel(version, translator(fr), date)).toBe("AM-001 (Senegal) adopté");
  });

  it("keeps a named version's own name and dates an unnamed automatic one", () => {
    expect(versionLabel({ kind: "named", name: "First reading", createdAt: created, amendment: null }, translator(fr), date)).toBe("First reading");
    expect(versionLabel({ kind: "auto", name: null, createdAt: created }, translator(en), date)).toBe(`${en.history.auto} · 23 Nov 2026`);
  });
});
