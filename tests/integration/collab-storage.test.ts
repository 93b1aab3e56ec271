// Storage behaviour of the collaboration server: compaction, unloading, rate limits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, rawSocket, startCollab, waitFor, waitForSync, type RunningCollab } from "../helpers/collab";
import { readClauses } from "@/lib/editor/ydoc";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { loadDraftInto } from "@/server/collab/persistence";
import { mintCollabAccess } from "@/server/domain/drafts/collab-access";
import { CLOSE } from "@/server/collab/close-codes";
import { db } from "@/server/db/client";
import type { Actor } from "@/server/domain/actor";

function typeInto(doc: Y.Doc, text: string) {
  const p = (doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
  if (p.length === 0) p.insert(0, [new Y.XmlText("")]);
  const t = p.get(0) as Y.XmlText;
  for (const ch of text) t.insert(t.length, ch);
}

describe("collaboration storage", () => {
  let collab: RunningCollab;
  let member: Actor, secretariat: Actor;
  beforeAll(async () => {
    await useFreshDatabase();
    member = await makeActor("member");
    secretariat = await makeActor("secretariat");
    collab = await startCollab({ compactAfterUpdates: 25, unloadGraceMs: 100, rateLimit: { messagesPerSecond: 50, burst: 100 } });
  });
  afterAll(() => collab.stop());

  it("folds the update log into a snapshot without changing the document", async () => {
    const draft = await makeDraft(secretariat, "Compaction", [{ clauseId: "c", heading: "", paragraphs: [[]] }]);
    const client = await connectAs(collab, member, draft.id);
    await waitForSync(client);
    for (let i = 0; i < 60; i++) {
      typeInto(client.doc, String(i % 10));
      await new Promise((r) => setTimeout(r, 5));
    }
    const expected = readClauses(client.doc)[0].text;
    await waitFor(async () => (await db().draft.findUnique({ where: { id: draft.id }, select: { snapshotSeq: true } }))!.snapshotSeq > 0, 5000, "compaction");
    client.destroy();
    // after the room unloads, everything is folded and the stored document is the same text
    await waitFor(async () => (await db().draftUpdate.count({ where: { draftId: draft.id } })) === 0, 5000, "log folded on unload");
    const stored = new Y.Doc();
    await loadDraftInto(draft.id, stored);
    expect(readClauses(stored)[0].text).toBe(expected);
    expect(expected).toHaveLength(60);
    // and a new client gets the same text from the snapshot
    const again = await connectAs(collab, member, draft.id);
    await waitForSync(again);
    expect(readClauses(again.doc)[0].text).toBe(expected);
    again.destroy();
  });

  it("records which Yjs client ids belong to which user", async () => {
    const draft = await makeDraft(secretariat, "Attribution");
    const client = await connectAs(collab, member, draft.id);
    await waitForSync(client);
    typeInto(client.doc, "mine");
    await waitFor(async () => (await db().draftClient.count({ where: { draftId: draft.id, clientId: BigInt(client.doc.clientID) } })) === 1, 5000, "client id mapped");
    const row = await db().draftClient.findFirst({ where: { draftId: draft.id }, select: { userId: true } });
    expect(row!.userId).toBe(member.id);
    client.destroy();
  });

  it("closes a connection that floods messages, and only that one", async () => {
    const draft = await makeDraft(secretariat, "Flood");
    const calm = await connectAs(collab, member, draft.id);
    await waitForSync(calm);
    const access = await mintCollabAccess(member, draft.id, collab.url);
    const flood = await rawSocket(`${collab.url}/${access.room}?token=${access.token}`);
    const queryAwareness = Buffer.from([3]);
    for (let i = 0; i < 500; i++) flood.ws.send(queryAwareness);
    expect((await flood.closed).code).toBe(CLOSE.rateLimited);
    typeInto(calm.doc, "still fine");
    await waitFor(async () => {
      const stored = new Y.Doc();
      await loadDraftInto(draft.id, stored);
      return readClauses(stored)[0].text === "still fine";
    }, 5000, "calm client stored");
    calm.destroy();
  });
});
