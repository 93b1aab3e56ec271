// Issue 12, item 2: "an amendment submitted offline anchors correctly". A delegate types a
// sentence while offline and proposes an amendment to that very sentence. The proposal waits in
// the device's queue; on reconnect it is sent only once the editor's own edits have synced, and
// the server refuses an anchor on text it has not received yet (text_pending) instead of
// orphaning it, so the ordering rule is enforced on both sides.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab } from "../helpers/collab";
import { createAmendment, listAmendments } from "@/server/domain/amendments";
import { DomainError } from "@/server/domain/errors";
import { currentDraftState } from "@/server/domain/live-documents";
import { readClauses } from "@/lib/editor/ydoc";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { ProposalQueue, type KeyValueStore, type ProposalBody, type SendProposal } from "@/app/drafts/[id]/amendments/proposal-queue";
import type { Actor } from "@/server/domain/actor";

const OFFLINE_SENTENCE = " Children shall never be detained for migration purposes.";
const QUOTE = "never be detained";

function paragraphText(doc: Y.Doc): Y.XmlText {
  return ((doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText;
}

/** What the editor's anchorFromSelection makes: relative positions on the client's own copy. */
function anchorOnOwnCopy(text: Y.XmlText, exact: string) {
  const full = text.toString();
  const i = full.indexOf(exact);
  return {
    clauseId: "c1",
    start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i)),
    end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i + exact.length, -1)),
    prefix: full.slice(Math.max(0, i - 40), i),
    exact,
    suffix: full.slice(i + exact.length, i + exact.length + 40),
  };
}

class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, string>();
  getItem = (key: string) => this.values.get(key) ?? null;
  setItem = (key: string, value: string) => void this.values.set(key, value);
  removeItem = (key: string) => void this.values.delete(key);
}

/** The browser's POST, minus HTTP: the domain function with the route's error mapping. */
const sendAs =
  (actor: Actor, draftId: string): SendProposal =>
  async (body) => {
    try {
      const created = await createAmendment(actor, draftId, body);
      return { ok: true, data: { number: created.number, status: created.status } };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, status: 400, code: error.code, message: error.message };
      throw error;
    }
  };

describe("an amendment proposed offline", () => {
  let collab: RunningCollab;
  let member: Actor, secretariat: Actor;
  let draftId: string;

  beforeAll(async () => {
    await useFreshDatabase();
    collab = await startCollab();
    [secretariat, member] = await Promise.all([makeActor("secretariat"), makeActor("member", "Aminata Diallo")]);
    draftId = (await makeDraft(secretariat, "Offline amendments", [{ clauseId: "c1", heading: "Detention", paragraphs: [["Detention is a last resort."]] }])).id;
  });
  afterAll(async () => collab.stop());

  it("is refused before the offline text reaches the server, and anchors on it once synced", async () => {
    const client = await connectAs(collab, member, draftId);
    await waitForSync(client);
    client.provider.disconnect();

    // Offline: type a sentence, then propose to change part of it.
    const text = paragraphText(client.doc);
    text.insert(text.length, OFFLINE_SENTENCE);
    const body: ProposalBody = {
      clauseId: "c1",
      op: "MOD",
      type: "te",
      anchor: anchorOnOwnCopy(text, QUOTE),
      proposedText: "not be detained",
      rationale: "Absolute prohibition weakened on purpose? No: keep it absolute.",
      cosponsors: [],
      sources: [],
      submit: true,
    };
    const queue = new ProposalQueue(new MemoryStore(), "queue");
    queue.add(body);

    // Before the offline text reaches the server the proposal is refused as "not arrived yet",
    // never stored as an orphan, and stays queued.
    await expect(createAmendment(member, draftId, body)).rejects.toMatchObject({ code: "text_pending" });
    const early = await queue.flush(sendAs(member, draftId));
    expect(early).toMatchObject({ sent: [], refused: [], waiting: true });
    expect(queue.list()).toMatchObject([{ state: "queued", pendingAnswers: 1 }]);
    expect(await listAmendments(member, draftId)).toHaveLength(0);

    // Back online: the editor's own edits sync first, then the queue is flushed.
    client.provider.connect();
    await waitForSync(client);
    await waitFor(async () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await currentDraftState(draftId));
      return readClauses(doc)[0]!.text.includes(OFFLINE_SENTENCE.trim());
    }, 5000, "the offline sentence on the server");
    const flushed = await queue.flush(sendAs(member, draftId));
    expect(flushed.refused).toEqual([]);
    expect(flushed.sent).toMatchObject([{ number: "AM-001", status: "submitted" }]);
    expect(queue.list()).toEqual([]);

    const [stored] = await listAmendments(member, draftId);
    expect(stored).toMatchObject({ number: "AM-001", clauseId: "c1", op: "MOD", quote: QUOTE, proposedText: "not be detained" });
    expect(stored!.anchor).toMatchObject({ clauseId: "c1", exact: QUOTE, prefix: expect.stringContaining("Children shall ") });
    client.destroy();
  });

  it("keeps a proposal the server refuses, with the error, and sends the rest", async () => {
    const queue = new ProposalQueue(new MemoryStore(), "queue");
    const base = { op: "MOD" as const, type: "ed" as const, proposedText: "x", cosponsors: [], sources: [], submit: true, rationale: "Clarity." };
    queue.add({ ...base, clauseId: "gone" });
    queue.add({ ...base, clauseId: "c1" });
    const result = await queue.flush(sendAs(member, draftId));
    expect(result.sent).toMatchObject([{ entry: { body: { clauseId: "c1" } }, status: "submitted" }]);
    expect(result.refused).toMatchObject([{ body: { clauseId: "gone" }, error: { code: "invalid", message: expect.stringContaining("no longer in the draft") } }]);
    expect(queue.list()).toMatchObject([{ state: "refused", body: { clauseId: "gone" } }]);
  });
});
