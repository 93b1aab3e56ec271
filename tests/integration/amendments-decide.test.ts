// Deciding amendments through a real collaboration server with real y-websocket clients:
// acceptance reaches the live text and the clause index, outdated amendments are refused,
// alternatives close each other, compromises supersede, every decision is recorded and notified.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft, memberOf } from "../helpers/factories";
import { overTheWire } from "../helpers/contract";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab, type TestClient } from "../helpers/collab";
import { cosponsorAmendment, createAmendment, getAmendment, listAmendments, updateAmendment } from "@/server/domain/amendments";
import { listClauses } from "@/server/domain/drafts";
import { clauseHistory, compareVersions, listVersions } from "@/server/domain/versions";
import { clauseHistorySchema, comparisonSchema, versionListSchema } from "@/lib/contracts/versions";
import { listNotifications } from "@/server/domain/comments/notifications";
import { type Actor } from "@/server/domain/actor";
import { amendmentListSchema, amendmentSchema } from "@/lib/contracts/amendments";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { charterExtensions } from "@/lib/editor/extensions";
import { getSchema } from "@tiptap/core";
import { Transform } from "@tiptap/pm/transform";
import { initProseMirrorDoc, updateYFragment } from "@tiptap/y-tiptap";
import { readClauses } from "@/lib/editor/ydoc";
import { db } from "@/server/db/client";

/** The first text run of an article's first paragraph in a client's document. */
function firstText(doc: Y.Doc, clauseId: string): Y.XmlText {
  const clause = doc
    .getXmlFragment(YDOC_FIELD)
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.getAttribute("clauseId") === clauseId) as Y.XmlElement;
  return (clause.get(1) as Y.XmlElement).get(0) as Y.XmlText;
}

/** A passage selected as the editor would send it. */
function anchorIn(doc: Y.Doc, clauseId: string, exact: string) {
  const text = firstText(doc, clauseId);
  const full = text.toString();
  const i = full.indexOf(exact);
  if (i < 0) throw new Error(`"${exact}" is not in ${clauseId}`);
  return {
    clauseId,
    start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i)),
    end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i + exact.length, -1)),
    prefix: full.slice(Math.max(0, i - 30), i),
    exact,
    suffix: full.slice(i + exact.length, i + exact.length + 30),
  };
}

/** The editor's "move article up": a ProseMirror delete + insert turned into Yjs by y-tiptap (new content). */
function moveUp(doc: Y.Doc, clauseId: string) {
  const fragment = doc.getXmlFragment(YDOC_FIELD);
  const { doc: pm, meta } = initProseMirrorDoc(fragment, getSchema(charterExtensions()));
  let pos = 0;
  let index = 0;
  while (pm.child(index).attrs.clauseId !== clauseId) pos += pm.child(index++).nodeSize;
  const node = pm.child(index);
  const tr = new Transform(pm).delete(pos, pos + node.nodeSize);
  tr.insert(pos - pm.child(index - 1).nodeSize, node);
  doc.transact(() => updateYFragment(doc, fragment, tr.doc, meta), "editor");
}


const CITE = { sourceItemId: "item-1", key: "MKH23-CON-05" };
const ALL = ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11"];
const clauseText = (doc: Y.Doc, clauseId: string) => readClauses(doc).find((c) => c.clauseId === clauseId)?.text;

