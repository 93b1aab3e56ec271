// Drafting phases (issue 12, item 1): who may type into the live text follows the draft's phase,
// on open sockets, through real y-websocket clients and the real collaboration server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab, type TestClient } from "../helpers/collab";
import { overTheWire } from "../helpers/contract";
import { readClauses } from "@/lib/editor/ydoc";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { draftSchema } from "@/lib/contracts/drafts";
import { getDraft, updateDraft } from "@/server/domain/drafts";
import { createAmendment } from "@/server/domain/amendments";
import { createBracket, listBrackets, removeBracket } from "@/server/domain/brackets";
import { currentDraftState } from "@/server/domain/live-documents";
import { bracketListSchema, bracketRemovedSchema, bracketSchema } from "@/lib/contracts/brackets";
import { loadDraftInto } from "@/server/collab/persistence";
import { CLOSE } from "@/server/collab/close-codes";
import { db } from "@/server/db/client";
import type { Actor } from "@/server/domain/actor";

async function storedText(draftId: string): Promise<string> {
  const doc = new Y.Doc();
  await loadDraftInto(draftId, doc);
  return readClauses(doc)[0].text;
}

function firstParagraph(doc: Y.Doc): Y.XmlText {
  const clause = doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement;
  return (clause.get(1) as Y.XmlElement).get(0) as Y.XmlText;
}

/** A passage of the first article, selected as the editor would send it. */
async function passage(draftId: string, exact: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await currentDraftState(draftId));
  const text = firstParagraph(doc);
  const full = text.toString();
  const i = full.indexOf(exact);
  if (i < 0) throw new Error(`"${exact}" is not in "${full}"`);
  return {
    clauseId: "c1",
    start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i)),
    end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i + exact.length, -1)),
    prefix: full.slice(Math.max(0, i - 30), i),
    exact,
    suffix: full.slice(i + exact.length, i + exact.length + 30),
  };
}

const textOf = (client: TestClient) => readClauses(client.doc)[0].text;
const isOpen = (client: TestClient) => client.provider.wsconnected;

