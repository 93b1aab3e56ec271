// Amendment exports read back as a client would: the DOCX unzipped and its XML parsed (revisions,
// comments, the table), the CSV parsed by RFC 4180 rules. Real SQLite, amendments made through
// the domain; decided states recorded through the repository (deciding is another branch's work).
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { unzipSync, strFromU8 } from "fflate";
import { JSDOM } from "jsdom";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft, memberOf } from "../helpers/factories";
import { replaceInLiveText } from "../helpers/live-text";
import { cosponsorAmendment, createAmendment, updateAmendment, withdrawAmendment, type AmendmentDto } from "@/server/domain/amendments";
import { applyDraftChange, currentDraftState } from "@/server/domain/live-documents";
import { type Actor } from "@/server/domain/actor";
import { exportDisposition, exportDraft } from "@/server/export";
import { anchorOnPassage } from "@/lib/comments/anchor";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { db } from "@/server/db/client";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NOW = new Date("2026-11-23T10:00:00Z");


async function anchor(draftId: string, clauseId: string, exact: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await currentDraftState(draftId));
  const found = anchorOnPassage(doc, clauseId, exact);
  doc.destroy();
  if (!found) throw new Error(`"${exact}" is not in ${clauseId}`);
  return found;
}


/** The chair's decision, through the same call as the session view. */
async function decide(amendment: AmendmentDto, by: Actor, status: string, observation: string, reading: string) {
  await updateAmendment(by, amendment.id, { status, observation, reading });
}

function xml(text: string): Document {
  const doc = new JSDOM(text, { contentType: "application/xml" }).window.document;
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  return doc;
}
function unzip(body: Buffer) {
  const files = unzipSync(new Uint8Array(body));
  const part = (name: string) => (files[name] ? xml(strFromU8(files[name])) : null);
  return { document: part("word/document.xml")!, comments: part("word/comments.xml"), settings: part("word/settings.xml")! };
}
const wAttr = (el: Element, name: string) => el.getAttributeNS(W, name);
const textOf = (el: Element) => [...el.getElementsByTagNameNS(W, el.localName === "del" ? "delText" : "t")].map((t) => t.textContent).join("");

/** Revisions of text (w:ins / w:del inside a paragraph), in document order; paragraph marks apart. */
function revisions(doc: Document) {
  const all = [...doc.getElementsByTagNameNS(W, "ins"), ...doc.getElementsByTagNameNS(W, "del")].sort((a, b) =>
    a.compareDocumentPosition(b) & 4 /* FOLLOWING */ ? -1 : 1,
  );
  const ofText = all.filter((el) => el.parentElement?.localName === "p");
  const marks = all.filter((el) => el.parentElement?.localName === "rPr" && el.parentElement.parentElement?.localName === "pPr");
  return {
    text: ofText.map((el) => ({ kind: el.localName, author: wAttr(el, "author"), text: textOf(el) })),
    elements: ofText,
    marks: marks.map((el) => ({ kind: el.localName, author: wAttr(el, "author") })),
  };
}

/** RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endField();
    else if (c === "\r" && text[i + 1] === "\n") {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else throw new Error(`unquoted character ${JSON.stringify(c)} at ${i}`);
  }
  if (field || row.length) throw new Error("the last record has no CRLF");
  return rows;
}

describe("amendment exports", () => {
  let secretariat: Actor, chair: Actor, viewer: Actor, observer: Actor;
  let senegal: Actor, morocco: Actor, tunisia: Actor;
  let draftId: string;
  const am: Record<string, AmendmentDto> = {};

  beforeAll(async () => {
    await useFreshDatabase();
    [secretariat, chair, viewer, observer] = await Promise.all([makeActor("secretariat"), makeActor("chair"), makeActor("viewer"), makeActor("observer")]);
    senegal = await memberOf("Senegal", "Aminata Diallo");
    morocco = await memberOf("Morocco", "Youssef Alaoui");
    tunisia = await memberOf("Tunisia", "Leila Ben Salah");
    draftId = (
      await makeDraft(secretariat, "Charte sur la gestion humanisée des frontières", [
        { clauseId: "c1", heading: "Protection", paragraphs: [["Border agencies shall respect the principle of non-refoulement at all times."]] },
        { clauseId: "c2", heading: "Cooperation", paragraphs: [["States shall cooperate. They shall share information."]] },
        { clauseId: "c3", heading: "Training", paragraphs: [["Officers shall receive training."], ["Training shall include human rights."]] },
        { clauseId: "c4", heading: "Reception", paragraphs: [["Reception centres shall be open. This sentence will be deleted later."]] },
        { clauseId: "c5", heading: "Data", paragraphs: [["Personal data shall be protected."]] },
      ])
    ).id;
    const propose = async (who: Actor, input: Record<string, unknown>) => createAmendment(who, draftId, { submit: true, ...input });
    am[1] = await propose(senegal, { clauseId: "c1", op: "MOD", anchor: await anchor(draftId, "c1", "at all times"), proposedText: "in all circumstances", rationale: "Stronger wording." });
    am[1] = await cosponsorAmendment(morocco, am[1].id);
    am[2] = await propose(morocco, { clauseId: "c2", op: "SUP", anchor: await anchor(draftId, "c2", "They shall share information."), rationale: "Covered elsewhere." });
    am[3] = await propose(tunisia, { clauseId: "c2", op: "ADD", anchor: await anchor(draftId, "c2", "States shall cooperate."), proposedText: "They shall act in good faith.", rationale: "+ more trust between States" });
    am[4] = await propose(senegal, { clauseId: "c5", op: "NOC", type: "ge", anchor: await anchor(draftId, "c5", "Personal data shall be protected."), rationale: "Agreed language." });
    am[5] = await propose(morocco, { clauseId: "c3", op: "MOD", proposedText: "Officers shall be trained in human rights.\n\nTraining shall be continuous.", rationale: "Simpler." });
    am[6] = await propose(tunisia, { clauseId: "c4", op: "MOD", anchor: await anchor(draftId, "c4", "will be deleted later"), proposedText: "stays", rationale: "Keep the sentence." });
    am[7] = await propose(morocco, { clauseId: "c1", op: "MOD", anchor: await anchor(draftId, "c1", "at all times"), proposedText: "always", rationale: "Shorter." });
    am[8] = await propose(tunisia, { clauseId: "c2", op: "NOC", rationale: "Keep." });
    am[8] = await withdrawAmendment(tunisia, am[8].id);
    am[9] = await propose(senegal, { clauseId: "c5", op: "MOD", type: "ed", anchor: await anchor(draftId, "c5", "protected"), proposedText: "safeguarded", rationale: 'Protects "réfugiés", and others.\nSecond line' });
    await decide(am[9], chair, "not_accepted", '=HYPERLINK("http://evil.example","click")', "First reading, 12 March");
    am[10] = await propose(morocco, { clauseId: "c5", op: "ADD", anchor: await anchor(draftId, "c5", "protected"), proposedText: "at all stages", rationale: "Completeness." });
    await decide(am[10], chair, "deferred", "To the second reading.", "First reading, 12 March");
    // A private draft: never exported, not even to its sponsor.
    await createAmendment(senegal, draftId, { clauseId: "c1", op: "NOC", rationale: "PRIVATE-DRAFT-MARKER" });
    await replaceInLiveText(draftId, " This sentence will be deleted later.", "", secretariat);
  });

  it("tracked-changes DOCX: one w:del / w:ins per open amendment, by its sponsoring delegation, dated at submission", async () => {
    const file = await exportDraft(viewer, draftId, { format: "docx", amendments: "tracked" }, NOW);
    expect(file.filename).toBe("Charte-sur-la-gestion-humanisee-des-frontieres-amendments.docx");
    const { document, comments, settings } = unzip(file.body);
    const found = revisions(document);
    expect(found.text).toEqual([
      // AM-001 MOD: the passage deleted, the proposal inserted after it
      { kind: "del", author: "Senegal", text: "at all times" },
      { kind: "ins", author: "Senegal", text: "in all circumstances" },
      // AM-003 ADD after its passage, AM-002 SUP of the next sentence
      { kind: "ins", author: "Tunisia", text: "They shall act in good faith." },
      { kind: "del", author: "Morocco", text: "They shall share information." },
      // AM-005 MOD of the whole article: its paragraphs replaced by the proposal's
      { kind: "del", author: "Morocco", text: "Officers shall receive training." },
      { kind: "del", author: "Morocco", text: "Training shall include human rights." },
      { kind: "ins", author: "Morocco", text: "Officers shall be trained in human rights." },
      { kind: "ins", author: "Morocco", text: "Training shall be continuous." },
      // AM-010 ADD after its passage: deferred is postponed, not decided, so still open
      { kind: "ins", author: "Morocco", text: "at all stages" },
    ]);
    // Whole paragraphs go with their paragraph marks (accepting in Word leaves no empty line).
    expect(found.marks).toEqual([
      { kind: "del", author: "Morocco" },
      { kind: "del", author: "Morocco" },
      { kind: "ins", author: "Morocco" },
      { kind: "ins", author: "Morocco" },
    ]);
    const dateOf = (a: AmendmentDto) => new Date(a.submittedAt!).toISOString().replace(/\.\d{3}Z$/, "Z");
    expect(found.elements.map((el) => wAttr(el, "date"))).toEqual([1, 1, 3, 2, 5, 5, 5, 5, 10].map((n) => dateOf(am[n])));
    const ids = [...document.querySelectorAll("*")].filter((el) => el.namespaceURI === W && (el.localName === "ins" || el.localName === "del")).map((el) => wAttr(el, "id"));
    expect(new Set(ids).size).toBe(ids.length);
    expect(settings.getElementsByTagNameNS(W, "trackRevisions")).toHaveLength(1);

    // Every amendment shown has a Word comment by its sponsor naming it (NOC: the comment only).
    const notes = [...comments!.getElementsByTagNameNS(W, "comment")].map((c) => ({ author: wAttr(c, "author"), text: c.textContent! }));
    expect(notes.map((n) => [n.author, n.text.slice(0, 6)])).toEqual([
      ["Senegal", "AM-001"],
      ["Tunisia", "AM-003"],
      ["Morocco", "AM-002"],
      ["Morocco", "AM-005"],
      ["Senegal", "AM-004"],
      ["Morocco", "AM-010"],
    ]);
    expect(notes[0].text).toContain("Senegal; co-sponsors: Morocco");
    expect(notes[4].text).toContain("NOC");
    expect(document.getElementsByTagNameNS(W, "commentRangeStart")).toHaveLength(6);
    expect(document.getElementsByTagNameNS(W, "commentRangeEnd")).toHaveLength(6);

    // Not shown in the text: a passage that is gone, an alternative on a passage already amended.
    const body = document.documentElement.textContent!;
    const annex = body.slice(body.indexOf("Annex — Open amendments not shown in the text"));
    expect(annex).toMatch(/AM-006 · MOD \(te\) — Tunisia — Art\. 4The passage it amends is no longer in the text\./);
    expect(annex).toMatch(/AM-007 · MOD \(te\) — Morocco — Art\. 1Alternative to AM-001, which is shown in the text\./);
    expect(annex).toContain("Proposed text: always");
    // Decided, withdrawn and private ones are not open amendments.
    for (const absent of ["AM-008", "AM-009", "PRIVATE-DRAFT-MARKER"]) expect(body).not.toContain(absent);
    expect(body).toContain("Reception centres shall be open.");
  });

  it("whole articles: SUP deletes number, heading and body; ADD appends inserted paragraphs", async () => {
    const other = (
      await makeDraft(secretariat, "Whole articles", [
        { clauseId: "w1", heading: "Sunset", paragraphs: [["This Charter lapses in 2030."]] },
        { clauseId: "w2", heading: "Review", paragraphs: [["The committee reviews the Charter."]] },
      ])
    ).id;
    await createAmendment(tunisia, other, { clauseId: "w1", op: "SUP", rationale: "No sunset.", submit: true });
    await createAmendment(senegal, other, { clauseId: "w2", op: "ADD", proposedText: "Every two years.\n\nWith observers.", rationale: "Rhythm.", submit: true });
    const { document } = unzip((await exportDraft(viewer, other, { format: "docx", amendments: "tracked" }, NOW)).body);
    const found = revisions(document);
    expect(found.text).toEqual([
      { kind: "del", author: "Tunisia", text: "Article 1 — " },
      { kind: "del", author: "Tunisia", text: "Sunset" },
      { kind: "del", author: "Tunisia", text: "This Charter lapses in 2030." },
      { kind: "ins", author: "Senegal", text: "Every two years." },
      { kind: "ins", author: "Senegal", text: "With observers." },
    ]);
    expect(found.marks).toEqual([
      { kind: "del", author: "Tunisia" },
      { kind: "del", author: "Tunisia" },
      { kind: "ins", author: "Senegal" },
      { kind: "ins", author: "Senegal" },
    ]);
    // The added paragraphs come after the article's own text.
    const paragraphs = [...document.getElementsByTagNameNS(W, "p")].map((p) => p.textContent);
    const at = paragraphs.indexOf("The committee reviews the Charter.");
    expect(paragraphs.slice(at + 1, at + 3)).toEqual(["Every two years.", "With observers."]);
  });

  it("a passage edited since the proposal is deleted as it reads now (the anchor's range moves with edits)", async () => {
    const other = (await makeDraft(secretariat, "Edited", [{ clauseId: "e1", heading: "Access", paragraphs: [["Lawyers shall have access at all times to detained persons."]] }])).id;
    await createAmendment(senegal, other, { clauseId: "e1", op: "SUP", anchor: await anchor(other, "e1", "at all times"), rationale: "Too broad.", submit: true });
    await applyDraftChange(
      other,
      (state) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, state);
        const before = Y.encodeStateVector(doc);
        const text = ((doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText;
        text.insert(text.toString().indexOf(" times"), " the");
        return Y.encodeStateAsUpdate(doc, before);
      },
      secretariat.id,
    );
    const { document } = unzip((await exportDraft(viewer, other, { format: "docx", amendments: "tracked" }, NOW)).body);
    expect(revisions(document).text).toEqual([{ kind: "del", author: "Senegal", text: "at all the times" }]);
  });

  it("the clean DOCX of the same draft has no revisions and no amendment comments", async () => {
    const { document, comments } = unzip((await exportDraft(viewer, draftId, { format: "docx" }, NOW)).body);
    expect(revisions(document).text).toEqual([]);
    expect(comments?.getElementsByTagNameNS(W, "comment").length ?? 0).toBe(0);
    expect(document.documentElement.textContent).toContain("Article 1 — Protection");
  });

  it("CSV: one RFC 4180 row per submitted amendment, UTF-8 with BOM, formula cells guarded", async () => {
    const file = await exportDisposition(viewer, draftId, { format: "csv" }, NOW);
    expect(file.filename).toBe("Charte-sur-la-gestion-humanisee-des-frontieres-disposition.csv");
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(file.body.subarray(3).toString("utf8"));
    expect(header).toEqual(["No.", "Delegation(s)", "Article/para.", "Type", "Op.", "Proposed change", "Justification", "Decision", "Observation", "Reading"]);
    expect(rows.map((r) => r[0])).toEqual(["AM-001", "AM-002", "AM-003", "AM-004", "AM-005", "AM-006", "AM-007", "AM-008", "AM-009", "AM-010"]);
    const row = (n: string) => Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[0] === n)![i]]));
    expect(row("AM-001")).toMatchObject({ "Delegation(s)": "Senegal, Morocco", "Article/para.": "Art. 1, para. 1", Type: "te", "Op.": "MOD", "Proposed change": "Replace “at all times” with: in all circumstances", Decision: "Submitted" });
    expect(row("AM-005")).toMatchObject({ "Article/para.": "Art. 3", "Proposed change": "Replace the article with: Officers shall be trained in human rights.\nTraining shall be continuous." });
    expect(row("AM-006")["Article/para."]).toBe("Art. 4");
    expect(row("AM-008").Decision).toBe("Withdrawn");
    expect(row("AM-009")).toMatchObject({
      Justification: 'Protects "réfugiés", and others.\nSecond line',
      Decision: "Not accepted",
      Observation: `'=HYPERLINK("http://evil.example","click")`,
      Reading: "First reading, 12 March",
    });
    expect(row("AM-003").Justification).toBe("'+ more trust between States");
    expect(row("AM-010")).toMatchObject({ Decision: "Deferred", Observation: "To the second reading." });
    expect(file.body.toString("utf8")).not.toContain("PRIVATE-DRAFT-MARKER");

    // Headers and values in the reader's language.
    const fr = parseCsv((await exportDisposition(viewer, draftId, { format: "csv", lang: "fr" }, NOW)).body.subarray(3).toString("utf8"));
    expect(fr[0].slice(0, 3)).toEqual(["N°", "Délégation(s)", "Article/par."]);
    expect(fr.find((r) => r[0] === "AM-009")![7]).toBe("Non retenu");
  });

  it("DOCX table: landscape, header row repeated, one row per submitted amendment", async () => {
    const file = await exportDisposition(observer, draftId, { format: "docx" }, NOW);
    expect(file.filename).toBe("Charte-sur-la-gestion-humanisee-des-frontieres-disposition.docx");
    const { document } = unzip(file.body);
    const size = document.getElementsByTagNameNS(W, "pgSz")[0];
    expect(wAttr(size, "orient")).toBe("landscape");
    expect(Number(wAttr(size, "w"))).toBeGreaterThan(Number(wAttr(size, "h")));
    const rows = [...document.getElementsByTagNameNS(W, "tr")];
    expect(rows).toHaveLength(11);
    expect(rows[0].getElementsByTagNameNS(W, "tblHeader")).toHaveLength(1);
    const cells = (tr: Element) => [...tr.getElementsByTagNameNS(W, "tc")].map((tc) => [...tc.getElementsByTagNameNS(W, "p")].map((p) => p.textContent).join("\n"));
    expect(cells(rows[0])[0]).toBe("No.");
    expect(cells(rows[9])).toEqual([
      "AM-009",
      "Senegal",
      "Art. 5, para. 1",
      "ed",
      "MOD",
      "Replace “protected” with: safeguarded",
      'Protects "réfugiés", and others.\nSecond line',
      "Not accepted",
      '=HYPERLINK("http://evil.example","click")',
      "First reading, 12 March",
    ]);
    expect(document.documentElement.textContent).not.toContain("PRIVATE-DRAFT-MARKER");
  });

  it("the private draft stays out even for its sponsor; the list's rules decide who may export", async () => {
    for (const format of ["csv", "docx"]) {
      const file = await exportDisposition(senegal, draftId, { format }, NOW);
      const text = format === "csv" ? file.body.toString("utf8") : unzip(file.body).document.documentElement.textContent!;
      expect(text).not.toContain("PRIVATE-DRAFT-MARKER");
    }
    const tracked = unzip((await exportDraft(senegal, draftId, { format: "docx", amendments: "tracked" }, NOW)).body);
    expect(tracked.document.documentElement.textContent).not.toContain("PRIVATE-DRAFT-MARKER");

    await expect(exportDisposition(null, draftId, { format: "csv" })).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(exportDraft(null, draftId, { format: "docx", amendments: "tracked" })).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(exportDisposition(viewer, "no-such-draft", { format: "csv" })).rejects.toMatchObject({ code: "not_found" });
    await expect(exportDraft(viewer, "no-such-draft", { format: "docx", amendments: "tracked" })).rejects.toMatchObject({ code: "not_found" });
    await expect(exportDisposition(viewer, draftId, { format: "xlsx" })).rejects.toMatchObject({ code: "invalid" });
    await expect(exportDraft(viewer, draftId, { format: "md", amendments: "tracked" })).rejects.toMatchObject({ code: "invalid" });
    expect(await db().auditLog.count({ where: { action: "amendment.export", actorId: viewer.id } })).toBeGreaterThanOrEqual(2);
  });
});
