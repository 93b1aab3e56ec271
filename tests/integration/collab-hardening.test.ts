// The collaboration server against misuse (issue 11, items 3, 4, 8, 9, 10, 15): access changes
// reach open sockets, refused writes are said out loud, the last editor leaving makes a version,
// bad upgrades are answered, poison updates never reach storage, limits hold per user.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, rawSocket, rawSocketAs, startCollab, waitFor, waitForSync, type RunningCollab } from "../helpers/collab";
import { QUERY_AWARENESS, messageKinds, poisonUpdate, syncFrame, syncStep1Frames } from "../helpers/frames";
import { readClauses } from "@/lib/editor/ydoc";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { loadDraftInto, compactDraft } from "@/server/collab/persistence";
import { mintCollabAccess } from "@/server/domain/drafts/collab-access";
import { updateMember } from "@/server/domain/members";
import { listVersions } from "@/server/domain/versions";
import { CLOSE } from "@/server/collab/close-codes";
import { draftStateRepo } from "@/server/db/repositories/drafts";
import { db } from "@/server/db/client";
import { SYSTEM_ACTOR, type Actor } from "@/server/domain/actor";

const ADMIN = { ...SYSTEM_ACTOR, role: "secretariat" as const };

function typeAt(doc: Y.Doc, clause: number, text: string, at?: number) {
  const p = (doc.getXmlFragment(YDOC_FIELD).get(clause) as Y.XmlElement).get(1) as Y.XmlElement;
  if (p.length === 0) p.insert(0, [new Y.XmlText("")]);
  const t = p.get(0) as Y.XmlText;
  t.insert(at ?? t.length, text);
}

async function storedText(draftId: string, clause = 0) {
  const doc = new Y.Doc();
  await loadDraftInto(draftId, doc);
  return readClauses(doc)[clause]?.text ?? null;
}

/** Sends an HTTP upgrade request by hand and reports what came back and whether the socket closed. */
function rawUpgrade(port: number, path: string, waitMs = 5000): Promise<{ response: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let response = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ response, closed: false });
    }, waitMs);
    socket.on("data", (d) => (response += d.toString()));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ response, closed: true });
    });
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
}

