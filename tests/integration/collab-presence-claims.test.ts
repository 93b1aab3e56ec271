// Presence claims ("this presence client id speaks for that user") live as long as the room:
// the one-hour soak grew the server's heap by 22 % because every session left one behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab } from "../helpers/collab";
import type { Actor } from "@/server/domain/actor";

describe("presence claims", () => {
  let collab: RunningCollab;
  let secretariat: Actor, member: Actor;
  let draftId: string;

  beforeAll(async () => {
    await useFreshDatabase();
    [secretariat, member] = await Promise.all([makeActor("secretariat"), makeActor("member")]);
    draftId = (await makeDraft(secretariat, "Claims", [{ clauseId: "c1", heading: "", paragraphs: [["text"]] }])).id;
    collab = await startCollab({ unloadGraceMs: 50 });
  });
  afterAll(async () => {
    await collab.stop();
  });

  async function session(actor: Actor) {
    const client = await connectAs(collab, actor, draftId);
    await waitForSync(client);
    client.provider.awareness.setLocalStateField("clauseId", "c1");
    await waitFor(() => collab.server.presenceClaimCount() > 0, 5000, "presence claimed");
    return client;
  }

  it("are forgotten when the room unloads, so sessions do not accumulate them", async () => {
    for (let i = 0; i < 3; i++) {
      const client = await session(member);
      client.destroy();
      await waitFor(() => !collab.server.roomInfo().some((r) => r.draftId === draftId), 5000, "room unload");
      expect(collab.server.presenceClaimCount()).toBe(0);
    }
  });

  it("a returning client speaks for its user again after the room was reloaded", async () => {
    const first = await session(member);
    const clientId = first.doc.clientID;
    first.provider.disconnect();
    await waitFor(() => !collab.server.roomInfo().some((r) => r.draftId === draftId), 5000, "room unload");
    const watcher = await connectAs(collab, secretariat, draftId);
    await waitForSync(watcher);
    first.provider.connect(); // same document, same presence client id
    first.provider.awareness.setLocalStateField("clauseId", "c1-again");
    await waitFor(() => (watcher.provider.awareness.getStates().get(clientId) as { clauseId?: string } | undefined)?.clauseId === "c1-again", 5000, "presence seen");
    first.destroy();
    watcher.destroy();
  });
});
