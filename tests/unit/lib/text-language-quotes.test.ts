// No-break spaces read as spaces in quotes and search (issue 13, item 6: French text holds them
// before ; : ! ? and inside « », exports add them and people paste them), and anchors resolve in
// their own language's text only (item 5).
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { findQuote, sameQuote } from "@/lib/comments/quote";
import { anchorOnPassage, resolveAnchor } from "@/lib/comments/anchor";
import { foldForSearch, hasActor } from "@/lib/search";
import { appendBlocks } from "@/lib/editor/ydoc";

const NBSP = "\u00A0";
const NNBSP = "\u202F";
const FIGURE = "\u2007";

describe("quotes with no-break spaces", () => {
  const text = `Le principe${NNBSP}: «${NBSP}retour digne${NBSP}». Délai${FIGURE}: 10${FIGURE}000 jours.`;

  it("a quote typed with ordinary spaces finds text with narrow, ordinary and figure no-break spaces", () => {
    expect(findQuote(text, { prefix: "", exact: "principe : « retour", suffix: "" })).toBe(3);
    expect(findQuote(text, { prefix: "", exact: "10 000 jours", suffix: "" })).toBe(text.indexOf("10"));
  });

  it("prefix and suffix match across no-break spaces too", () => {
    const twice = `A${NNBSP}: oui. B${NNBSP}: oui.`;
    expect(findQuote(twice, { prefix: "B : ", exact: "oui", suffix: "" })).toBe(twice.lastIndexOf("oui"));
  });

  it("a quote with no-break spaces finds text with ordinary spaces", () => {
    expect(findQuote("Le principe : retour", { prefix: "", exact: `principe${NNBSP}:`, suffix: "" })).toBe(3);
  });

  it("two quotations differing only in no-break spaces are the same text; other differences count", () => {
    expect(sameQuote(`principe${NNBSP}: retour`, "principe : retour")).toBe(true);
    expect(sameQuote("principe : retour", "principe: retour")).toBe(false);
  });

  it("anchorOnPassage finds a plainly typed quote and keeps the text's own characters", () => {
    const doc = new Y.Doc();
    appendBlocks(doc, [{ clauseId: "c1", heading: "Principe", paragraphs: [[`Le principe${NNBSP}: retour digne.`]] }], null, "fr");
    const anchor = anchorOnPassage(doc, "c1", "principe : retour", { prefix: "", suffix: "" }, "fr");
    expect(anchor?.exact).toBe(`principe${NNBSP}: retour`);
    expect(resolveAnchor(doc, anchor!, "fr")).toEqual({ status: "anchored", via: "relative", clauseId: "c1" });
  });
});

describe("search with no-break spaces", () => {
  it("folds no-break spaces to spaces", () => {
    expect(foldForSearch(`Article${NBSP}3${NNBSP}: l${FIGURE}x`)).toBe("article 3 : l x");
  });

  it("an actor named with a no-break space is found by its plain name", () => {
    expect(hasActor({ actors: [`Union${NBSP}africaine`] }, "Union africaine")).toBe(true);
  });
});

describe("anchors resolve in their own language's text", () => {
  function bilingual() {
    const doc = new Y.Doc();
    appendBlocks(doc, [{ clauseId: "c1", heading: "Scope", paragraphs: [["It applies at every border."]] }]);
    appendBlocks(doc, [{ clauseId: "c1", heading: "Champ", paragraphs: [["Elle s'applique à chaque frontière."]] }], null, "fr");
    return doc;
  }

  it("a quote of the French text is found in French, not in English", () => {
    const doc = bilingual();
    const anchor = { clauseId: "c1", prefix: "", exact: "chaque frontière", suffix: "" };
    expect(resolveAnchor(doc, anchor, "fr")).toEqual({ status: "anchored", via: "quote", clauseId: "c1" });
    expect(resolveAnchor(doc, anchor, "en")).toEqual({ status: "orphaned" });
  });

  it("positions in the French text are no positions in the English one", () => {
    const doc = bilingual();
    const anchor = anchorOnPassage(doc, "c1", "chaque frontière", undefined, "fr")!;
    expect(resolveAnchor(doc, anchor, "fr")).toEqual({ status: "anchored", via: "relative", clauseId: "c1" });
    expect(resolveAnchor(doc, anchor, "en")).toEqual({ status: "orphaned" });
    expect(anchorOnPassage(doc, "c1", "chaque frontière")).toBeNull();
  });
});
