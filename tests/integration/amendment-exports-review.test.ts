// Defects found reviewing the amendment exports, each reproduced on real SQLite through the
// domain and read back from the files as a client would (DOCX unzipped and parsed, CSV split).
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { unzipSync, strFromU8 } from "fflate";
import { JSDOM } from "jsdom";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft, memberOf } from "../helpers/factories";
import { cosponsorAmendment, createAmendment, getAmendment, updateAmendment, withdrawAmendment } from "@/server/domain/amendments";
import { applyDraftChange, currentDraftState } from "@/server/domain/live-documents";
import { type Actor } from "@/server/domain/actor";
import { exportDisposition, exportDraft } from "@/server/export";
import { YDOC_FIELD } from "@/lib/editor/schema";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";


/** The Y.XmlText runs of an article's n-th body paragraph (citations apart). */
async function runsOf(draftId: string, clauseId: string, n: number) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await currentDraftState(draftId));
  const clause = doc.getXmlFragment(YDOC_FIELD).toArray().find((node) => node instanceof Y.XmlElement && node.getAttribute("clauseId") === clauseId) as Y.XmlElement;
  return (clause.get(1 + n) as Y.XmlElement).toArray().filter((c): c is Y.XmlText => c instanceof Y.XmlText);
}
const at = (text: Y.XmlText, index: number, assoc = 0) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index, assoc));

function documentOf(body: Buffer): Document {
  const text = strFromU8(unzipSync(new Uint8Array(body))["word/document.xml"]);
  return new JSDOM(text, { contentType: "application/xml" }).window.document;
}
/** Text revisions (w:ins / w:del inside a paragraph) in document order. */
function revisions(doc: Document) {
  return [...doc.getElementsByTagNameNS(W, "p")].flatMap((p) =>
    [...p.children]
      .filter((el) => el.localName === "ins" || el.localName === "del")
      .map((el) => ({ kind: el.localName, text: [...el.getElementsByTagNameNS(W, el.localName === "del" ? "delText" : "t")].map((t) => t.textContent).join("") })),
  );
}
const paragraphs = (doc: Document) => [...doc.getElementsByTagNameNS(W, "p")].map((p) => p.textContent ?? "");
const UNPLACED = "Annex — Open amendments not shown in the text";

