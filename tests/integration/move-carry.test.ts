// Moving an article while someone else types in it (issue 11, item 2b). The mover's change is
// made by the editor's own binding (y-tiptap's updateYFragment from a ProseMirror transaction,
// exactly what the browser sends); arrival order is controlled by holding a client's inbound
// messages, as network latency does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { getSchema } from "@tiptap/core";
import { EditorState } from "@tiptap/pm/state";
import { initProseMirrorDoc, updateYFragment } from "@tiptap/y-tiptap";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab, type TestClient } from "../helpers/collab";
import { readClauses, type BlockSpec } from "@/lib/editor/ydoc";
import { charterExtensions } from "@/lib/editor/extensions";
import { NODE, YDOC_FIELD } from "@/lib/editor/schema";
import { loadDraftInto } from "@/server/collab/persistence";
import type { Actor } from "@/server/domain/actor";

const schema = getSchema(charterExtensions());
const ARTICLES: BlockSpec[] = [1, 2, 3, 4, 5].map((n) => ({ clauseId: `art-${n}`, heading: `Article ${n}`, paragraphs: [[`Text of article ${n} stays here.`]] }));

function clause(doc: Y.Doc, clauseId: string): Y.XmlElement {
  const found = doc.getXmlFragment(YDOC_FIELD).toArray().find((el) => el instanceof Y.XmlElement && el.getAttribute("clauseId") === clauseId);
  if (!found) throw new Error(`no clause ${clauseId}`);
  return found as Y.XmlElement;
}

/** The text of an article's first paragraph, as the editor binding stores it. */
function firstParagraph(doc: Y.Doc, clauseId: string): Y.XmlText {
  return (clause(doc, clauseId).get(1) as Y.XmlElement).get(0) as Y.XmlText;
}

/** The editor's "move article" button: a ProseMirror delete + insert, turned into Yjs by y-tiptap. */
function moveWithEditor(doc: Y.Doc, clauseId: string, direction: "up" | "down"): void {
  const fragment = doc.getXmlFragment(YDOC_FIELD);
  const { doc: pm, meta } = initProseMirrorDoc(fragment, schema);
  let index = -1;
  pm.forEach((node, _offset, i) => {
    if (node.attrs.clauseId === clauseId) index = i;
  });
  let pos = 0;
  for (let i = 0; i < index; i++) pos += pm.child(i).nodeSize;
  const node = pm.child(index);
  const neighbour = pm.child(direction === "up" ? index - 1 : index + 1);
  const tr = EditorState.create({ doc: pm }).tr.delete(pos, pos + node.nodeSize);
  tr.insert(direction === "up" ? pos - neighbour.nodeSize : pos + neighbour.nodeSize, node);
  doc.transact(() => updateYFragment(doc, fragment, tr.doc, meta), "editor");
}

/** Holds what the server sends to a client (its view stays behind), until released. */
function holdInbound(client: TestClient): () => void {
  const ws = client.provider.ws as unknown as { onmessage: ((e: unknown) => void) | null };
  const deliver = ws.onmessage!;
  const held: unknown[] = [];
  ws.onmessage = (event) => held.push(event);
  return () => {
    ws.onmessage = deliver;
    for (const event of held) deliver(event);
  };
}

const view = (doc: Y.Doc) => readClauses(doc).map((c) => `${c.clauseId}: ${c.text}`);

