// One article structure for both languages when the two texts are edited through different app
// processes at the same moment (issue 15 with issue 13): each process mirrors what its own
// clients change, on a document that may not yet hold what the other process just stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { connectAs, waitFor, waitForSync, type TestClient } from "../helpers/collab";
import { makeActor, makeDraft, memberOf } from "../helpers/factories";
import { startCollabOnBus, useFreshPostgres, type BusCollab } from "../helpers/scale";
import { appendBlocks } from "@/lib/editor/ydoc";
import { fragmentOf, type TextLang } from "@/lib/editor/languages";
import { structureOf } from "@/lib/editor/align-languages";
import { loadDraftInto } from "@/server/collab/persistence";
import { NODE } from "@/lib/editor/schema";
import type { Actor } from "@/server/domain/actor";

async function stored(draftId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  await loadDraftInto(draftId, doc);
  return doc;
}

const shape = (doc: Y.Doc, lang: TextLang) => structureOf(doc, lang).join(" ");
const aligned = (doc: Y.Doc) => shape(doc, "en") === shape(doc, "fr");

function article(clauseId: string, text: string): Y.XmlElement {
  const el = new Y.XmlElement(NODE.clause);
  el.setAttribute("clauseId", clauseId);
  const heading = new Y.XmlElement(NODE.clauseHeading);
  heading.insert(0, [new Y.XmlText(text)]);
  const paragraph = new Y.XmlElement(NODE.paragraph);
  paragraph.insert(0, [new Y.XmlText(text)]);
  el.insert(0, [heading, paragraph]);
  return el;
}

describe("bilingual structure across two processes", () => {
  let a: BusCollab;
  let b: BusCollab;
  let secretariat: Actor, member: Actor;

  beforeAll(async () => {
    await useFreshPostgres();
    secretariat = await makeActor("secretariat");
    member = await memberOf("Senegal", "Awa Ndiaye");
    a = await startCollabOnBus();
    b = await startCollabOnBus();
    await waitFor(() => a.server.otherProcesses().length === 1 && b.server.otherProcesses().length === 1, 5000, "heartbeats");
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  async function openOnBoth(title: string): Promise<{ draftId: string; onA: TestClient; onB: TestClient }> {
    const draftId = (
      await makeDraft(secretariat, title, [
        { clauseId: "art-1", heading: "Scope", paragraphs: [["It applies at every border."]] },
        { clauseId: "art-2", heading: "Dignity", paragraphs: [["Everyone is treated with dignity."]] },
      ])
    ).id;
    const onA = await connectAs(a, secretariat, draftId);
    const onB = await connectAs(b, member, draftId);
    await Promise.all([waitForSync(onA), waitForSync(onB)]);
    return { draftId, onA, onB };
  }

  async function settled(draftId: string, clients: TestClient[]) {
    await waitFor(
      async () => {
        const doc = await stored(draftId);
        return aligned(doc) && clients.every((c) => aligned(c.doc) && shape(c.doc, "en") === shape(doc, "en"));
      },
      8000,
      "both texts aligned on every client and in the store",
    );
  }

  it("an article added in English on one process and another in French on the other, at once", async () => {
    const { draftId, onA, onB } = await openOnBoth("Concurrent additions");
    appendBlocks(onA.doc, [{ clauseId: "art-3", heading: "Children", paragraphs: [["Children first."]] }]);
    fragmentOf(onB.doc, "fr").insert(1, [article("art-4", "Les femmes")]);
    await settled(draftId, [onA, onB]);
    expect(structureOf(onA.doc, "en")).toEqual(expect.arrayContaining(["art-1", "art-2", "art-3", "art-4"].map((id) => expect.stringContaining(id))));
    onA.destroy();
    onB.destroy();
  });

  it("an article deleted in French on one process while the other adds one after it in English", async () => {
    const { draftId, onA, onB } = await openOnBoth("Delete and add");
    fragmentOf(onB.doc, "fr").delete(0, 1);
    fragmentOf(onA.doc, "en").insert(1, [article("art-5", "Training")]);
    await settled(draftId, [onA, onB]);
    const ids = shape(onA.doc, "en");
    expect(ids).not.toContain("art-1");
    expect(ids).toContain("art-5");
    onA.destroy();
    onB.destroy();
  });

  it("rounds of structure changes from both processes end aligned", async () => {
    const { draftId, onA, onB } = await openOnBoth("Churn");
    for (let round = 0; round < 12; round++) {
      fragmentOf(onA.doc, round % 2 ? "fr" : "en").insert(0, [article(`a-${round}`, `A${round}`)]);
      const onBfrag = fragmentOf(onB.doc, round % 2 ? "en" : "fr");
      onBfrag.insert(onBfrag.length, [article(`b-${round}`, `B${round}`)]);
      if (round % 3 === 2) fragmentOf(onB.doc, "en").delete(1, 1);
      await new Promise((r) => setTimeout(r, round % 2 ? 0 : 5));
    }
    await settled(draftId, [onA, onB]);
    onA.destroy();
    onB.destroy();
  });
});
