// Opening a draft with a long stored log: the document arrives whole, and the other rooms of the
// server keep relaying edits while it loads (loading used to read and apply every stored update
// on the event loop, so every other room stood still until the big draft was served).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab } from "../helpers/collab";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { draftStateRepo } from "@/server/db/repositories/drafts";
import { db } from "@/server/db/client";
import type { Actor } from "@/server/domain/actor";

const LOGGED_UPDATES = 100_000;

const paragraphOf = (doc: Y.Doc) => (doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
const textOf = (doc: Y.Doc) => {
  const t = paragraphOf(doc).get(0);
  return t instanceof Y.XmlText ? t.toString() : "";
};

describe("cold open of a long stored log", () => {
  let collab: RunningCollab;
  let member: Actor, secretariat: Actor;
  let bigDraftId: string, expectedText: string;
  beforeAll(async () => {
    await useFreshDatabase();
    member = await makeActor("member");
    secretariat = await makeActor("secretariat");
    collab = await startCollab({ compactAfterUpdates: Number.POSITIVE_INFINITY, compactOnUnload: false, unloadGraceMs: 100 });
    // a draft whose stored log holds 100,000 single-character edits after its snapshot
    const big = await makeDraft(secretariat, "Long log", [{ clauseId: "c", heading: "", paragraphs: [[]] }]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array((await draftStateRepo.load(db(), big.id))!.snapshot!));
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    paragraphOf(doc).insert(0, [new Y.XmlText("")]);
    const text = paragraphOf(doc).get(0) as Y.XmlText;
    for (let i = 0; updates.length < LOGGED_UPDATES; i++) {
      if (i % 7 === 6) text.delete((i * 7919) % text.length, 1);
      else text.insert((i * 104729) % (text.length + 1), "abcdefghij"[i % 10]);
    }
    for (let i = 0; i < updates.length; i += 5000) {
      await draftStateRepo.append(db(), updates.slice(i, i + 5000).map((data) => ({ draftId: big.id, data, userId: null })));
    }
    bigDraftId = big.id;
    expectedText = textOf(doc);
  }, 120_000);
  afterAll(() => collab.stop());

  it("another room keeps relaying edits while a 100,000-update draft loads", async () => {
    const small = await makeDraft(secretariat, "Neighbour");
    const writer = await connectAs(collab, member, small.id);
    const reader = await connectAs(collab, secretariat, small.id);
    await Promise.all([waitForSync(writer), waitForSync(reader)]);
    const probe = reader.doc.getText("probe");

    // The big draft's first client asks for it; until it is served, the neighbours keep typing.
    let bigSynced = false;
    const opener = await connectAs(collab, member, bigDraftId);
    const served = waitForSync(opener, 60_000).then(() => (bigSynced = true));
    let sent = 0;
    let relayedWhileLoading = 0;
    probe.observe(() => {
      if (!bigSynced) relayedWhileLoading = probe.length;
    });
    const typing = setInterval(() => {
      if (bigSynced) return;
      writer.doc.getText("probe").insert(sent++, "x");
    }, 20);
    await served;
    clearInterval(typing);

    // The big document arrived whole, and the small room was served during its load: edits sent
    // while the big draft loaded reached the other reader before the big draft was served.
    expect(textOf(opener.doc)).toBe(expectedText);
    expect(relayedWhileLoading).toBeGreaterThanOrEqual(5);
    await waitFor(() => probe.length === sent, 5000, "every edit of the small room relayed");
    for (const c of [writer, reader, opener]) c.destroy();
  }, 120_000);
});