describe("deciding amendments", () => {
  let collab: RunningCollab;
  let chair: Actor, secretariat: Actor, viewer: Actor;
  let senegal: Actor, morocco: Actor, kenya: Actor;
  let draftId: string;
  let client: TestClient;

  beforeAll(async () => {
    await useFreshDatabase();
    [chair, secretariat, viewer] = await Promise.all([makeActor("chair", "Chair Person"), makeActor("secretariat"), makeActor("viewer")]);
    senegal = await memberOf("Senegal", "Aminata Diallo");
    morocco = await memberOf("Morocco", "Youssef Alaoui");
    kenya = await memberOf("Kenya", "Wanjiru Kamau");
    draftId = (
      await makeDraft(secretariat, "Decisions", [
        { clauseId: "a1", heading: "Protection", paragraphs: [["Border agencies shall respect non-refoulement at all times."]] },
        { clauseId: "a2", heading: "Data", paragraphs: [["Data shall be shared promptly. Records shall be kept for five years."]] },
        { clauseId: "a3", heading: "Training", paragraphs: [["Officers shall be trained every year."]] },
        { clauseId: "a4", heading: "Reception", paragraphs: [["Reception centres shall be open to inspectors."]] },
        { clauseId: "a5", heading: "Obsolete", paragraphs: [["This article is obsolete."]] },
        { clauseId: "a6", heading: "Review", paragraphs: [["The Charter shall be reviewed."]] },
        { clauseId: "a7", heading: "Final", paragraphs: [["Final provisions."]] },
        { clauseId: "a8", heading: "Sources", paragraphs: [["States shall share data ", { cite: CITE }, " and publish statistics yearly."], ["Second paragraph."]] },
        { clauseId: "a9", heading: "Rights", paragraphs: [["Old body."]] },
        { clauseId: "a10", heading: "Moving", paragraphs: [["This article moves up before the decision."]] },
        { clauseId: "a11", heading: "Race", paragraphs: [["Two chairs decide at once."]] },
      ])
    ).id;
    collab = await startCollab();
    client = await connectAs(collab, senegal, draftId);
    await waitForSync(client);
  });
  afterAll(async () => {
    client.destroy();
    await collab.stop();
  });

  it("accepting a passage amendment changes the live text for a connected client and in /clauses, names a version after it, notifies and audits", async () => {
    const am = await createAmendment(senegal, draftId, {
      clauseId: "a1", op: "MOD", anchor: anchorIn(client.doc, "a1", "at all times"), proposedText: "in all circumstances", rationale: "Stronger.", submit: true,
    });
    await cosponsorAmendment(morocco, am.id);
    expect(overTheWire(amendmentSchema, await getAmendment(viewer, am.id))).toMatchObject({ base: "at all times", current: "at all times", outdated: false, group: null });

    await expect(updateAmendment(senegal, am.id, { status: "accepted" })).rejects.toMatchObject({ code: "forbidden" });
    const decided = overTheWire(
      amendmentSchema,
      await updateAmendment(chair, am.id, { status: "accepted", observation: "Agreed by consensus.", reading: "First reading, 12 March" }),
    );
    expect(decided).toMatchObject({
      status: "accepted",
      outdated: false,
      decision: { by: "Chair Person", observation: "Agreed by consensus.", reading: "First reading, 12 March" },
    });

    await waitFor(() => clauseText(client.doc, "a1") === "Border agencies shall respect non-refoulement in all circumstances.", 5000, "accepted text live");
    expect(readClauses(client.doc).map((c) => c.clauseId)).toEqual(ALL);
    expect(readClauses(client.doc)[0].heading).toBe("Protection");
    await waitFor(async () => (await listClauses(viewer, draftId)).find((c) => c.clauseId === "a1")?.text === "Border agencies shall respect non-refoulement in all circumstances.", 5000, "clause index");

    const versions = overTheWire(versionListSchema, await listVersions(viewer, draftId));
    expect(versions[0].name).toBe("AM-001 (Senegal) accepted");
    expect(versions[0].amendment).toEqual({ id: am.id, number: "AM-001", delegation: "Senegal" });
    const history = overTheWire(clauseHistorySchema, await clauseHistory(viewer, draftId, "a1"));
    expect(history.at(-1)).toMatchObject({ text: "Border agencies shall respect non-refoulement in all circumstances.", amendments: [{ number: "AM-001", delegation: "Senegal", status: "accepted" }] });
    const comparison = overTheWire(comparisonSchema, await compareVersions(viewer, draftId, { from: versions[1].id, to: versions[0].id }));
    expect(comparison.amendments).toEqual({ a1: [{ number: "AM-001", delegation: "Senegal", status: "accepted", at: expect.any(String) }] });

    for (const who of [senegal, morocco]) {
      const notes = await listNotifications(who);
      expect(notes.filter((n) => n.type === "amendment_decided")).toEqual([
        expect.objectContaining({ read: false, data: expect.objectContaining({ amendmentId: am.id, number: "AM-001", status: "accepted", draftId }) }),
      ]);
    }
    expect((await listNotifications(kenya)).filter((n) => n.type === "amendment_decided")).toEqual([]);
    const audit = await db().auditLog.findMany({ where: { action: "amendment.decide", data: { contains: am.id } }, select: { actorId: true, data: true } });
    expect(audit).toEqual([expect.objectContaining({ actorId: chair.id, data: expect.stringContaining('"status":"accepted"') })]);
    // decided is final
    await expect(updateAmendment(chair, am.id, { status: "not_accepted" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("a concurrent edit inside the passage makes the amendment outdated (409, text unchanged); an edit elsewhere in the article does not", async () => {
    const inside = await createAmendment(senegal, draftId, {
      clauseId: "a2", op: "MOD", anchor: anchorIn(client.doc, "a2", "shared promptly"), proposedText: "shared without delay", rationale: "Clarity.", submit: true,
    });
    const elsewhere = await createAmendment(morocco, draftId, {
      clauseId: "a2", op: "MOD", anchor: anchorIn(client.doc, "a2", "five years"), proposedText: "ten years", rationale: "Longer.", submit: true,
    });
    const text = firstText(client.doc, "a2");
    text.insert(text.toString().indexOf("promptly"), "very ");
    text.insert(text.length, " Copies are free.");
    await waitFor(async () => (await getAmendment(viewer, inside.id)).outdated, 5000, "outdated");
    const list = overTheWire(amendmentListSchema, await listAmendments(viewer, draftId, { clauseId: "a2" }));
    expect(list.find((a) => a.id === inside.id)).toMatchObject({ outdated: true, base: "shared promptly", current: "shared very promptly", group: null });
    expect(list.find((a) => a.id === elsewhere.id)).toMatchObject({ outdated: false, base: "five years", current: "five years", group: null });

    await expect(updateAmendment(chair, inside.id, { status: "accepted" })).rejects.toMatchObject({ code: "outdated" });
    expect((await getAmendment(viewer, inside.id)).status).toBe("submitted");
    expect(clauseText(client.doc, "a2")).toBe("Data shall be shared very promptly. Records shall be kept for five years. Copies are free.");

    await updateAmendment(secretariat, elsewhere.id, { status: "accepted" });
    await waitFor(() => clauseText(client.doc, "a2") === "Data shall be shared very promptly. Records shall be kept for ten years. Copies are free.", 5000, "applied beside the edit");
    // The outdated one may still be declined.
    expect((await updateAmendment(chair, inside.id, { status: "not_accepted", observation: "Overtaken." })).status).toBe("not_accepted");
  });

  it("alternatives on one passage share a group; accepting one closes the others as not retained", async () => {
    const a = await createAmendment(senegal, draftId, { clauseId: "a3", op: "MOD", anchor: anchorIn(client.doc, "a3", "every year"), proposedText: "twice a year", rationale: "More.", submit: true });
    const b = await createAmendment(morocco, draftId, { clauseId: "a3", op: "MOD", anchor: anchorIn(client.doc, "a3", "every year"), proposedText: "every two years", rationale: "Less.", submit: true });
    const whole = await createAmendment(kenya, draftId, { clauseId: "a3", op: "NOC", rationale: "Keep it.", submit: true });
    const list = overTheWire(amendmentListSchema, await listAmendments(viewer, draftId, { clauseId: "a3" }));
    expect(list.map((x) => x.group)).toEqual([a.id, a.id, a.id]);

    // One under consideration at a time: the previous one goes back to submitted.
    expect((await updateAmendment(chair, a.id, { status: "under_consideration" })).status).toBe("under_consideration");
    expect((await updateAmendment(chair, b.id, { status: "under_consideration" })).status).toBe("under_consideration");
    expect((await getAmendment(viewer, a.id)).status).toBe("submitted");

    await updateAmendment(chair, b.id, { status: "accepted", reading: "Second reading" });
    await waitFor(() => clauseText(client.doc, "a3") === "Officers shall be trained every two years.", 5000, "alternative applied");
    const closedA = await getAmendment(viewer, a.id);
    const closedWhole = await getAmendment(viewer, whole.id);
    for (const closed of [closedA, closedWhole]) {
      expect(closed).toMatchObject({ status: "not_accepted", group: null, decision: { observation: `Not retained: ${b.number} accepted` } });
    }
    expect((await listNotifications(senegal)).some((n) => n.type === "amendment_decided" && n.data.amendmentId === a.id && n.data.status === "not_accepted")).toBe(true);
  });

  it("a compromise text supersedes the amendments it names", async () => {
    const d = await createAmendment(senegal, draftId, { clauseId: "a4", op: "MOD", anchor: anchorIn(client.doc, "a4", "open to inspectors"), proposedText: "open to independent inspectors", rationale: "Independence.", submit: true });
    const e = await createAmendment(morocco, draftId, { clauseId: "a4", op: "MOD", anchor: anchorIn(client.doc, "a4", "open to inspectors"), proposedText: "open to national inspectors", rationale: "Sovereignty.", submit: true });
    const compromise = { clauseId: "a4", op: "MOD", anchor: anchorIn(client.doc, "a4", "open to inspectors"), proposedText: "open to independent national inspectors", rationale: "Compromise.", submit: true, supersedes: [d.id, e.id] };
    await expect(createAmendment(kenya, draftId, compromise)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createAmendment(chair, draftId, { ...compromise, supersedes: [d.id, "nope"] })).rejects.toMatchObject({ code: "invalid" });
    const c = overTheWire(amendmentSchema, await createAmendment(chair, draftId, compromise));
    expect(c.supersedes.sort()).toEqual([d.id, e.id].sort());

    await updateAmendment(chair, c.id, { status: "accepted" });
    await waitFor(() => clauseText(client.doc, "a4") === "Reception centres shall be open to independent national inspectors.", 5000, "compromise applied");
    for (const id of [d.id, e.id]) expect((await getAmendment(viewer, id)).status).toBe("superseded");
  });

  it("SUP removes a whole article and ADD inserts a new one after an article, for connected clients and in /clauses", async () => {
    const sup = await createAmendment(kenya, draftId, { clauseId: "a5", op: "SUP", rationale: "Obsolete.", submit: true });
    const add = await createAmendment(senegal, draftId, { clauseId: "a6", op: "ADD", proposedText: "Reviews shall be public.\n\nDelegations may attend.", rationale: "Transparency.", submit: true });
    await updateAmendment(chair, sup.id, { status: "accepted" });
    await updateAmendment(chair, add.id, { status: "accepted" });
    await waitFor(() => !readClauses(client.doc).some((c) => c.clauseId === "a5") && readClauses(client.doc).length === ALL.length, 5000, "SUP and ADD live");
    const clauses = readClauses(client.doc);
    const review = clauses.findIndex((c) => c.clauseId === "a6");
    expect(clauses[review + 1].text).toBe("Reviews shall be public.\nDelegations may attend.");
    expect(clauses[review + 2].clauseId).toBe("a7");
    await waitFor(async () => {
      const index = await listClauses(viewer, draftId);
      return !index.some((c) => c.clauseId === "a5") && index.some((c) => c.text === "Reviews shall be public.\nDelegations may attend.");
    }, 5000, "clause index after SUP and ADD");
  });

  it("accepted_modified applies the modified text and keeps both; invalid transitions answer 409", async () => {
    const am = await createAmendment(senegal, draftId, { clauseId: "a7", op: "MOD", anchor: anchorIn(client.doc, "a7", "Final provisions"), proposedText: "Closing provisions", rationale: "Style.", submit: true });
    await expect(updateAmendment(chair, am.id, { status: "accepted_modified" })).rejects.toMatchObject({ code: "invalid" });
    await expect(updateAmendment(chair, am.id, { status: "superseded" })).rejects.toMatchObject({ code: "conflict" });
    await expect(updateAmendment(kenya, am.id, { status: "deferred" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await updateAmendment(chair, am.id, { status: "deferred", observation: "Wait for the legal opinion." })).toMatchObject({ status: "deferred", decision: { observation: "Wait for the legal opinion." } });
    // back to the list, and deferred again
    expect(await updateAmendment(chair, am.id, { status: "submitted" })).toMatchObject({ status: "submitted", decision: null });
    await expect(updateAmendment(senegal, am.id, { status: "submitted" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await updateAmendment(chair, am.id, { status: "deferred" })).status).toBe("deferred");
    await expect(updateAmendment(chair, am.id, { status: "accepted" })).rejects.toMatchObject({ code: "conflict" });
    expect(await updateAmendment(chair, am.id, { status: "under_consideration" })).toMatchObject({ status: "under_consideration", decision: null });
    const decided = overTheWire(amendmentSchema, await updateAmendment(chair, am.id, { status: "accepted_modified", modifiedText: "General and final provisions" }));
    expect(decided).toMatchObject({ status: "accepted_modified", proposedText: "Closing provisions", modifiedText: "General and final provisions" });
    await waitFor(() => clauseText(client.doc, "a7") === "General and final provisions.", 5000, "modified text live");

    const privateDraft = await createAmendment(senegal, draftId, { clauseId: "a7", op: "NOC", rationale: "Keep." });
    await expect(updateAmendment(chair, privateDraft.id, { status: "accepted" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("a passage replaced by two paragraphs splits its paragraph and keeps the citation beside it; ADD on a passage adds paragraphs after it", async () => {
    const mod = await createAmendment(senegal, draftId, {
      clauseId: "a8", op: "MOD", anchor: anchorIn(client.doc, "a8", "States shall share data"), proposedText: "States shall protect data.\n\nThey shall share it", rationale: "Privacy first.", submit: true,
    });
    await updateAmendment(chair, mod.id, { status: "accepted" });
    await waitFor(() => clauseText(client.doc, "a8")?.startsWith("States shall protect data.\n"), 5000, "split paragraph live");
    const a8 = readClauses(client.doc).find((c) => c.clauseId === "a8")!;
    expect(a8.text).toBe("States shall protect data.\nThey shall share it [MKH23-CON-05] and publish statistics yearly.\nSecond paragraph.");
    expect(a8.citations).toEqual([CITE]);
    expect(a8.heading).toBe("Sources");

    const add = await createAmendment(morocco, draftId, {
      clauseId: "a8", op: "ADD", anchor: anchorIn(client.doc, "a8", "States shall protect data."), proposedText: "Data shall be minimised.", rationale: "Minimisation.", submit: true,
    });
    await updateAmendment(chair, add.id, { status: "accepted" });
    await waitFor(() => clauseText(client.doc, "a8") === "States shall protect data.\nData shall be minimised.\nThey shall share it [MKH23-CON-05] and publish statistics yearly.\nSecond paragraph.", 5000, "ADD after the passage's paragraph");
  });

  it("a whole-article MOD given as ProseMirror JSON replaces the body and keeps the heading and the clause id", async () => {
    const proposedDoc = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Everyone has the right " }, { type: "text", text: "to seek asylum", marks: [{ type: "bold" }] }, { type: "text", text: "." }] },
        { type: "paragraph", content: [{ type: "text", text: "No one shall be returned." }] },
      ],
    };
    const am = await createAmendment(kenya, draftId, { clauseId: "a9", op: "MOD", proposedDoc, rationale: "Rights.", submit: true });
    expect((await getAmendment(viewer, am.id)).base).toBe("Old body.");
    await updateAmendment(chair, am.id, { status: "accepted" });
    await waitFor(() => clauseText(client.doc, "a9") === "Everyone has the right to seek asylum.\nNo one shall be returned.", 5000, "JSON body live");
    expect(readClauses(client.doc).find((c) => c.clauseId === "a9")?.heading).toBe("Rights");
  });

  it("an article moved after submission (carried as new content) keeps its amendment current and applicable", async () => {
    const am = await createAmendment(senegal, draftId, {
      clauseId: "a10", op: "MOD", anchor: anchorIn(client.doc, "a10", "moves up"), proposedText: "is moved up", rationale: "Grammar.", submit: true,
    });
    moveUp(client.doc, "a10");
    await waitFor(async () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, collab.server.liveState(draftId)!);
      const ids = readClauses(doc).map((c) => c.clauseId);
      doc.destroy();
      return ids.indexOf("a10") < ids.indexOf("a9");
    }, 5000, "move reached the server");
    expect(await getAmendment(viewer, am.id)).toMatchObject({ outdated: false, base: "moves up", current: "moves up" });
    await updateAmendment(chair, am.id, { status: "accepted" });
    await waitFor(() => clauseText(client.doc, "a10") === "This article is moved up before the decision.", 5000, "applied in the moved article");
  });

  it("two alternatives accepted at the same moment: one is applied, the other refused (409) and closed", async () => {
    const x = await createAmendment(senegal, draftId, { clauseId: "a11", op: "MOD", anchor: anchorIn(client.doc, "a11", "at once"), proposedText: "together", rationale: "X.", submit: true });
    const y = await createAmendment(morocco, draftId, { clauseId: "a11", op: "MOD", anchor: anchorIn(client.doc, "a11", "at once"), proposedText: "in turn", rationale: "Y.", submit: true });
    const results = await Promise.allSettled([updateAmendment(chair, x.id, { status: "accepted" }), updateAmendment(secretariat, y.id, { status: "accepted" })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    await waitFor(() => ["Two chairs decide together.", "Two chairs decide in turn."].includes(clauseText(client.doc, "a11") ?? ""), 5000, "one applied");
    const statuses = [(await getAmendment(viewer, x.id)).status, (await getAmendment(viewer, y.id)).status].sort();
    expect(statuses).toEqual(["accepted", "not_accepted"]);
  });
});
