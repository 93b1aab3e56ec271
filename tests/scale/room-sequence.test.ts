// Rooms of two processes on one PostgreSQL and one Redis (issue 15, item 1): updates stored by one
// process reach the other's clients by per-draft sequence number, and a number that never arrives
// on the bus is read back from the store, even once compaction folded it into the snapshot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { connectAs, waitFor, waitForSync, type TestClient } from "../helpers/collab";
import { makeActor, makeDraft, memberOf } from "../helpers/factories";
import { startCollabOnBus, useFreshPostgres, type BusCollab } from "../helpers/scale";
import { RedisBus } from "@/server/collab/redis-bus";
import type { CollabBus, DraftBusMessage, FromProcess } from "@/server/collab/bus";
import { compactDraft, loadDraftInto, storedHeadSeq } from "@/server/collab/persistence";
import { YDOC_FIELD } from "@/lib/editor/schema";
import type { Actor } from "@/server/domain/actor";

/** A real Redis bus whose deliveries of update messages a test can hold back (a message lost on the way). */
class LossyBus implements CollabBus {
  readonly inner: RedisBus;
  /** Update messages with these "draftId:seq" keys are never delivered. */
  readonly lose = new Set<string>();
  readonly lost = new Set<string>();
  constructor() {
    this.inner = new RedisBus(process.env.REDIS_URL!);
  }
  get processId() {
    return this.inner.processId;
  }
  get connected() {
    return this.inner.connected;
  }
  joinDraft(draftId: string, handler: (message: FromProcess<DraftBusMessage>) => void) {
    return this.inner.joinDraft(draftId, (message) => {
      const key = `${message.draftId}:${message.type === "update" ? message.seq : ""}`;
      if (message.type === "update" && this.lose.has(key)) return void this.lost.add(key);
      handler(message);
    });
  }
  publishDraft: CollabBus["publishDraft"] = (m) => this.inner.publishDraft(m);
  publishControl: CollabBus["publishControl"] = (m) => this.inner.publishControl(m);
  onControl: CollabBus["onControl"] = (h) => this.inner.onControl(h);
  onConnectionChange: CollabBus["onConnectionChange"] = (h) => this.inner.onConnectionChange(h);
  close = () => this.inner.close();
}

function paragraphText(doc: Y.Doc): Y.XmlText {
  const clause = doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement;
  const paragraph = clause.get(1) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

const textOf = (c: TestClient) => paragraphText(c.doc).toString();

async function storedText(draftId: string): Promise<string> {
  const doc = new Y.Doc();
  await loadDraftInto(draftId, doc);
  return paragraphText(doc).toString();
}

describe("rooms of two processes", () => {
  let a: BusCollab;
  let b: BusCollab;
  let lossy: LossyBus;
  let secretariat: Actor, member: Actor;

  beforeAll(async () => {
    await useFreshPostgres();
    secretariat = await makeActor("secretariat");
    member = await memberOf("Ghana", "Kwame Mensah");
    a = await startCollabOnBus();
    lossy = new LossyBus();
    await lossy.inner.start();
    const { startCollab } = await import("../helpers/collab");
    const running = await startCollab({ bus: lossy });
    b = { ...running, bus: lossy.inner, stop: async () => (await running.stop(), await lossy.close()) };
    // Each knows the other (a first heartbeat from an unknown process makes every room catch up,
    // which would hide what these tests look at).
    await waitFor(() => a.server.otherProcesses().length === 1 && b.server.otherProcesses().length === 1, 5000, "heartbeats");
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  async function openOnBoth(title: string) {
    const draftId = (await makeDraft(secretariat, title, [{ clauseId: "art-1", heading: "First", paragraphs: [["Hello"]] }])).id;
    const onA = await connectAs(a, secretariat, draftId);
    const onB = await connectAs(b, member, draftId);
    await Promise.all([waitForSync(onA), waitForSync(onB)]);
    return { draftId, onA, onB };
  }

  it("applies on one process what the other stored, every edit, both ways", async () => {
    const { draftId, onA, onB } = await openOnBoth("Both ways");
    for (let i = 0; i < 20; i++) {
      const from = i % 2 ? onA : onB;
      paragraphText(from.doc).insert(paragraphText(from.doc).length, ` w${i}`);
    }
    const expected = "Hello" + Array.from({ length: 20 }, (_, i) => ` w${i}`).join("");
    await waitFor(() => textOf(onA).length === expected.length && textOf(onB) === textOf(onA), 5000, "both clients converge");
    expect(new Set(textOf(onA).split(" "))).toEqual(new Set(expected.split(" ")));
    await waitFor(async () => (await storedText(draftId)) === textOf(onA), 5000, "the store holds the same text");
    onA.destroy();
    onB.destroy();
  });

  it("reads back from the store an update whose bus message was lost", async () => {
    const { draftId, onA, onB } = await openOnBoth("Lost message");
    const head = (await storedHeadSeq(draftId))!;
    lossy.lose.add(`${draftId}:${head + 1}`);
    paragraphText(onA.doc).insert(5, " lost on the bus");
    await waitFor(() => lossy.lost.has(`${draftId}:${head + 1}`), 5000, "the message to be lost");
    paragraphText(onA.doc).insert(0, "Then: ");
    // B sees number head+2, misses head+1, and reads it from PostgreSQL.
    await waitFor(() => textOf(onB) === "Then: Hello lost on the bus", 5000, "B to catch up");
    onA.destroy();
    onB.destroy();
  });

  it("computes a server change (restore, an accepted amendment) from every update stored so far, on either process", async () => {
    const { draftId, onA, onB } = await openOnBoth("Server change");
    const head = (await storedHeadSeq(draftId))!;
    lossy.lose.add(`${draftId}:${head + 1}`);
    paragraphText(onA.doc).insert(5, " typed on A");
    await waitFor(() => lossy.lost.has(`${draftId}:${head + 1}`), 5000, "the message to B to be lost");
    let seen = "";
    await b.server.applyServerChange(
      draftId,
      (state) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, state);
        seen = paragraphText(doc).toString();
        return Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)); // no change
      },
      null,
    );
    expect(seen).toBe("Hello typed on A");
    onA.destroy();
    onB.destroy();
  });

  it("applies the stored state when the missing numbers were compacted into the snapshot meanwhile", async () => {
    const { draftId, onA, onB } = await openOnBoth("Compacted gap");
    const head = (await storedHeadSeq(draftId))!;
    for (let n = head + 1; n <= head + 5; n++) lossy.lose.add(`${draftId}:${n}`);
    for (let i = 0; i < 5; i++) paragraphText(onA.doc).insert(paragraphText(onA.doc).length, ` k${i}`);
    await waitFor(async () => (await storedHeadSeq(draftId))! >= head + 5, 5000, "five updates stored");
    await waitFor(() => [...lossy.lost].filter((k) => k.startsWith(`${draftId}:`)).length >= 5, 5000, "their messages lost");
    expect(await compactDraft(draftId)).not.toBeNull(); // the rows B would read back are gone
    paragraphText(onA.doc).insert(0, "After: ");
    await waitFor(() => textOf(onB) === "After: Hello k0 k1 k2 k3 k4", 5000, "B to apply the stored state");
    onA.destroy();
    onB.destroy();
  });
});
