import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { StructureWatch, alignLanguages, articlesRemovedBy, sharedStructure, structureOf } from "@/lib/editor/align-languages";
import { appendBlocks, readClauses } from "@/lib/editor/ydoc";
import { fragmentOf } from "@/lib/editor/languages";
import { NODE } from "@/lib/editor/schema";

function draft(): Y.Doc {
  const doc = new Y.Doc();
  appendBlocks(doc, [
    { chapter: "General", chapterId: "ch1" },
    { clauseId: "a1", heading: "Scope", paragraphs: [["It applies at borders."]] },
    { clauseId: "a2", heading: "Dignity", paragraphs: [["Everyone is treated with dignity."]] },
    { clauseId: "a3", heading: "Children", paragraphs: [["Children come first."]] },
  ]);
  alignLanguages(doc);
  return doc;
}

function frenchText(doc: Y.Doc, clauseId: string, text: string): void {
  const el = fragmentOf(doc, "fr").toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute("clauseId") === clauseId) as Y.XmlElement;
  (el.get(1) as Y.XmlElement).insert(0, [new Y.XmlText(text)]);
}

function clauseOf(doc: Y.Doc, lang: "en" | "fr", clauseId: string): Y.XmlElement {
  return fragmentOf(doc, lang).toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute("clauseId") === clauseId) as Y.XmlElement;
}

/** Applies `change` to the English or French text, then aligns as the server does. */
function change(doc: Y.Doc, edit: () => void): void {
  const watch = new StructureWatch(doc);
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let update: Uint8Array | null = null;
  doc.once("update", (u: Uint8Array) => (update = u));
  doc.transact(edit);
  const removedTexts = update ? articlesRemovedBy(copy, Y.decodeUpdate(update).ds) : new Map();
  alignLanguages(doc, watch.history(removedTexts));
  watch.destroy();
}

describe("alignLanguages", () => {
  it("gives a one-language draft an empty French article per English one, same ids and chapters", () => {
    const doc = draft();
    expect(structureOf(doc, "fr")).toEqual(["chapter:ch1", "clause:a1", "clause:a2", "clause:a3"]);
    expect(readClauses(doc, "fr").map((c) => [c.clauseId, c.number, c.text])).toEqual([
      ["a1", 1, ""],
      ["a2", 2, ""],
      ["a3", 3, ""],
    ]);
  });

  it("adds in the other language after the same neighbour, removes from both", () => {
    const doc = draft();
    change(doc, () => {
      const el = new Y.XmlElement(NODE.clause);
      el.setAttribute("clauseId", "new");
      el.insert(0, [new Y.XmlElement(NODE.clauseHeading), new Y.XmlElement(NODE.paragraph)]);
      fragmentOf(doc, "fr").insert(2, [el]); // after a1 in French
    });
    expect(structureOf(doc, "en")).toEqual(["chapter:ch1", "clause:a1", "clause:new", "clause:a2", "clause:a3"]);
    change(doc, () => fragmentOf(doc, "en").delete(3, 1)); // a2 in English
    expect(structureOf(doc, "fr")).toEqual(["chapter:ch1", "clause:a1", "clause:new", "clause:a3"]);
    expect(structureOf(doc, "en")).toEqual(structureOf(doc, "fr"));
  });

  it("moves in the other language, keeping its text", () => {
    const doc = draft();
    frenchText(doc, "a3", "Les enfants d'abord.");
    change(doc, () => {
      const en = fragmentOf(doc, "en");
      const copy = (en.get(3) as Y.XmlElement).clone();
      en.delete(3, 1);
      en.insert(1, [copy]); // a3 first
    });
    expect(structureOf(doc, "fr")).toEqual(["chapter:ch1", "clause:a3", "clause:a1", "clause:a2"]);
    expect(readClauses(doc, "fr")[0].text).toBe("Les enfants d'abord.");
  });

  it("a merge in English appends the French text of the merged article to the article before", () => {
    const doc = draft();
    frenchText(doc, "a2", "Dignité pour tous.");
    frenchText(doc, "a3", "Les enfants d'abord.");
    change(doc, () => {
      const a2 = clauseOf(doc, "en", "a2");
      a2.insert(a2.length, [(clauseOf(doc, "en", "a3").get(1) as Y.XmlElement).clone()]);
      fragmentOf(doc, "en").delete(3, 1);
    });
    expect(structureOf(doc, "fr")).toEqual(["chapter:ch1", "clause:a1", "clause:a2"]);
    expect(readClauses(doc, "fr")[1].text).toBe("Dignité pour tous.\nLes enfants d'abord.");
  });

  it("a plain deletion removes the article and its French text from both", () => {
    const doc = draft();
    frenchText(doc, "a3", "Les enfants d'abord.");
    change(doc, () => fragmentOf(doc, "en").delete(3, 1));
    expect(structureOf(doc, "fr")).toEqual(["chapter:ch1", "clause:a1", "clause:a2"]);
    expect(readClauses(doc, "fr").map((c) => c.text).join("|")).not.toContain("enfants");
  });

  it("changes nothing when both texts already share the structure", () => {
    const doc = draft();
    expect(alignLanguages(doc, { previous: sharedStructure(doc) })).toBe(false);
  });
});

describe("StructureWatch", () => {
  it("is touched by an added article or a changed clause id, not by typing", () => {
    const doc = draft();
    const watch = new StructureWatch(doc);
    expect(watch.previous).toEqual(structureOf(doc, "en"));
    (clauseOf(doc, "en", "a1").get(1) as Y.XmlElement).insert(0, [new Y.XmlText("Typing. ")]);
    expect(watch.touched).toBe(false);
    clauseOf(doc, "fr", "a2").setAttribute("clauseId", "a2-bis");
    expect(watch.touched).toBe(true);
    alignLanguages(doc, { previous: watch.previous });
    watch.settle();
    expect(watch.touched).toBe(false);
    appendBlocks(doc, [{ clauseId: "a4", heading: "", paragraphs: [[]] }], null, "fr");
    expect(watch.touched).toBe(true);
    watch.destroy();
  });
});
