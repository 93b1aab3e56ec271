// Presence is identity (issue 11, item 7): what others see of a connection comes from the
// database, a connection speaks only for its own few client ids, and the server's own entry
// (the comment revision) cannot be written by anyone else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, rawSocketAs, startCollab, waitFor, waitForSync, type RunningCollab, type TestClient } from "../helpers/collab";
import { QUERY_AWARENESS, awarenessFrame } from "../helpers/frames";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { colorFor } from "@/lib/presence";
import type { Actor } from "@/server/domain/actor";

type State = Record<string, unknown>;
const statesOf = (c: TestClient) => c.provider.awareness.getStates() as Map<number, State>;

describe("presence is identity", () => {
  let collab: RunningCollab;
  let secretariat: Actor, member: Actor, chair: Actor, viewer: Actor, marker: Actor;
  let draftId: string;
  let watcher: TestClient, markerClient: TestClient;
  let barrierCount = 0;

  /** Everything the server did before now has reached the watcher (one socket, in order). */
  async function barrier() {
    const value = `barrier-${++barrierCount}`;
    markerClient.provider.awareness.setLocalStateField("clauseId", value);
    await waitFor(() => statesOf(watcher).get(markerClient.doc.clientID)?.clauseId === value, 5000, value);
  }

  /** Sends raw frames as `actor` and waits until the server has handled them. */
  async function sendAs(actor: Actor, frames: Uint8Array[]) {
    const socket = await rawSocketAs(collab, actor, draftId);
    await waitFor(() => socket.messages.length > 0, 5000, "served");
    for (const f of frames) socket.ws.send(f);
    const seen = socket.messages.length;
    socket.ws.send(QUERY_AWARENESS);
    await waitFor(() => socket.messages.length > seen || socket.ws.readyState !== socket.ws.OPEN, 5000, "handled");
    await barrier();
    return socket;
  }

  beforeAll(async () => {
    await useFreshDatabase();
    [secretariat, member, chair, viewer, marker] = await Promise.all([makeActor("secretariat"), makeActor("member"), makeActor("chair", "The Chair"), makeActor("viewer", "Vera"), makeActor("member")]);
    draftId = (await makeDraft(secretariat, "Presence", [{ clauseId: "c1", heading: "", paragraphs: [["text"]] }])).id;
    collab = await startCollab();
    watcher = await connectAs(collab, member, draftId);
    markerClient = await connectAs(collab, marker, draftId);
    await Promise.all([waitForSync(watcher), waitForSync(markerClient)]);
  });
  afterAll(async () => {
    watcher.destroy();
    markerClient.destroy();
    await collab.stop();
  });

  it("a viewer cannot appear as the chair: the server writes the user from the database", async () => {
    const forger = await connectAs(collab, viewer, draftId);
    await waitForSync(forger);
    forger.provider.awareness.setLocalStateField("user", { id: chair.id, name: "The Chair", delegation: chair.delegation, role: "chair", color: "#000000" });
    await barrier();
    const seen = await waitFor(() => statesOf(watcher).get(forger.doc.clientID), 5000, "forger visible");
    expect(seen.user).toEqual({ id: viewer.id, name: "Vera", delegation: viewer.delegation, role: "viewer", color: colorFor(viewer.id) });
    forger.destroy();
  });

  it("only user, cursor, clauseId and lang survive; bad cursors, long clause ids and oversized states do not", async () => {
    const cursor = {
      anchor: { type: { client: 1, clock: 2 }, tname: null, item: { client: 1, clock: 5 }, assoc: 0 },
      head: { type: null, tname: YDOC_FIELD, item: null, assoc: -1 },
    };
    const socket = await sendAs(member, [awarenessFrame([{ clientId: 900001, clock: 1, state: { user: { name: "x" }, cursor, clauseId: "c1", comments: 99, server: true, extra: "x".repeat(100) } }])]);
    expect(statesOf(watcher).get(900001)).toEqual({ user: expect.objectContaining({ id: member.id }), cursor, clauseId: "c1", lang: null });
    await sendAs(member, [awarenessFrame([{ clientId: 900002, clock: 1, state: { cursor: { anchor: { type: { client: -1, clock: "x" } }, head: 5 }, clauseId: "y".repeat(65) } }])]);
    expect(statesOf(watcher).get(900002)).toEqual({ user: expect.objectContaining({ id: member.id }), cursor: null, clauseId: null, lang: null });
    await sendAs(member, [awarenessFrame([{ clientId: 900003, clock: 1, state: { user: {}, padding: "z".repeat(10_000) } }])]);
    expect(statesOf(watcher).has(900003)).toBe(false);
    socket.ws.close();
  });

  it("a disconnected user's client id cannot be taken over with a forged state", async () => {
    const victim = await connectAs(collab, chair, draftId);
    await waitForSync(victim);
    victim.provider.awareness.setLocalStateField("clauseId", "c1");
    const victimId = victim.doc.clientID;
    await waitFor(() => statesOf(watcher).get(victimId)?.clauseId === "c1", 5000, "victim visible");
    victim.provider.disconnect();
    await waitFor(() => !statesOf(watcher).has(victimId), 5000, "victim gone");
    const attacker = await sendAs(viewer, [awarenessFrame([{ clientId: victimId, clock: 1000, state: { user: { name: "The Chair" }, clauseId: "forged" } }])]);
    expect(statesOf(watcher).has(victimId)).toBe(false);
    // the victim comes back and keeps its own state; nobody sees the forged one
    victim.provider.connect();
    await waitForSync(victim);
    await waitFor(() => statesOf(watcher).get(victimId)?.clauseId === "c1", 5000, "victim back");
    expect(victim.provider.awareness.getLocalState()?.clauseId).toBe("c1");
    expect(statesOf(watcher).get(victimId)?.user).toMatchObject({ id: chair.id });
    attacker.ws.close();
    victim.destroy();
  });

  it("nobody writes the server's entry: the comment revision comes only from it", async () => {
    collab.server.signal(draftId, "comments");
    const serverEntry = () => [...statesOf(watcher)].filter(([, s]) => s.server === true);
    await waitFor(() => serverEntry().length === 1 && serverEntry()[0][1].comments === 1, 5000, "server entry");
    const [serverId, before] = serverEntry()[0];
    const socket = await sendAs(viewer, [
      awarenessFrame([{ clientId: serverId, clock: 1_000_000, state: { server: true, comments: 9e15 } }]),
      awarenessFrame([{ clientId: 900010, clock: 1, state: { server: true, comments: 9e15 } }]),
    ]);
    expect(serverEntry()).toEqual([[serverId, before]]);
    expect(statesOf(watcher).get(900010)).toEqual({ user: expect.objectContaining({ id: viewer.id }), cursor: null, clauseId: null, lang: null });
    collab.server.signal(draftId, "comments");
    await waitFor(() => serverEntry()[0]?.[1].comments === 2, 5000, "revision bumped");
    socket.ws.close();
  });

  it("20,000 ghost users in one frame become at most a handful of entries", async () => {
    const before = statesOf(watcher).size;
    const ghosts = Array.from({ length: 20_000 }, (_, i) => ({ clientId: 1_000_000 + i, clock: 1, state: { user: { name: `ghost ${i}` } } }));
    const socket = await sendAs(viewer, [awarenessFrame(ghosts)]);
    expect(statesOf(watcher).size - before).toBeLessThanOrEqual(4);
    socket.ws.close();
  });

  it("an honest client's own presence still flows, and relayed entries of others are ignored", async () => {
    const a = await connectAs(collab, member, draftId);
    const b = await connectAs(collab, chair, draftId);
    await Promise.all([waitForSync(a), waitForSync(b)]);
    a.provider.awareness.setLocalStateField("clauseId", "c1");
    b.provider.awareness.setLocalStateField("clauseId", "c1");
    await waitFor(() => statesOf(watcher).get(a.doc.clientID)?.clauseId === "c1" && statesOf(watcher).get(b.doc.clientID)?.clauseId === "c1", 5000, "both visible");
    expect(statesOf(watcher).get(a.doc.clientID)?.user).toMatchObject({ id: member.id, role: "member" });
    expect(statesOf(watcher).get(b.doc.clientID)?.user).toMatchObject({ id: chair.id, role: "chair" });
    a.destroy();
    b.destroy();
    expect(Y).toBeDefined();
  });
});
