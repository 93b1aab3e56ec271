// Presence, re-checks and signals across two app processes (issue 15, items 2 and 4). Process B
// is a collaboration server on its own bus WITHOUT the domain's event listeners: in this one test
// process the domain's events would otherwise reach it directly, and what is tested is that they
// reach it through Redis, as they must reach another process.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { closedWithin, connectAs, rawSocketAs, waitFor, waitForSync, type TestClient } from "../helpers/collab";
import { awarenessFrame } from "../helpers/frames";
import { makeActor, makeDraft, memberOf } from "../helpers/factories";
import { startCollabOnBus, useFreshPostgres, type BusCollab } from "../helpers/scale";
import { CollabServer } from "@/server/collab/server";
import { RedisBus } from "@/server/collab/redis-bus";
import { CLOSE } from "@/server/collab/close-codes";
import { collabAccessFor } from "@/server/domain/drafts/collab-access";
import { updateDraft } from "@/server/domain/drafts";
import { updateMember } from "@/server/domain/members";
import { signalDraft } from "@/server/domain/live-documents";
import { YDOC_FIELD } from "@/lib/editor/schema";
import type { Actor } from "@/server/domain/actor";

type State = Record<string, unknown>;
const statesOf = (c: TestClient) => c.provider.awareness.getStates() as Map<number, State>;

