import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { createThread, deleteMessage, editMessage, listNotifications, listThreads, markNotificationsRead, replyToThread, unreadNotifications, updateThread } from "@/server/domain/comments";
import { currentDraftState, applyDraftChange } from "@/server/domain/live-documents";
import { YDOC_FIELD } from "@/lib/editor/schema";
import type { Actor } from "@/server/domain/actor";
import { overTheWire } from "../helpers/contract";
import { notificationListSchema, threadListSchema, threadSchema } from "@/lib/contracts/comments";

const SENTENCE = "Border agencies shall respect the principle of non-refoulement at all times.";

async function anchorOn(draftId: string, exact: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await currentDraftState(draftId));
  const text = ((doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText;
  const full = text.toString();
  const i = full.indexOf(exact);
  return {
    clauseId: "c1",
    start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i)),
    end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i + exact.length, -1)),
    prefix: full.slice(Math.max(0, i - 30), i),
    exact,
    suffix: full.slice(i + exact.length, i + exact.length + 30),
  };
}

describe("comments", () => {
  let secretariat: Actor, chair: Actor, member: Actor, observer: Actor, viewer: Actor, other: Actor;
  let draftId: string;

  beforeAll(async () => {
    await useFreshDatabase();
    [secretariat, chair, member, observer, viewer, other] = await Promise.all([
      makeActor("secretariat"), makeActor("chair", "Youssef Alaoui"), makeActor("member", "Aminata Diallo"), makeActor("observer", "Claire Martin"), makeActor("viewer"), makeActor("member", "Other Member"),
    ]);
    draftId = (await makeDraft(secretariat, "Comments", [{ clauseId: "c1", heading: "Protection", paragraphs: [[SENTENCE]] }])).id;
  });

  it("observers and above comment; viewers and nobody cannot", async () => {
    const anchor = await anchorOn(draftId, "non-refoulement");
    await expect(createThread(viewer, draftId, { anchor, body: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createThread(null, draftId, { anchor, body: "x" })).rejects.toMatchObject({ code: "unauthenticated" });
    for (const actor of [observer, member, chair, secretariat]) {
      const thread = overTheWire(threadSchema, await createThread(actor, draftId, { anchor, body: `From ${actor.role}` }));
      expect(thread).toMatchObject({ status: "open", clauseId: "c1", createdBy: { id: actor.id } });
    }
    expect(overTheWire(threadListSchema, await listThreads(viewer, draftId, { status: "open" }))).toHaveLength(4);
  });

  it("stores hostile bodies as inert text and enforces size limits", async () => {
    const anchor = await anchorOn(draftId, "principle");
    const payload = '<img src=x onerror=alert(1)><script>alert("x")</script>[a](javascript:alert(1))';
    const thread = overTheWire(threadSchema, await createThread(observer, draftId, { anchor, body: payload }));
    expect(thread.comments[0].body).toBe(payload); // returned as a JSON string; the UI renders it as text
    await expect(createThread(observer, draftId, { anchor, body: "x".repeat(5001) })).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/5000/) });
    await expect(createThread(observer, draftId, { anchor, body: "   " })).rejects.toMatchObject({ code: "invalid" });
    await expect(createThread(observer, draftId, { anchor: { clauseId: "" }, body: "x" })).rejects.toMatchObject({ code: "invalid" });
  });

  it("notifies mentions, replies to participants, and resolutions; only the author edits", async () => {
    const anchor = await anchorOn(draftId, "at all times");
    const thread = overTheWire(threadSchema, await createThread(observer, draftId, { anchor, body: `This contradicts non-refoulement, @[${member.name}](user:${member.id})` }));
    expect((overTheWire(notificationListSchema, await listNotifications(member))).find((n) => n.type === "mention")).toMatchObject({ data: { threadId: thread.id, by: "Claire Martin" } });
    await replyToThread(member, thread.id, { body: "Agreed, I will amend it." });
    const forObserver = overTheWire(notificationListSchema, await listNotifications(observer));
    expect(forObserver.find((n) => n.type === "reply" && n.data.threadId === thread.id)).toMatchObject({ data: { by: "Aminata Diallo" } });
    // edit and delete: only the author
    const messageId = (overTheWire(threadListSchema, await listThreads(viewer, draftId))).find((t) => t.id === thread.id)!.comments[1].id;
    await expect(editMessage(chair, messageId, { body: "changed by chair" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(editMessage(observer, messageId, { body: "changed" })).rejects.toMatchObject({ code: "forbidden" });
    const edited = await editMessage(member, messageId, { body: "Agreed, amended." });
    expect(edited.comments[1]).toMatchObject({ body: "Agreed, amended.", deleted: false });
    expect(edited.comments[1].editedAt).not.toBeNull();
    const deleted = await deleteMessage(member, messageId);
    expect(deleted.comments[1]).toMatchObject({ body: "", deleted: true });
    expect(deleted.comments).toHaveLength(2); // the marker stays
    // resolve: not by another member, yes by the chair; participants are told
    await expect(updateThread(other, thread.id, { status: "resolved" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateThread(viewer, thread.id, { status: "resolved" })).rejects.toMatchObject({ code: "forbidden" });
    const resolved = await updateThread(chair, thread.id, { status: "resolved" });
    expect(resolved).toMatchObject({ status: "resolved", resolvedBy: { id: chair.id } });
    expect((overTheWire(notificationListSchema, await listNotifications(observer))).some((n) => n.type === "resolved")).toBe(true);
    expect((overTheWire(threadListSchema, await listThreads(viewer, draftId, { status: "resolved" }))).map((t) => t.id)).toEqual([thread.id]);
    // the thread's author may reopen their own thread
    expect(await updateThread(observer, thread.id, { status: "open" })).toMatchObject({ status: "open", resolvedBy: null });
    // unread counts
    expect(await unreadNotifications(observer)).toBeGreaterThan(0);
    await markNotificationsRead(observer, {});
    expect(await unreadNotifications(observer)).toBe(0);
  });

  it("orphans threads whose text was deleted, and editors re-anchor them", async () => {
    const anchor = await anchorOn(draftId, "Border agencies");
    const thread = overTheWire(threadSchema, await createThread(observer, draftId, { anchor, body: "Which agencies?" }));
    await applyDraftChange(draftId, (state) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      const before = Y.encodeStateVector(doc);
      const text = ((doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText;
      text.delete(0, "Border agencies".length);
      text.insert(0, "Authorities");
      return Y.encodeStateAsUpdate(doc, before);
    }, member.id);
    expect((overTheWire(threadListSchema, await listThreads(viewer, draftId, { status: "orphaned" }))).map((t) => t.id)).toContain(thread.id);
    const fresh = await anchorOn(draftId, "Authorities");
    await expect(updateThread(observer, thread.id, { anchor: fresh })).rejects.toMatchObject({ code: "forbidden" });
    expect(await updateThread(member, thread.id, { anchor: fresh })).toMatchObject({ status: "open" });
  });

  it("limits how fast one person can post", async () => {
    const anchor = await anchorOn(draftId, "principle");
    const thread = overTheWire(threadSchema, await createThread(other, draftId, { anchor, body: "start" }));
    const attempts = await Promise.allSettled(Array.from({ length: 25 }, (_, i) => replyToThread(other, thread.id, { body: `reply ${i}` })));
    expect(attempts.filter((a) => a.status === "rejected" && (a.reason as { code: string }).code === "rate_limited").length).toBeGreaterThan(0);
  });
});
