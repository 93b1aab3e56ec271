// A member's socket admitted while the chair switches the phase twice (amendments → editing →
// amendments) must end up locked like the phase it joins in. Real collaboration server and
// y-websocket clients; the access decision is the domain's, held at chosen moments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab, type TestClient } from "../helpers/collab";
import { readClauses } from "@/lib/editor/ydoc";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { updateDraft } from "@/server/domain/drafts";
import { collabAccessFor } from "@/server/domain/drafts/collab-access";
import { CLOSE } from "@/server/collab/close-codes";
import type { Actor } from "@/server/domain/actor";

function firstParagraph(doc: Y.Doc): Y.XmlText {
  const clause = doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement;
  return (clause.get(1) as Y.XmlElement).get(0) as Y.XmlText;
}
const textOf = (client: TestClient) => readClauses(client.doc)[0].text;

describe("phase change racing a member's admission", () => {
  let collab: RunningCollab;
  let chair: Actor, secretariat: Actor, member: Actor;
  let draftId: string;
  // The member's access decisions are held here (after being read from the database) until released.
  let holding = false;
  const held: { release: () => void }[] = [];

  beforeAll(async () => {
    await useFreshDatabase();
    [chair, secretariat, member] = await Promise.all([makeActor("chair"), makeActor("secretariat"), makeActor("member")]);
    draftId = (await makeDraft(secretariat, "Race", [{ clauseId: "c1", heading: "Protection", paragraphs: [["Base text."]] }])).id;
    collab = await startCollab({
      resolveAccess: async (userId, id) => {
        const access = await collabAccessFor(userId, id);
        if (holding && userId === member.id) await new Promise<void>((release) => held.push({ release }));
        return access;
      },
    });
  });
  afterAll(async () => {
    await collab.stop();
  });

  it("a socket whose access was decided between two phase changes is locked in the amendments phase", async () => {
    await updateDraft(chair, draftId, { phase: "amendments" });
    const lead = await connectAs(collab, chair, draftId);
    await waitForSync(lead);

    holding = true;
    const delegate = await connectAs(collab, member, draftId);
    await waitFor(() => held.length === 1, 5000, "first access decision (amendments: locked)");
    await updateDraft(chair, draftId, { phase: "editing" });
    held[0].release();
    await waitFor(() => held.length === 2, 5000, "access decided again (editing: unlocked)");
    await updateDraft(chair, draftId, { phase: "amendments" });
    holding = false;
    held[1].release();
    await waitForSync(delegate);

    firstParagraph(delegate.doc).insert(0, "RACE ");
    const outcome = await Promise.race([
      delegate.closed.then((e) => e.code),
      waitFor(() => textOf(lead).startsWith("RACE "), 5000, "write reached the chair").then(() => "written" as const),
    ]);
    expect(outcome).toBe(CLOSE.refused);
    expect(textOf(lead)).toBe("Base text.");
    lead.destroy();
    delegate.destroy();
  });
});