/** A collaboration server with its own Redis bus and no domain listeners (see above). */
async function startBareOnBus() {
  const bus = new RedisBus(process.env.REDIS_URL!);
  await bus.start();
  const server = new CollabServer({ resolveAccess: collabAccessFor, bus, unloadGraceMs: 200 });
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on("upgrade", (req, socket, head) => server.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    server,
    bus,
    url: `ws://127.0.0.1:${port}/collab`,
    async stop() {
      await server.close();
      await bus.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function firstParagraph(doc: Y.Doc): Y.XmlText {
  const clause = doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement;
  return (clause.get(1) as Y.XmlElement).get(0) as Y.XmlText;
}

describe("presence and re-checks across processes", () => {
  let a: BusCollab;
  let b: Awaited<ReturnType<typeof startBareOnBus>>;
  let secretariat: Actor, chair: Actor, kwame: Actor, awa: Actor;

  beforeAll(async () => {
    await useFreshPostgres();
    [secretariat, chair, kwame, awa] = await Promise.all([makeActor("secretariat"), makeActor("chair", "The Chair"), memberOf("Ghana", "Kwame Mensah"), memberOf("Senegal", "Awa Ndiaye")]);
    a = await startCollabOnBus();
    b = await startBareOnBus();
    await waitFor(() => a.server.otherProcesses().length === 1 && b.server.otherProcesses().length === 1, 5000, "heartbeats");
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  const newDraft = async (title: string) => (await makeDraft(secretariat, title, [{ clauseId: "c1", heading: "Scope", paragraphs: [["Text"]] }])).id;

  it("people on one process see those on the other, with the identity their server gave them", async () => {
    const draftId = await newDraft("Presence");
    const onA = await connectAs(a, kwame, draftId);
    const onB = await connectAs(b, awa, draftId);
    await Promise.all([waitForSync(onA), waitForSync(onB)]);
    onA.provider.awareness.setLocalStateField("clauseId", "c1");
    // A forged identity is rebuilt by B from the database before anyone on A sees it.
    onB.provider.awareness.setLocalStateField("user", { id: chair.id, name: "The Chair", role: "chair" });
    const entryOnB = () => statesOf(onB).get(onA.doc.clientID);
    const seenOnB = await waitFor(() => (entryOnB()?.clauseId === "c1" ? entryOnB() : undefined), 5000, "A's person on B");
    expect(seenOnB.user).toMatchObject({ id: kwame.id, name: "Kwame Mensah", delegation: "Ghana", role: "member" });
    const seenOnA = await waitFor(() => statesOf(onA).get(onB.doc.clientID), 5000, "B's person on A");
    expect(seenOnA.user).toMatchObject({ id: awa.id, name: "Awa Ndiaye", delegation: "Senegal", role: "member" });
    // Each client sees exactly one server entry: its own process's.
    expect([...statesOf(onB).values()].filter((s) => s.server).length).toBe(1);
    onA.destroy();
    await waitFor(() => !statesOf(onB).has(onA.doc.clientID), 5000, "A's person gone from B after leaving");
    onB.destroy();
  });

  it("a connection on one process cannot speak for a presence id held on the other, even the same person's", async () => {
    const draftId = await newDraft("Impersonation");
    const onA = await connectAs(a, kwame, draftId);
    const watcher = await connectAs(b, awa, draftId);
    await Promise.all([waitForSync(onA), waitForSync(watcher)]);
    const seen: unknown[] = [];
    watcher.provider.awareness.on("change", () => seen.push(statesOf(watcher).get(onA.doc.clientID)?.clauseId));
    onA.provider.awareness.setLocalStateField("clauseId", "c1");
    await waitFor(() => statesOf(watcher).get(onA.doc.clientID)?.clauseId === "c1", 5000, "Kwame on B");
    // Kwame's second socket, on B, speaks for the id his tab on A holds (another user is refused
    // by the presence claims already).
    const forger = await rawSocketAs(b, kwame, draftId);
    await waitFor(() => forger.messages.length > 0, 5000, "served");
    forger.ws.send(awarenessFrame([{ clientId: onA.doc.clientID, clock: 99, state: { clauseId: "forged" } }]));
    onA.provider.awareness.setLocalStateField("clauseId", "c1-later"); // a later message from A, as a barrier
    await waitFor(() => statesOf(watcher).get(onA.doc.clientID)?.clauseId === "c1-later", 5000, "A's update");
    expect(seen).not.toContain("forged");
    forger.ws.close();
    onA.destroy();
    watcher.destroy();
  });

  it("the people of a process that falls silent leave everyone's presence within seconds", async () => {
    const silent = await startBareOnBus();
    await waitFor(() => a.server.otherProcesses().length === 2, 5000, "A hears the new process");
    const draftId = await newDraft("Silent process");
    const onA = await connectAs(a, kwame, draftId);
    const onSilent = await connectAs(silent, awa, draftId);
    await Promise.all([waitForSync(onA), waitForSync(onSilent)]);
    onSilent.provider.awareness.setLocalStateField("clauseId", "c1");
    await waitFor(() => statesOf(onA).get(onSilent.doc.clientID)?.clauseId === "c1", 5000, "Awa on A");
    // As a kill -9 looks from elsewhere: no goodbye, no more heartbeats, no more messages.
    await silent.bus.close();
    await waitFor(() => !statesOf(onA).has(onSilent.doc.clientID), 6000, "Awa gone from A");
    onA.destroy();
    onSilent.destroy();
    await silent.server.close();
  });

  it("a member deactivated through one process is disconnected on the other within 1 s", async () => {
    const draftId = await newDraft("Revocation");
    const member = await memberOf("Morocco", "Youssef Alami");
    const onB = await connectAs(b, member, draftId);
    await waitForSync(onB);
    await updateMember(secretariat, member.id, { active: false }); // in "process A": the domain's event
    const closed = await closedWithin(onB.closed, 1000);
    expect(closed?.code).toBe(CLOSE.forbidden);
  });

  it("a role change through one process reconnects the person's sockets on the other in the new mode", async () => {
    const draftId = await newDraft("Role change");
    const member = await memberOf("Mali", "Aminata Traoré");
    const onB = await connectAs(b, member, draftId);
    await waitForSync(onB);
    await updateMember(secretariat, member.id, { role: "observer" });
    const closed = await closedWithin(onB.closed, 1000);
    expect(closed?.code).toBe(CLOSE.accessChanged);
  });

  it("a phase change through one process locks members' sockets on the other before the chair's request returns", async () => {
    const draftId = await newDraft("Phase");
    const onB = await connectAs(b, kwame, draftId);
    await waitForSync(onB);
    await updateDraft(chair, draftId, { phase: "amendments" });
    firstParagraph(onB.doc).insert(0, "Too late: ");
    const closed = await closedWithin(onB.closed, 5000);
    expect(closed?.code).toBe(CLOSE.refused);
  });

  it("a signal made through one process (comments, amendments) reaches the clients of the other", async () => {
    const draftId = await newDraft("Signals");
    const onB = await connectAs(b, awa, draftId);
    await waitForSync(onB);
    const serverEntry = () => [...statesOf(onB).values()].find((s) => s.server);
    const before = (serverEntry()?.comments as number) ?? 0;
    signalDraft(draftId, "comments"); // the plugged live documents are A's (no room for this draft there)
    await waitFor(() => ((serverEntry()?.comments as number) ?? 0) > before, 5000, "the revision on B");
    onB.destroy();
  });
});