describe("amendment exports review", () => {
  let secretariat: Actor, chair: Actor, viewer: Actor, senegal: Actor, morocco: Actor;

  beforeAll(async () => {
    await useFreshDatabase();
    [secretariat, chair, viewer] = await Promise.all([makeActor("secretariat"), makeActor("chair"), makeActor("viewer")]);
    senegal = await memberOf("Senegal", "Aminata Diallo");
    morocco = await memberOf("Morocco", "Youssef Alaoui");
  });

  it("a passage across a citation or across paragraphs is placed where its positions are (tracked DOCX and disposition table), not in the annex", async () => {
    const draftId = (
      await makeDraft(secretariat, "Positions", [
        { clauseId: "p1", heading: "Sources", paragraphs: [["States shall share data ", { cite: { sourceItemId: "item-1", key: "MKH23-CON-05" } }, " and publish it."]] },
        { clauseId: "p2", heading: "Scope", paragraphs: [["This Charter applies to all States."], ["It binds every agency of a State."]] },
      ])
    ).id;
    const [before, after] = await runsOf(draftId, "p1", 0);
    // As the editor quotes it: ProseMirror's text of the selection, where a citation reads "".
    const acrossCitation = { clauseId: "p1", start: at(before, "States ".length), end: at(after, " and publish".length, -1), prefix: "States ", exact: "shall share data  and publish", suffix: " it." };
    await createAmendment(senegal, draftId, { clauseId: "p1", op: "MOD", anchor: acrossCitation, proposedText: "may publish", rationale: "Softer.", submit: true });
    const [first] = await runsOf(draftId, "p2", 0);
    const [second] = await runsOf(draftId, "p2", 1);
    const acrossParagraphs = { clauseId: "p2", start: at(first, "This Charter applies to ".length), end: at(second, "It binds".length, -1), prefix: "This Charter applies to ", exact: "all States.\nIt binds", suffix: " every agency of a State." };
    await createAmendment(morocco, draftId, { clauseId: "p2", op: "MOD", anchor: acrossParagraphs, proposedText: "all Member States and binds", rationale: "Precision.", submit: true });

    const document = documentOf((await exportDraft(viewer, draftId, { format: "docx", amendments: "tracked" })).body);
    expect(revisions(document)).toEqual([
      // What acceptance would replace: the characters on both sides of the citation, and the citation.
      { kind: "del", text: "shall share data " },
      { kind: "del", text: "[MKH23-CON-05]" },
      { kind: "del", text: " and publish" },
      { kind: "ins", text: "may publish" },
      { kind: "del", text: "all States." },
      { kind: "del", text: "It binds" },
      { kind: "ins", text: "all Member States and binds" },
    ]);
    expect(document.documentElement.textContent).not.toContain(UNPLACED);

    const csv = (await exportDisposition(viewer, draftId, { format: "csv" })).body.subarray(3).toString("utf8");
    const rows = csv.trim().split("\r\n").map((line) => line.slice(1, -1).split('","'));
    expect(rows.slice(1).map((r) => [r[0], r[2]])).toEqual([
      ["AM-001", "Art. 1, para. 1"],
      ["AM-002", "Art. 2, para. 1–2"],
    ]);
  });

  it("a passage whose positions no longer resolve goes to the annex even when its quote is still in the text", async () => {
    const draftId = (await makeDraft(secretariat, "Gone", [{ clauseId: "g1", heading: "Access", paragraphs: [["Lawyers shall have access. Lawyers shall have access."]] }])).id;
    const [text] = await runsOf(draftId, "g1", 0);
    const anchor = { clauseId: "g1", start: at(text, 0), end: at(text, "Lawyers shall have access.".length, -1), prefix: "", exact: "Lawyers shall have access.", suffix: " Lawyers shall have access." };
    await createAmendment(senegal, draftId, { clauseId: "g1", op: "SUP", anchor, rationale: "Repeated.", submit: true });
    // The first sentence deleted in the live text: the second one reads the same but is not the passage.
    await applyDraftChange(
      draftId,
      (state) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, state);
        const before = Y.encodeStateVector(doc);
        const clause = doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement;
        ((clause.get(1) as Y.XmlElement).get(0) as Y.XmlText).delete(0, "Lawyers shall have access. ".length);
        return Y.encodeStateAsUpdate(doc, before);
      },
      secretariat.id,
    );
    const document = documentOf((await exportDraft(viewer, draftId, { format: "docx", amendments: "tracked" })).body);
    expect(revisions(document)).toEqual([]);
    expect(document.documentElement.textContent).toContain(UNPLACED);
  });

  it("a whole-article ADD 'before' is drawn before the article, as acceptance inserts it", async () => {
    const draftId = (
      await makeDraft(secretariat, "Before", [
        { clauseId: "w1", heading: "Sunset", paragraphs: [["This Charter lapses in 2030."]] },
        { clauseId: "w2", heading: "Review", paragraphs: [["The committee reviews the Charter."]] },
      ])
    ).id;
    await createAmendment(senegal, draftId, { clauseId: "w2", op: "ADD", position: "before", proposedText: "Reservations are not permitted.", rationale: "Integrity.", submit: true });
    const text = paragraphs(documentOf((await exportDraft(viewer, draftId, { format: "docx", amendments: "tracked" })).body));
    const added = text.indexOf("Reservations are not permitted.");
    expect(added).toBeGreaterThan(text.indexOf("This Charter lapses in 2030."));
    expect(added).toBeLessThan(text.indexOf("Article 2 — Review"));
  });

  it("a deferred amendment is postponed, not decided: its sponsor withdraws it, others co-sponsor it, the compilation shows it; the chair still cannot decide it without taking it up", async () => {
    const draftId = (await makeDraft(secretariat, "Deferred", [{ clauseId: "d1", heading: "Data", paragraphs: [["Personal data shall be protected."]] }])).id;
    const propose = () => createAmendment(senegal, draftId, { clauseId: "d1", op: "MOD", proposedText: "Personal data shall be safeguarded.", rationale: "Wording.", submit: true });
    const joined = await propose();
    await updateAmendment(chair, joined.id, { status: "deferred", observation: "To the second reading." });
    expect((await cosponsorAmendment(morocco, joined.id)).cosponsors.map((c) => c.delegation)).toEqual(["Morocco"]);

    const document = documentOf((await exportDraft(viewer, draftId, { format: "docx", amendments: "tracked" })).body);
    expect(revisions(document)).toEqual([
      { kind: "del", text: "Personal data shall be protected." },
      { kind: "ins", text: "Personal data shall be safeguarded." },
    ]);

    // Decisions still go through taking it up again.
    for (const status of ["accepted", "not_accepted"] as const) {
      await expect(updateAmendment(chair, joined.id, { status })).rejects.toMatchObject({ code: "conflict" });
    }
    expect((await getAmendment(chair, joined.id)).status).toBe("deferred");

    const withdrawn = await propose();
    await updateAmendment(chair, withdrawn.id, { status: "deferred" });
    await expect(withdrawAmendment(morocco, withdrawn.id)).rejects.toMatchObject({ code: "forbidden" });
    expect((await withdrawAmendment(senegal, withdrawn.id)).status).toBe("withdrawn");
    await expect(withdrawAmendment(senegal, withdrawn.id)).rejects.toMatchObject({ code: "conflict" });
  });
});
