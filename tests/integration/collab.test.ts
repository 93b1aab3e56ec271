import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, rawSocket, rawSocketAs, startCollab, waitFor, waitForSync, type RunningCollab } from "../helpers/collab";
import { appendBlocks, readClauses } from "@/lib/editor/ydoc";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { signCollabToken, roomForDraft } from "@/server/auth/collab-token";
import { listClauses } from "@/server/domain/drafts";
import { updateMember } from "@/server/domain/members";
import { loadDraftInto } from "@/server/collab/persistence";
import { SYSTEM_ACTOR, type Actor } from "@/server/domain/actor";
import { CLOSE } from "@/server/collab/close-codes";

async function storedClauses(draftId: string) {
  const doc = new Y.Doc();
  await loadDraftInto(draftId, doc);
  return readClauses(doc);
}

function firstClauseText(doc: Y.Doc): Y.XmlText {
  const clause = doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement;
  const paragraph = clause.get(1) as Y.XmlElement;
  if (paragraph.length === 0) paragraph.insert(0, [new Y.XmlText("")]);
  return paragraph.get(0) as Y.XmlText;
}

describe("collaboration server", () => {
  let collab: RunningCollab;
  let secretariat: Actor, member: Actor, chair: Actor, viewer: Actor, observer: Actor;
  let draftId: string;

  beforeAll(async () => {
    await useFreshDatabase();
    secretariat = await makeActor("secretariat");
    member = await makeActor("member");
    chair = await makeActor("chair");
    viewer = await makeActor("viewer");
    observer = await makeActor("observer");
    draftId = (await makeDraft(secretariat, "Collab test", [{ clauseId: "art-1", heading: "First", paragraphs: [["Hello"]] }])).id;
    collab = await startCollab();
  });
  afterAll(async () => {
    await collab.stop();
  });

  it("two editors converge and the change is stored and indexed", async () => {
    const a = await connectAs(collab, member, draftId);
    const b = await connectAs(collab, chair, draftId);
    await Promise.all([waitForSync(a), waitForSync(b)]);
    expect(readClauses(a.doc)[0].text).toBe("Hello");
    firstClauseText(a.doc).insert(5, " world");
    appendBlocks(b.doc, [{ clauseId: "art-2", heading: "Second", paragraphs: [["From B"]] }]);
    await waitFor(() => readClauses(a.doc).length === 2 && readClauses(b.doc)[0].text === "Hello world", 5000, "convergence");
    expect(Y.encodeStateAsUpdate(a.doc)).toEqual(Y.encodeStateAsUpdate(b.doc));
    await waitFor(async () => (await storedClauses(draftId)).length === 2, 5000, "stored");
    const index = await waitFor(async () => {
      const rows = await listClauses(viewer, draftId);
      return rows.length === 2 && rows[0].text === "Hello world" ? rows : null;
    }, 5000, "clause index");
    expect(index.map((c) => [c.clauseId, c.number, c.heading])).toEqual([["art-1", 1, "First"], ["art-2", 2, "Second"]]);
    a.destroy();
    b.destroy();
  });

  it("a viewer and an observer see live changes but their writes reach nobody (refused with 4409)", async () => {
    const editor = await connectAs(collab, member, draftId);
    const reader = await connectAs(collab, viewer, draftId);
    const commenter = await connectAs(collab, observer, draftId);
    await Promise.all([waitForSync(editor), waitForSync(reader), waitForSync(commenter)]);
    const dropped = collab.server.stats.droppedReadOnlyWrites;
    firstClauseText(reader.doc).insert(0, "VIEWER ");
    firstClauseText(commenter.doc).insert(0, "OBSERVER ");
    expect((await reader.closed).code).toBe(CLOSE.refused);
    expect((await commenter.closed).code).toBe(CLOSE.refused);
    expect(collab.server.stats.droppedReadOnlyWrites).toBe(dropped + 2);
    reader.destroy();
    commenter.destroy();
    // a read-only client whose copy is the server's sees live changes
    const freshReader = await connectAs(collab, viewer, draftId);
    await waitForSync(freshReader);
    firstClauseText(editor.doc).insert(0, "Editor: ");
    await waitFor(() => readClauses(freshReader.doc)[0].text.includes("Editor: "), 5000, "viewer sees editor");
    expect(readClauses(editor.doc)[0].text).not.toMatch(/VIEWER|OBSERVER/);
    const stored = await waitFor(async () => {
      const clauses = await storedClauses(draftId);
      return clauses[0].text.includes("Editor: ") ? clauses : null;
    });
    expect(stored[0].text).not.toMatch(/VIEWER|OBSERVER/);
    // presence still flows from read-only connections, under the identity the server knows
    freshReader.provider.awareness.setLocalStateField("clauseId", "art-1");
    await waitFor(() => [...editor.provider.awareness.getStates().values()].some((s) => s.user?.id === viewer.id && s.clauseId === "art-1"), 5000, "viewer presence");
    editor.destroy();
    freshReader.destroy();
  });

  it("refuses missing, forged, expired and other-room tokens with documented codes", async () => {
    const room = roomForDraft(draftId);
    const cases: [string, number][] = [
      [`${collab.url}/${room}`, CLOSE.unauthorized],
      [`${collab.url}/${room}?token=forged.token`, CLOSE.unauthorized],
      [`${collab.url}/${room}?token=${signCollabToken({ sub: member.id, room, exp: Date.now() - 1000 })}`, CLOSE.unauthorized],
      [`${collab.url}/${room}?token=${signCollabToken({ sub: member.id, room: "draft.other", exp: Date.now() + 60000 })}`, CLOSE.forbidden],
      [`${collab.url}/draft.missing?token=${signCollabToken({ sub: member.id, room: "draft.missing", exp: Date.now() + 60000 })}`, CLOSE.notFound],
    ];
    for (const [url, code] of cases) {
      const socket = await rawSocket(url);
      const closed = await socket.closed;
      expect(closed.code, url).toBe(code);
      expect(socket.messages).toHaveLength(0); // nothing of the document was served
    }
  });

  it("malformed and oversized frames close only that connection", async () => {
    const good = await connectAs(collab, member, draftId);
    await waitForSync(good);
    const bad = await rawSocketAs(collab, member, draftId); // a token opens one socket: one each
    bad.ws.send(Buffer.from([0, 2, 200, 1, 2, 3])); // sync update claiming 200 bytes, carrying 3
    expect((await bad.closed).code).toBe(CLOSE.malformed);
    const bad2 = await rawSocketAs(collab, member, draftId);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, 0);
    encoding.writeVarUint(enc, 2);
    encoding.writeVarUint8Array(enc, new Uint8Array(3 * 1024 * 1024));
    bad2.ws.send(encoding.toUint8Array(enc));
    expect((await bad2.closed).code).toBe(1009);
    const bad3 = await rawSocketAs(collab, member, draftId);
    bad3.ws.send(Buffer.from([0, 2, 5, 1, 255, 255, 255, 7])); // framed correctly, not a Yjs update
    expect((await bad3.closed).code).toBe(CLOSE.malformed);
    // the good client still edits and the stored document still loads
    firstClauseText(good.doc).insert(0, "Still alive. ");
    await waitFor(async () => (await storedClauses(draftId))[0].text.startsWith("Still alive. "), 5000, "stored after attacks");
    good.destroy();
  });

  it("revoking a member closes their connection within a second", async () => {
    const revoked = await makeActor("member");
    const client = await connectAs(collab, revoked, draftId);
    await waitForSync(client);
    const started = Date.now();
    await updateMember({ ...SYSTEM_ACTOR, role: "secretariat" }, revoked.id, { active: false });
    await collab.server.revalidateUser(revoked.id);
    const closed = await client.closed;
    expect(closed.code).toBe(CLOSE.forbidden);
    expect(Date.now() - started).toBeLessThan(1000);
    client.destroy();
  });

  it("offline edits made while disconnected merge on reconnect", async () => {
    const a = await connectAs(collab, member, draftId);
    const b = await connectAs(collab, chair, draftId);
    await Promise.all([waitForSync(a), waitForSync(b)]);
    a.provider.disconnect();
    appendBlocks(a.doc, [{ clauseId: "offline-1", heading: "Written offline", paragraphs: [["while away"]] }]);
    firstClauseText(b.doc).insert(0, "Online. ");
    await new Promise((r) => setTimeout(r, 200));
    const fresh = await connectAs(collab, member, draftId);
    await waitForSync(fresh);
    a.provider.connect();
    await waitFor(() => readClauses(b.doc).some((c) => c.clauseId === "offline-1") && readClauses(a.doc)[0].text.startsWith("Online. "), 5000, "merge");
    expect(Y.encodeStateAsUpdate(a.doc)).toEqual(Y.encodeStateAsUpdate(b.doc));
    const ids = readClauses(b.doc).map((c) => c.clauseId);
    expect(ids.filter((id) => id === "offline-1")).toHaveLength(1);
    a.destroy();
    b.destroy();
    fresh.destroy();
  });
});