describe("collaboration server hardening", () => {
  let collab: RunningCollab;
  let secretariat: Actor, member: Actor, chair: Actor, viewer: Actor;
  beforeAll(async () => {
    await useFreshDatabase();
    [secretariat, member, chair, viewer] = await Promise.all([makeActor("secretariat"), makeActor("member", "Aminata"), makeActor("chair", "Youssef"), makeActor("viewer")]);
    collab = await startCollab();
  });
  afterAll(() => collab.stop());

  it("item 4: when every editor leaves, a version with the right authors exists within 15 s", async () => {
    const draftId = (await makeDraft(secretariat, "Leaving", [
      { clauseId: "a1", heading: "One", paragraphs: [["First."]] },
      { clauseId: "a2", heading: "Two", paragraphs: [["Second."]] },
    ])).id;
    const a = await connectAs(collab, member, draftId);
    const b = await connectAs(collab, chair, draftId);
    await Promise.all([waitForSync(a), waitForSync(b)]);
    typeAt(a.doc, 0, " Edited by the member.");
    typeAt(b.doc, 1, " Edited by the chair.");
    await waitFor(async () => (await storedText(draftId, 1))?.endsWith("chair."), 5000, "stored");
    a.destroy();
    b.destroy();
    const version = await waitFor(async () => (await listVersions(viewer, draftId)).find((v) => v.kind === "auto"), 15_000, "version after leaving");
    expect(version.editors.sort()).toEqual([expect.stringContaining("Aminata"), expect.stringContaining("Youssef")]);
  }, 20_000);

  it("item 3: a demoted editor's socket closes with 4410, its writes as read-only close with 4409 and reach nobody", async () => {
    const draftId = (await makeDraft(secretariat, "Demotion", [{ clauseId: "d", heading: "", paragraphs: [["Agreed text."]] }])).id;
    const demoted = await makeActor("member");
    const watcher = await connectAs(collab, chair, draftId);
    const editor = await connectAs(collab, demoted, draftId);
    await Promise.all([waitForSync(watcher), waitForSync(editor)]);
    await updateMember(ADMIN, demoted.id, { role: "observer" });
    await collab.server.revalidateUser(demoted.id);
    expect((await editor.closed).code).toBe(CLOSE.accessChanged);
    editor.destroy();

    // the client fetches its access again and reconnects read-only; local typing is refused
    const readOnly = await connectAs(collab, { ...demoted, role: "observer" }, draftId);
    await waitForSync(readOnly);
    typeAt(readOnly.doc, 0, " REFUSED");
    expect((await readOnly.closed).code).toBe(CLOSE.refused);
    typeAt(watcher.doc, 0, " Chair.");
    await waitFor(async () => (await storedText(draftId))?.endsWith("Chair."), 5000, "chair stored");
    expect(await storedText(draftId)).toBe("Agreed text. Chair.");
    expect(readClauses(watcher.doc)[0].text).toBe("Agreed text. Chair.");
    readOnly.destroy();

    // promoted again: the read-only socket is told too
    const observing = await connectAs(collab, { ...demoted, role: "observer" }, draftId);
    await waitForSync(observing);
    await updateMember(ADMIN, demoted.id, { role: "member" });
    await collab.server.revalidateUser(demoted.id);
    expect((await observing.closed).code).toBe(CLOSE.accessChanged);
    observing.destroy();
    watcher.destroy();
  });

  it("item 3: an in-sync read-only client of a draft with deletions stays connected", async () => {
    const draftId = (await makeDraft(secretariat, "Deletions", [{ clauseId: "x", heading: "", paragraphs: [["Some words to delete."]] }])).id;
    const editor = await connectAs(collab, member, draftId);
    await waitForSync(editor);
    const t = ((editor.doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText;
    t.delete(0, 5);
    await waitFor(async () => (await storedText(draftId)) === "words to delete.", 5000, "deletion stored");
    // its sync step 2 reply carries the document's delete set: nothing new, so no 4409
    const reader = await connectAs(collab, viewer, draftId);
    await waitForSync(reader);
    typeAt(editor.doc, 0, " More.");
    await waitFor(() => readClauses(reader.doc)[0].text === "words to delete. More.", 5000, "reader follows");
    expect(reader.provider.wsconnected).toBe(true);
    reader.destroy();
    editor.destroy();
  });

  it("item 8: a malformed collab path is answered 400 and the socket closed", async () => {
    const port = Number(new URL(collab.url).port);
    const result = await rawUpgrade(port, "/collab/%E0%A4%A");
    expect(result.response).toMatch(/^HTTP\/1\.1 400 /);
    expect(result.closed).toBe(true);
  });

  it("item 8: a socket whose admission never completes is closed", async () => {
    const stuck = await startCollab({ resolveAccess: () => new Promise(() => undefined), admitTimeoutMs: 300 });
    try {
      const draftId = (await makeDraft(secretariat, "Stuck")).id;
      const socket = await rawSocketAs(stuck, member, draftId);
      const closed = await Promise.race([socket.closed, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
      expect(closed?.code).toBe(CLOSE.internal);
      expect(socket.messages).toHaveLength(0);
    } finally {
      await stuck.stop();
    }
  });

  it("item 10: 1,100 sync requests from a viewer close its socket after a few answers", async () => {
    const draftId = (await makeDraft(secretariat, "Sync flood", [{ clauseId: "s", heading: "", paragraphs: [["text"]] }])).id;
    const socket = await rawSocketAs(collab, viewer, draftId);
    socket.ws.send(syncStep1Frames(1100));
    const closed = await Promise.race([socket.closed, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
    expect(closed?.code).toBe(CLOSE.rateLimited);
    expect(messageKinds(socket.messages).filter((k) => k === "sync1").length).toBeLessThan(10);
  });

  it("item 10: the full state is encoded once per change, however many clients join", async () => {
    const draftId = (await makeDraft(secretariat, "Cache", [{ clauseId: "c", heading: "", paragraphs: [["cache"]] }])).id;
    const editor = await connectAs(collab, member, draftId);
    await waitForSync(editor);
    typeAt(editor.doc, 0, "d"); // the room's first change also builds its scratch copy, once
    await waitFor(async () => (await storedText(draftId)) === "cached", 5000, "first change stored");
    const before = collab.server.stats.fullStateEncodings;
    const readers = await Promise.all([1, 2, 3, 4].map(() => connectAs(collab, viewer, draftId)));
    await Promise.all(readers.map((r) => waitForSync(r)));
    for (const r of readers) expect(readClauses(r.doc)[0].text).toBe("cached");
    const afterReaders = collab.server.stats.fullStateEncodings;
    expect(afterReaders - before).toBeLessThanOrEqual(1); // at most once, not once per reader
    typeAt(editor.doc, 0, " and changed");
    await waitFor(() => readers.every((r) => readClauses(r.doc)[0].text === "cached and changed"), 5000, "readers follow");
    const late = await connectAs(collab, viewer, draftId);
    await waitForSync(late);
    expect(readClauses(late.doc)[0].text).toBe("cached and changed"); // the cache was invalidated
    expect(collab.server.stats.fullStateEncodings - afterReaders).toBe(1);
    for (const c of [editor, late, ...readers]) c.destroy();
  });

  it("item 10: the message rate limit is per user and room, not per socket; sockets per user are capped", async () => {
    const limited = await startCollab({ rateLimit: { messagesPerSecond: 20, burst: 100 }, maxSocketsPerUser: 3 });
    try {
      const draftId = (await makeDraft(secretariat, "Per user")).id;
      const first = await rawSocketAs(limited, member, draftId);
      const second = await rawSocketAs(limited, member, draftId);
      const other = await rawSocketAs(limited, chair, draftId);
      for (let i = 0; i < 70; i++) {
        first.ws.send(QUERY_AWARENESS);
        second.ws.send(QUERY_AWARENESS);
        other.ws.send(QUERY_AWARENESS);
      }
      const closed = await Promise.race([first.closed, second.closed, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
      expect(closed?.code).toBe(CLOSE.rateLimited);
      expect(other.ws.readyState).toBe(other.ws.OPEN); // another person in the room is not affected
      other.ws.close();

      const sockets = [];
      for (let i = 0; i < 3; i++) sockets.push(await rawSocketAs(limited, viewer, draftId));
      const fourth = await rawSocketAs(limited, viewer, draftId);
      const refused = await Promise.race([fourth.closed, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
      expect(refused?.code).toBe(CLOSE.rateLimited);
      for (const s of sockets) expect(s.ws.readyState).toBe(s.ws.OPEN);
      for (const s of [first, second, ...sockets]) s.ws.close();
    } finally {
      await limited.stop();
    }
  });

  it("item 15: a collab token opens one socket; reusing it gets 4401", async () => {
    const draftId = (await makeDraft(secretariat, "One socket")).id;
    const access = await mintCollabAccess(member, draftId, collab.url);
    const url = `${collab.url}/${access.room}?token=${access.token}`;
    const first = await rawSocket(url);
    await waitFor(() => first.messages.length > 0, 5000, "first socket served");
    const second = await rawSocket(url);
    expect((await second.closed).code).toBe(CLOSE.unauthorized);
    expect(second.messages).toHaveLength(0);
    expect(first.ws.readyState).toBe(first.ws.OPEN);
    first.ws.close();
  });

  it("item 9: a poison update (decodes, cannot be applied) is refused before it is stored", async () => {
    const draftId = (await makeDraft(secretariat, "Poison", [{ clauseId: "p", heading: "", paragraphs: [["clean"]] }])).id;
    const honest = await connectAs(collab, chair, draftId);
    await waitForSync(honest);
    const poison = poisonUpdate();
    expect(Y.decodeUpdate(poison).structs).toHaveLength(1);
    typeAt(honest.doc, 0, " and"); // the room's scratch copy exists from here on
    await waitFor(async () => (await storedText(draftId)) === "clean and", 5000, "first edit stored");
    const copies = collab.server.stats.scratchCopies;
    const socket = await rawSocketAs(collab, member, draftId);
    socket.ws.send(syncFrame(2, poison));
    expect((await socket.closed).code).toBe(CLOSE.malformed);
    typeAt(honest.doc, 0, " still editable");
    await waitFor(async () => (await storedText(draftId)) === "clean and still editable", 5000, "honest edit stored");
    expect(collab.server.stats.scratchCopies).toBe(copies); // the refused update left the copy intact
    const rows = await db().draftUpdate.findMany({ where: { draftId }, select: { data: true } });
    expect(rows.some((r) => Buffer.from(r.data).equals(Buffer.from(poison)))).toBe(false);
    honest.destroy();
    // the room unloads and the log folds into the snapshot
    await waitFor(async () => (await db().draftUpdate.count({ where: { draftId } })) === 0, 5000, "log folded");
    expect(await storedText(draftId)).toBe("clean and still editable");
  });

  it("item 9: compaction skips and quarantines a stored poison update instead of failing forever", async () => {
    const draftId = (await makeDraft(secretariat, "Stored poison", [{ clauseId: "q", heading: "", paragraphs: [["start"]] }])).id;
    const doc = new Y.Doc();
    await loadDraftInto(draftId, doc);
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    typeAt(doc, 0, " one");
    const poison = poisonUpdate(7654321);
    await draftStateRepo.append(db(), [{ draftId, data: updates[0], userId: member.id }]);
    await draftStateRepo.append(db(), [{ draftId, data: poison, userId: member.id }]);
    typeAt(doc, 0, " two");
    await draftStateRepo.append(db(), [{ draftId, data: updates[1], userId: member.id }]);

    const result = await compactDraft(draftId);
    // headSeq: the stored updates the new snapshot covers (the job log line's sequence number).
    expect(result).toEqual({ folded: 3, quarantined: 1, headSeq: await draftStateRepo.headSeq(db(), draftId) });
    expect(await db().draftUpdate.count({ where: { draftId } })).toBe(0);
    expect(await storedText(draftId)).toBe("start one two");
    const entry = await db().auditLog.findFirst({ where: { action: "collab.update_quarantined", subjectId: draftId } });
    expect(entry?.actorId).toBe(member.id);
    expect(Buffer.from(JSON.parse(entry!.data).update, "base64").equals(Buffer.from(poison))).toBe(true);
  });
});