describe("drafting phases", () => {
  let collab: RunningCollab;
  let secretariat: Actor, chair: Actor, member: Actor, observer: Actor, viewer: Actor;
  let draftId: string;

  beforeAll(async () => {
    await useFreshDatabase();
    [secretariat, chair, member, observer, viewer] = await Promise.all(
      (["secretariat", "chair", "member", "observer", "viewer"] as const).map((role) => makeActor(role)),
    );
    draftId = (await makeDraft(secretariat, "Phases", [{ clauseId: "c1", heading: "Protection", paragraphs: [["Base text."]] }])).id;
    collab = await startCollab();
  });
  afterAll(async () => {
    await collab.stop();
  });

  it("GET includes the phase (editing by default); PATCH moves it and audits from → to", async () => {
    expect(overTheWire(draftSchema, await getDraft(viewer, draftId)).phase).toBe("editing");
    const moved = overTheWire(draftSchema, await updateDraft(chair, draftId, { phase: "amendments" }));
    expect(moved.phase).toBe("amendments");
    expect((await getDraft(member, draftId)).phase).toBe("amendments");
    await updateDraft(secretariat, draftId, { phase: "editing" });
    const audit = await db().auditLog.findMany({ where: { action: "draft.phase", subjectId: draftId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.actorId, JSON.parse(a.data)])).toEqual([
      [chair.id, { from: "editing", to: "amendments" }],
      [secretariat.id, { from: "amendments", to: "editing" }],
    ]);
  });

  it("members, observers and viewers may not change the phase (403); a bad value is a readable 400", async () => {
    for (const actor of [member, observer, viewer]) {
      await expect(updateDraft(actor, draftId, { phase: "frozen" })).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(updateDraft(chair, draftId, { phase: "closed" })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringContaining("editing, amendments, frozen"),
    });
    await expect(updateDraft(chair, draftId, {})).rejects.toMatchObject({ code: "invalid" });
    await expect(updateDraft(chair, draftId, { phase: "frozen", title: "x" })).rejects.toMatchObject({ code: "invalid" });
    await expect(updateDraft(chair, "missing-draft", { phase: "frozen" })).rejects.toMatchObject({ code: "not_found" });
    expect((await getDraft(chair, draftId)).phase).toBe("editing");
  });

  it("amendments phase: a member's writes reach nobody and are never stored, the chair's go through, her amendment is accepted", async () => {
    await updateDraft(chair, draftId, { phase: "amendments" });
    const lead = await connectAs(collab, chair, draftId);
    const delegate = await connectAs(collab, member, draftId);
    const watcher = await connectAs(collab, viewer, draftId);
    await Promise.all([waitForSync(lead), waitForSync(delegate), waitForSync(watcher)]);
    const dropped = collab.server.stats.droppedReadOnlyWrites;

    firstParagraph(delegate.doc).insert(0, "MEMBER ");
    expect((await delegate.closed).code).toBe(CLOSE.refused);
    expect(collab.server.stats.droppedReadOnlyWrites).toBe(dropped + 1);

    firstParagraph(lead.doc).insert(0, "Chair: ");
    await waitFor(() => textOf(watcher).startsWith("Chair: "), 5000, "the chair's edit reaches the viewer");
    await collab.server.settled(draftId);
    expect(textOf(watcher)).not.toContain("MEMBER");
    expect(textOf(lead)).not.toContain("MEMBER");
    expect(await storedText(draftId)).toBe("Chair: Base text.");

    // Members propose instead: the domain (and so the API) accepts her amendment.
    const amendment = await createAmendment(member, draftId, { clauseId: "c1", op: "MOD", proposedText: "Better text.", rationale: "Clearer.", submit: true });
    expect(amendment).toMatchObject({ status: "submitted", number: "AM-001" });
    for (const c of [lead, delegate, watcher]) c.destroy();
  });

  it("a phase change reaches open connections at once, without reconnecting; presence keeps flowing", async () => {
    await updateDraft(chair, draftId, { phase: "editing" });
    const lead = await connectAs(collab, chair, draftId);
    const delegate = await connectAs(collab, member, draftId);
    await Promise.all([waitForSync(lead), waitForSync(delegate)]);
    firstParagraph(delegate.doc).insert(0, "[editing] ");
    await waitFor(() => textOf(lead).startsWith("[editing] "), 5000, "the member edits in the editing phase");

    await updateDraft(chair, draftId, { phase: "amendments" }); // resolves once open sockets are re-checked
    expect(isOpen(delegate)).toBe(true);
    delegate.provider.awareness.setLocalStateField("clauseId", "c1");
    await waitFor(() => [...lead.provider.awareness.getStates().values()].some((s) => s.user?.id === member.id && s.clauseId === "c1"), 5000, "presence of a locked member");
    expect(isOpen(delegate)).toBe(true);
    firstParagraph(delegate.doc).insert(0, "LOCKED ");
    expect((await delegate.closed).code).toBe(CLOSE.refused);
    await collab.server.settled(draftId);
    expect(textOf(lead)).not.toContain("LOCKED");
    expect(await storedText(draftId)).not.toContain("LOCKED");
    delegate.destroy();

    // Back to editing: a member socket opened during the amendments phase may write on the same socket.
    const later = await connectAs(collab, member, draftId);
    await waitForSync(later);
    await updateDraft(secretariat, draftId, { phase: "editing" });
    expect(isOpen(later)).toBe(true);
    firstParagraph(later.doc).insert(0, "[again] ");
    await waitFor(() => textOf(lead).startsWith("[again] "), 5000, "the member edits again on the same socket");
    expect(isOpen(later)).toBe(true);
    await collab.server.settled(draftId);
    expect(await storedText(draftId)).toMatch(/^\[again\] /);
    lead.destroy();
    later.destroy();
  });

  it("frozen: members are locked out of the text and of new amendments; chair and secretariat still edit", async () => {
    await updateDraft(chair, draftId, { phase: "frozen" });
    const lead = await connectAs(collab, secretariat, draftId);
    const delegate = await connectAs(collab, member, draftId);
    await Promise.all([waitForSync(lead), waitForSync(delegate)]);
    firstParagraph(delegate.doc).insert(0, "FROZEN ");
    expect((await delegate.closed).code).toBe(CLOSE.refused);
    firstParagraph(lead.doc).insert(0, "Final: ");
    await collab.server.settled(draftId);
    await waitFor(async () => (await storedText(draftId)).startsWith("Final: "), 5000, "the secretariat's edit is stored");
    expect(await storedText(draftId)).not.toContain("FROZEN");
    await expect(createAmendment(member, draftId, { clauseId: "c1", op: "SUP", rationale: "Too late." })).rejects.toMatchObject({ code: "conflict" });
    lead.destroy();
    delegate.destroy();
    await updateDraft(chair, draftId, { phase: "editing" });
  });

  describe("bracketed passages", () => {
    it("the chair brackets a passage with a note: every reader lists it; removing it audits and keeps the record", async () => {
      const anchor = await passage(draftId, "Base text");
      const placed = overTheWire(bracketSchema, await createBracket(chair, draftId, { anchor, note: "Back to this at the second reading." }));
      expect(placed).toMatchObject({ draftId, clauseId: "c1", note: "Back to this at the second reading.", createdBy: { id: chair.id, name: chair.name } });
      expect(placed.anchor.exact).toBe("Base text");
      for (const reader of [member, observer, viewer]) {
        expect(overTheWire(bracketListSchema, await listBrackets(reader, draftId)).map((b) => b.id)).toEqual([placed.id]);
      }
      const removed = overTheWire(bracketRemovedSchema, await removeBracket(secretariat, placed.id));
      expect(removed.id).toBe(placed.id);
      expect(await listBrackets(viewer, draftId)).toEqual([]);
      await expect(removeBracket(chair, placed.id)).rejects.toMatchObject({ code: "not_found" });
      expect((await db().bracketedPassage.findUniqueOrThrow({ where: { id: placed.id } })).removedAt).not.toBeNull();
      const audit = await db().auditLog.findMany({ where: { action: { startsWith: "bracket." }, subjectId: draftId }, orderBy: { createdAt: "asc" } });
      expect(audit.map((a) => [a.action, a.actorId])).toEqual([["bracket.create", chair.id], ["bracket.remove", secretariat.id]]);
    });

    it("members, observers and viewers may neither place nor remove brackets (403)", async () => {
      const anchor = await passage(draftId, "Base text");
      const placed = await createBracket(secretariat, draftId, { anchor });
      for (const actor of [member, observer, viewer]) {
        await expect(createBracket(actor, draftId, { anchor })).rejects.toMatchObject({ code: "forbidden" });
        await expect(removeBracket(actor, placed.id)).rejects.toMatchObject({ code: "forbidden" });
      }
      expect((await listBrackets(chair, draftId)).map((b) => b.id)).toEqual([placed.id]);
      await removeBracket(chair, placed.id);
    });

    it("refuses a bracket without a passage, with a passage no longer in the text, with a long note, or on a missing draft", async () => {
      const anchor = await passage(draftId, "Base text");
      await expect(createBracket(chair, draftId, {})).rejects.toMatchObject({ code: "invalid" });
      await expect(createBracket(chair, draftId, { anchor: { clauseId: "c1", exact: "Base text" } })).rejects.toMatchObject({
        code: "invalid",
        message: expect.stringContaining("Select the passage"),
      });
      await expect(createBracket(chair, draftId, { anchor: { ...anchor, clauseId: "c9" } })).rejects.toMatchObject({
        code: "invalid",
        message: expect.stringContaining("no longer in this article"),
      });
      await expect(createBracket(chair, draftId, { anchor, note: "x".repeat(501) })).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("500") });
      await expect(createBracket(chair, draftId, { anchor, extra: true })).rejects.toMatchObject({ code: "invalid" });
      await expect(createBracket(chair, "missing-draft", { anchor })).rejects.toMatchObject({ code: "not_found" });
      await expect(listBrackets(viewer, "missing-draft")).rejects.toMatchObject({ code: "not_found" });
      await expect(removeBracket(chair, "missing-bracket")).rejects.toMatchObject({ code: "not_found" });
      expect(await listBrackets(chair, draftId)).toEqual([]);
    });

    it("placing a bracket tells open editors through the amendments revision", async () => {
      const watcher = await connectAs(collab, viewer, draftId);
      await waitForSync(watcher);
      const revision = () => [...watcher.provider.awareness.getStates().values()].find((s) => s.server === true)?.amendments as number | undefined;
      const before = await waitFor(() => (revision() === undefined ? null : { value: revision() ?? 0 }), 5000, "server entry").catch(() => ({ value: 0 }));
      const placed = await createBracket(chair, draftId, { anchor: await passage(draftId, "Base text") });
      await waitFor(() => (revision() ?? 0) > before.value, 5000, "amendments revision raised");
      await removeBracket(chair, placed.id);
      watcher.destroy();
    });
  });
});
