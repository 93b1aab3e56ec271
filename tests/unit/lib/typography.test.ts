import { describe, expect, it } from "vitest";
import { frenchTypography, frenchTypographyRuns } from "@/lib/typography";

// Written with a visible marker: "_" stands for the narrow no-break space U+202F.
const shown = (s: string) => s.replace(/\u202F/g, "_");

describe("frenchTypography", () => {
  it("turns the typed space before ; : ! ? into a narrow no-break space", () => {
    expect(shown(frenchTypography("Les États : la dignité ; le droit ! Pourquoi ?"))).toBe("Les États_: la dignité_; le droit_! Pourquoi_?");
  });

  it("adds the narrow space where none was typed", () => {
    expect(shown(frenchTypography("Article 3: texte; fin! Vraiment?"))).toBe("Article 3_: texte_; fin_! Vraiment_?");
  });

  it("replaces a no-break space (U+00A0) and leaves a narrow one as it is", () => {
    expect(shown(frenchTypography("Note\u00A0: a\u202F; b"))).toBe("Note_: a_; b");
  });

  it("puts narrow spaces inside « », typed or not", () => {
    expect(shown(frenchTypography("le « principe » et «non-refoulement»"))).toBe("le «_principe_» et «_non-refoulement_»");
  });

  it("gives a cluster of marks one space, before its first mark", () => {
    expect(shown(frenchTypography("Vraiment ?!"))).toBe("Vraiment_?!");
  });

  it("leaves times, addresses and marks inside a word alone", () => {
    const text = "à 12:40, voir http://example.org/a?b=1;c et https://x.fr: ok";
    expect(shown(frenchTypography(text))).toBe("à 12:40, voir http://example.org/a?b=1;c et https://x.fr_: ok");
    expect(frenchTypography("a:b 10:30")).toBe("a:b 10:30");
  });

  it("does not put a space at the start of a line or of the text", () => {
    expect(frenchTypography(": début\n? suite")).toBe(": début\n? suite");
  });

  it("reads runs of one paragraph as one text (a colon after a bold word)", () => {
    expect(frenchTypographyRuns(["Note", ": voir « ", "ici", " »"]).map(shown)).toEqual(["Note", "_: voir «_", "ici", "_»"]);
  });
});
