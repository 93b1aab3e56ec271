// One article structure for both languages, kept by the collaboration server: what a stock
// y-websocket client adds, deletes, moves, splits or merges in one text happens in the other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab } from "../helpers/collab";
import { appendBlocks, readClauses } from "@/lib/editor/ydoc";
import { fragmentOf } from "@/lib/editor/languages";
import { structureOf } from "@/lib/editor/align-languages";
import { loadDraftInto } from "@/server/collab/persistence";
import type { Actor } from "@/server/domain/actor";
import { clauseIn } from "../helpers/articles";

async function stored(draftId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  await loadDraftInto(draftId, doc);
  return doc;
}

function indexOfClause(doc: Y.Doc, lang: "en" | "fr", clauseId: string): number {
  return fragmentOf(doc, lang).toArray().indexOf(clauseIn(doc, lang, clauseId));
}

describe("bilingual structure", () => {
  let collab: RunningCollab;
  let member: Actor, chair: Actor;
  let draftId: string;

  beforeAll(async () => {
    await useFreshDatabase();
    const secretariat = await makeActor("secretariat");
    member = await makeActor("member");
    chair = await makeActor("chair");
    draftId = (
      await makeDraft(secretariat, "Bilingual", [
        { clauseId: "art-1", heading: "Scope", paragraphs: [["It applies at every border."]] },
        { clauseId: "art-2", heading: "Dignity", paragraphs: [["Everyone is treated with dignity."]] },
      ])
    ).id;
    collab = await startCollab();
  });
  afterAll(async () => {
    await collab.stop();
  });

  it("a new draft has a French text with the same articles, empty", async () => {
    const doc = await stored(draftId);
    expect(readClauses(doc, "fr").map((c) => [c.clauseId, c.number, c.heading, c.text])).toEqual([
      ["art-1", 1, "", ""],
      ["art-2", 2, "", ""],
    ]);
  });

  it("adding an article in default creates the matching empty article in fr, for every client and in storage", async () => {
    const english = await connectAs(collab, member, draftId);
    const french = await connectAs(collab, chair, draftId);
    await Promise.all([waitForSync(english), waitForSync(french)]);
    appendBlocks(english.doc, [{ clauseId: "art-3", heading: "Children", paragraphs: [["Children come first."]] }]);
    await waitFor(() => readClauses(french.doc, "fr").some((c) => c.clauseId === "art-3"), 5000, "French article on the other client");
    expect(readClauses(french.doc, "fr").map((c) => [c.clauseId, c.number, c.text])).toEqual([
      ["art-1", 1, ""],
      ["art-2", 2, ""],
      ["art-3", 3, ""],
    ]);
    await waitFor(() => structureOf(english.doc, "fr").length === 3, 5000, "the author receives the mirror too");
    await waitFor(async () => structureOf(await stored(draftId), "fr").length === 3, 5000, "stored");
    english.destroy();
    french.destroy();
  });

  it("a French translation stays with its article when the English article moves, and deleting removes both", async () => {
    const english = await connectAs(collab, member, draftId);
    const french = await connectAs(collab, chair, draftId);
    await Promise.all([waitForSync(english), waitForSync(french)]);
    (clauseIn(french.doc, "fr", "art-3").get(1) as Y.XmlElement).insert(0, [new Y.XmlText("Les enfants d'abord.")]);
    await waitFor(() => readClauses(english.doc, "fr").find((c) => c.clauseId === "art-3")?.text === "Les enfants d'abord.", 5000, "French text");
    // Move art-3 first in English, as the editor binding does: delete it and insert a copy.
    english.doc.transact(() => {
      const en = fragmentOf(english.doc, "en");
      const at = indexOfClause(english.doc, "en", "art-3");
      const copy = clauseIn(english.doc, "en", "art-3").clone();
      en.delete(at, 1);
      en.insert(0, [copy]);
    });
    await waitFor(() => structureOf(french.doc, "fr")[0] === "clause:art-3", 5000, "moved in French");
    expect(readClauses(french.doc, "fr")[0].text).toBe("Les enfants d'abord.");
    // Delete art-2 in French: gone from English too.
    french.doc.transact(() => fragmentOf(french.doc, "fr").delete(indexOfClause(french.doc, "fr", "art-2"), 1));
    await waitFor(() => !readClauses(english.doc, "en").some((c) => c.clauseId === "art-2"), 5000, "deleted in English");
    const doc = await waitFor(async () => {
      const d = await stored(draftId);
      return structureOf(d, "en").length === 2 ? d : null;
    }, 5000, "stored deletion");
    expect(structureOf(doc, "en")).toEqual(["clause:art-3", "clause:art-1"]);
    expect(structureOf(doc, "fr")).toEqual(structureOf(doc, "en"));
    expect(Y.encodeStateAsUpdate(english.doc)).toEqual(Y.encodeStateAsUpdate(french.doc));
    english.destroy();
    french.destroy();
  });

  it("two people adding articles in different languages at once converge on one structure", async () => {
    const english = await connectAs(collab, member, draftId);
    const french = await connectAs(collab, chair, draftId);
    await Promise.all([waitForSync(english), waitForSync(french)]);
    appendBlocks(english.doc, [{ clauseId: "art-en", heading: "Rescue", paragraphs: [["Rescue at sea."]] }]);
    appendBlocks(french.doc, [{ clauseId: "art-fr", heading: "Retour", paragraphs: [["Retour digne."]] }], null, "fr");
    await waitFor(
      () => structureOf(english.doc, "en").length === 4 && structureOf(french.doc, "en").length === 4 && structureOf(french.doc, "fr").length === 4,
      5000,
      "both articles in both languages",
    );
    await waitFor(() => Y.encodeStateAsUpdate(english.doc).length === Y.encodeStateAsUpdate(french.doc).length, 5000, "same state");
    for (const doc of [english.doc, french.doc]) expect(structureOf(doc, "fr")).toEqual(structureOf(doc, "en"));
    expect(structureOf(english.doc, "en")).toEqual(structureOf(french.doc, "en"));
    english.destroy();
    french.destroy();
  });
});