describe("moving an article keeps concurrent edits", () => {
  let collab: RunningCollab;
  let secretariat: Actor, chair: Actor, member: Actor, member2: Actor;

  beforeAll(async () => {
    await useFreshDatabase();
    secretariat = await makeActor("secretariat");
    chair = await makeActor("chair");
    member = await makeActor("member");
    member2 = await makeActor("member");
    collab = await startCollab();
  });
  afterAll(async () => {
    await collab.stop();
  });

  async function session() {
    const draftId = (await makeDraft(secretariat, "Move test", ARTICLES)).id;
    const clients = await Promise.all([connectAs(collab, chair, draftId), connectAs(collab, member, draftId), connectAs(collab, member2, draftId)]);
    await Promise.all(clients.map((c) => waitForSync(c)));
    const server = () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, collab.server.liveState(draftId)!);
      return view(doc);
    };
    /** Every client and the server show the same articles; returns that view. */
    const converged = () =>
      waitFor(() => {
        const views = [...clients.map((c) => JSON.stringify(view(c.doc))), JSON.stringify(server())];
        return views.every((v) => v === views[0]) ? (JSON.parse(views[0]) as string[]) : null;
      }, 5000, "all clients and the server to converge").catch(() => clients.map((c) => view(c.doc)).concat([server()]) as unknown as string[]);
    /** Disconnects everybody, lets the room unload, and reads the stored document. */
    const stored = async () => {
      clients.forEach((c) => c.destroy());
      await waitFor(() => !collab.server.roomInfo().some((r) => r.draftId === draftId), 5000, "room unload");
      const doc = new Y.Doc();
      await loadDraftInto(draftId, doc);
      return view(doc);
    };
    let acceptedSoFar = 0;
    /** Notes how many updates the server has accepted so far. */
    const mark = () => void (acceptedSoFar = collab.server.stats.acceptedUpdates);
    /**
     * Waits until the server has accepted (stored and applied) `count` updates since mark(), and
     * the carries they caused: a carry is stored after the edit, and until it lands every view
     * looks converged without the edit.
     */
    const accepted = async (count = 1) => {
      await waitFor(() => collab.server.stats.acceptedUpdates >= acceptedSoFar + count, 5000, "the edits to reach the server");
      await collab.server.settled(draftId);
    };
    return { draftId, a: clients[0], b: clients[1], c: clients[2], server, converged, stored, mark, accepted };
  }

  it("keeps text typed inside the moved article when it reaches the server after the move", async () => {
    const s = await session();
    const releaseB = holdInbound(s.b); // B has not seen the move when it types
    moveWithEditor(s.a.doc, "art-3", "down");
    await waitFor(() => s.server()[3].startsWith("art-3"), 5000, "move on the server");
    s.mark();
    firstParagraph(s.b.doc, "art-3").insert(8, "[B-LATE] ");
    await s.accepted();
    releaseB();
    const final = await s.converged();
    expect(final).toEqual(["art-1: Text of article 1 stays here.", "art-2: Text of article 2 stays here.", "art-4: Text of article 4 stays here.", "art-3: Text of [B-LATE] article 3 stays here.", "art-5: Text of article 5 stays here."]);
    expect(view(s.b.doc)).toEqual(final);
    expect(await s.stored()).toEqual(final);
  });

  it("keeps text typed inside the moved article when it reached the server before the move", async () => {
    const s = await session();
    const releaseA = holdInbound(s.a); // the mover has not seen B's text when it moves
    firstParagraph(s.b.doc, "art-3").insert(8, "[B-EARLY] ");
    await waitFor(() => s.server()[2].includes("[B-EARLY]"), 5000, "B's text on the server");
    moveWithEditor(s.a.doc, "art-3", "down");
    await waitFor(() => s.server()[3].startsWith("art-3"), 5000, "move on the server");
    releaseA();
    const final = await s.converged();
    expect(final[3]).toBe("art-3: Text of [B-EARLY] article 3 stays here.");
    expect(final.map((line) => line.split(":")[0])).toEqual(["art-1", "art-2", "art-4", "art-3", "art-5"]);
    expect(await s.stored()).toEqual(final);
  });

  it("moving article 3 up keeps what others type in article 3 and in article 2 (which the binding recreates)", async () => {
    const s = await session();
    const releaseB = holdInbound(s.b);
    const releaseC = holdInbound(s.c);
    moveWithEditor(s.a.doc, "art-3", "up");
    await waitFor(() => s.server()[1].startsWith("art-3"), 5000, "move on the server");
    s.mark();
    firstParagraph(s.b.doc, "art-3").insert(0, "B3 ");
    firstParagraph(s.c.doc, "art-2").insert(0, "C2 ");
    await s.accepted(2);
    releaseB();
    releaseC();
    const final = await s.converged();
    expect(final).toEqual(["art-1: Text of article 1 stays here.", "art-3: B3 Text of article 3 stays here.", "art-2: C2 Text of article 2 stays here.", "art-4: Text of article 4 stays here.", "art-5: Text of article 5 stays here."]);
    expect(await s.stored()).toEqual(final);
  });

  it("carries a deletion made inside the moved article, in both arrival orders", async () => {
    const late = await session();
    const releaseB = holdInbound(late.b);
    moveWithEditor(late.a.doc, "art-3", "down");
    await waitFor(() => late.server()[3].startsWith("art-3"), 5000, "move on the server");
    late.mark();
    firstParagraph(late.b.doc, "art-3").delete(8, 8); // "article "
    await late.accepted();
    releaseB();
    const lateFinal = await late.converged();
    expect(lateFinal[3]).toBe("art-3: Text of 3 stays here.");
    expect(await late.stored()).toEqual(lateFinal);

    const early = await session();
    const releaseA = holdInbound(early.a);
    firstParagraph(early.b.doc, "art-3").delete(8, 8);
    await waitFor(() => early.server()[2] === "art-3: Text of 3 stays here.", 5000, "deletion on the server");
    moveWithEditor(early.a.doc, "art-3", "down");
    await waitFor(() => early.server()[3].startsWith("art-3"), 5000, "move on the server");
    releaseA();
    const earlyFinal = await early.converged();
    expect(earlyFinal[3]).toBe("art-3: Text of 3 stays here.");
    expect(await early.stored()).toEqual(earlyFinal);
  });

  it("follows an article moved twice (chained moves) to its final place", async () => {
    const s = await session();
    const releaseB = holdInbound(s.b);
    moveWithEditor(s.a.doc, "art-3", "down");
    await waitFor(() => s.server()[3].startsWith("art-3"), 5000, "first move on the server");
    moveWithEditor(s.a.doc, "art-3", "down");
    await waitFor(() => s.server()[4].startsWith("art-3"), 5000, "second move on the server");
    s.mark();
    const text = firstParagraph(s.b.doc, "art-3");
    text.insert(text.length, " [B-AFTER-TWO-MOVES]");
    text.delete(0, 5); // "Text "
    await s.accepted(2); // two transactions, two updates
    releaseB();
    const final = await s.converged();
    expect(final.map((line) => line.split(":")[0])).toEqual(["art-1", "art-2", "art-4", "art-5", "art-3"]);
    expect(final[4]).toBe("art-3: of article 3 stays here. [B-AFTER-TWO-MOVES]");
    expect(await s.stored()).toEqual(final);
  });

  it("carries a new paragraph added inside the moved article", async () => {
    const s = await session();
    const releaseB = holdInbound(s.b);
    moveWithEditor(s.a.doc, "art-3", "down");
    await waitFor(() => s.server()[3].startsWith("art-3"), 5000, "move on the server");
    s.mark();
    const paragraph = new Y.XmlElement(NODE.paragraph);
    paragraph.insert(0, [new Y.XmlText("A new paragraph by B.")]);
    clause(s.b.doc, "art-3").insert(2, [paragraph]);
    await s.accepted();
    releaseB();
    const final = await s.converged();
    expect(final[3]).toBe("art-3: Text of article 3 stays here.\nA new paragraph by B.");
    expect(await s.stored()).toEqual(final);
  });

  it("a client that reconnects after seeing the move deletes nothing from the copy", async () => {
    const s = await session();
    const releaseB = holdInbound(s.b);
    moveWithEditor(s.a.doc, "art-3", "down");
    await waitFor(() => s.server()[3].startsWith("art-3"), 5000, "move on the server");
    s.mark();
    firstParagraph(s.b.doc, "art-3").insert(0, "Kept. ");
    await s.accepted();
    releaseB();
    const before = await s.converged();
    expect(before[3]).toBe("art-3: Kept. Text of article 3 stays here.");
    // A reconnect sends the whole delete set, which includes the moved-away article.
    s.b.provider.disconnect();
    s.b.provider.connect();
    await waitForSync(s.b);
    firstParagraph(s.b.doc, "art-1").insert(0, "Sync. ");
    await waitFor(() => s.server()[0].startsWith("art-1: Sync."), 5000, "B back online");
    const after = await s.converged();
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(await s.stored()).toEqual(after);
  });
});
