// Exports of the bilingual Charter (issue 13 item 6): `text=en|fr|both` in every format, French
// typography in French text, Akoma Ntoso one document per language validated against the AKN 3.0
// schema. Real SQLite; the French text is typed into the live draft through the domain's port.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { unzipSync, strFromU8 } from "fflate";
import { JSDOM } from "jsdom";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft, memberOf } from "../helpers/factories";
import { writeLiveArticles } from "../helpers/live-text";
import { ensureMarrakeshImported } from "@/server/import/import-document";
import { searchSources } from "@/server/domain/sources";
import { createNamedVersion } from "@/server/domain/versions";
import { currentDraftState } from "@/server/domain/live-documents";
import { exportDisposition, exportDraft } from "@/server/export";
import { createAmendment } from "@/server/domain/amendments";
import { db } from "@/server/db/client";
import { AKN_NAMESPACE } from "@/server/export/akoma-ntoso";
import { closePdfBrowser } from "@/server/export/pdf";
import { readClauses } from "@/lib/editor/ydoc";
import { SYSTEM_ACTOR, type Actor } from "@/server/domain/actor";

const NOW = new Date("2026-11-23T10:00:00Z");
const NNBSP = "\u202F";
const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const AKN_SCHEMA = path.resolve(__dirname, "../schemas/akn/akomantoso30.xsd");

function xml(text: string): Document {
  const doc = new JSDOM(text, { contentType: "application/xml" }).window.document;
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  return doc;
}

/** xmllint's verdict on an Akoma Ntoso file against the OASIS schema ("" when valid). */
function schemaErrors(akn: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "charter-akn-"));
  const file = path.join(dir, "export.akn.xml");
  writeFileSync(file, akn);
  try {
    execFileSync("xmllint", ["--noout", "--schema", AKN_SCHEMA, file], { stdio: "pipe" });
    return "";
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

const aknMeta = (doc: Document) => {
  const expression = doc.getElementsByTagNameNS(AKN_NAMESPACE, "FRBRExpression")[0];
  const child = (name: string) => expression.getElementsByTagNameNS(AKN_NAMESPACE, name)[0];
  return {
    this: child("FRBRthis").getAttribute("value"),
    language: child("FRBRlanguage").getAttribute("language"),
    authoritative: child("FRBRauthoritative")?.getAttribute("value"),
    translation: child("FRBRtranslation") && { href: child("FRBRtranslation").getAttribute("href"), from: child("FRBRtranslation").getAttribute("fromLanguage") },
  };
};

describe("exports in English, French or both", () => {
  let secretariat: Actor, viewer: Actor;
  let draftId: string;

  beforeAll(async () => {
    await useFreshDatabase();
    await ensureMarrakeshImported(SYSTEM_ACTOR);
    [secretariat, viewer] = await Promise.all([makeActor("secretariat"), makeActor("viewer")]);
    const items = await searchSources(viewer, {});
    const item = items.find((i) => i.key === "MKH23-CON-01")!;
    draftId = (await makeDraft(secretariat, "Charter on Humanised Border Management", [
      { chapter: "Chapter I — Principles", chapterId: "ch-one" },
      { clauseId: "art-one", heading: "Respect for rights", paragraphs: [["Border management shall respect: the dignity of every migrant.", " ", { cite: { sourceItemId: item.id, key: item.key } }]] },
      { clauseId: "art-two", heading: "Screening", paragraphs: [["Agencies shall identify victims of trafficking at 12:40."]] },
    ])).id;
    await writeLiveArticles(
      draftId,
      "fr",
      {
        "ch-one": { chapter: "Chapitre I — Principes" },
        "art-one": { heading: "Respect des droits", paragraphs: ["La gestion des frontières respecte : la dignité de chaque migrant ; le principe de «non-refoulement» !"] },
        "art-two": { heading: "Contrôle", paragraphs: ["Les agences identifient les victimes de la traite à 12:40, voir http://example.org."] },
      },
      secretariat,
    );
  });
  afterAll(() => closePdfBrowser());

  const exportText = async (query: Record<string, string>) => (await exportDraft(viewer, draftId, query, NOW)).body.toString("utf8");

  it("text=fr Markdown holds the French text with narrow no-break spaces, labels in the UI language; the stored text keeps its spaces", async () => {
    const md = await exportText({ format: "md", text: "fr" });
    expect(md).toContain(`### Article 1 — Respect des droits`);
    expect(md).toContain(`La gestion des frontières respecte${NNBSP}: la dignité de chaque migrant${NNBSP}; le principe de «${NNBSP}non-refoulement${NNBSP}»${NNBSP}!`);
    expect(md).toContain("## Chapitre I — Principes");
    expect(md).toContain("à 12:40, voir http://example.org.");
    expect(md).not.toContain("Border management");
    expect(md).toContain("Version: Current text");
    expect(await exportText({ format: "md", text: "fr", lang: "fr" })).toContain("Projet de travail — texte non agréé");
    // Exports only: the live French text is as typed.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await currentDraftState(draftId));
    expect(readClauses(doc, "fr").find((c) => c.clauseId === "art-one")?.text).toContain("respecte : la dignité");
    doc.destroy();
  });

  it("English stays the default and keeps its typography", async () => {
    const md = await exportText({ format: "md" });
    expect(md).toContain("Border management shall respect: the dignity of every migrant.");
    expect(md).not.toContain("La gestion");
    expect(md).not.toContain(NNBSP);
  });

  it("a bad text value is a readable 400 (invalid) naming the choices", async () => {
    await expect(exportDraft(viewer, draftId, { format: "md", text: "de" })).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/text must be en, fr or both/) });
  });

  it("text=both DOCX sets English and French side by side: one table row per article, chapters across both columns", async () => {
    const file = await exportDraft(viewer, draftId, { format: "docx", text: "both" }, NOW);
    const document = xml(strFromU8(unzipSync(new Uint8Array(file.body))["word/document.xml"]));
    const textOf = (el: Element) => [...el.getElementsByTagNameNS(W, "t")].map((t) => t.textContent).join("");
    const rows = [...document.getElementsByTagNameNS(W, "tr")].map((tr) => [...tr.getElementsByTagNameNS(W, "tc")]);
    const cells = rows.map((row) => row.map(textOf));
    expect(cells[0]).toEqual(["English", "Français"]);
    const chapter = rows.find((row) => textOf(row[0]).includes("Chapter I — Principles"))!;
    expect(chapter).toHaveLength(1);
    expect(chapter[0].getElementsByTagNameNS(W, "gridSpan")[0].getAttributeNS(W, "val")).toBe("2");
    expect(textOf(chapter[0])).toContain("Chapitre I — Principes");
    const article = cells.find((row) => row[0].includes("Respect for rights"))!;
    expect(article[0]).toContain("Border management shall respect: the dignity of every migrant.");
    expect(article[1]).toContain("Article 1 — Respect des droits");
    expect(article[1]).toContain(`respecte${NNBSP}: la dignité`);
    expect(cells.find((row) => row[0].includes("Screening"))![1]).toContain("Les agences identifient");
  });

  it("text=both HTML and PDF: two columns, each cell in its language", async () => {
    const html = await exportText({ format: "html", text: "both" });
    const page = new JSDOM(html).window.document;
    const row = [...page.querySelectorAll("tr")].find((tr) => tr.textContent?.includes("Screening"))!;
    expect([...row.querySelectorAll("td")].map((td) => td.getAttribute("lang"))).toEqual(["en", "fr"]);
    expect(row.querySelectorAll("td")[1].textContent).toContain("Les agences identifient les victimes");
    expect(page.querySelector("tr.chapter td")?.getAttribute("colspan")).toBe("2");

    const file = await exportDraft(viewer, draftId, { format: "pdf", text: "both" }, NOW);
    const dir = mkdtempSync(path.join(tmpdir(), "charter-pdf-"));
    writeFileSync(path.join(dir, "x.pdf"), file.body);
    const pdfText = execFileSync("pdftotext", ["-layout", path.join(dir, "x.pdf"), "-"]).toString();
    expect(pdfText).toMatch(/Screening\s+.*Contrôle/);
  }, 60_000);

  it("text=both Markdown: each article's English text, then its French text, labelled", async () => {
    const md = await exportText({ format: "md", text: "both" });
    const article = md.slice(md.indexOf("### Article 2"), md.indexOf("## Annex"));
    expect(article).toMatch(/#### English — Screening\n\nAgencies shall identify[^\n]*\n\n#### Français — Contrôle\n\nLes agences identifient/);
  });

  it("Akoma Ntoso: one valid document per language, both authoritative, each pointing at the other", async () => {
    const en = await exportText({ format: "akn", text: "en" });
    const fr = await exportText({ format: "akn", text: "fr" });
    expect(schemaErrors(en)).toBe("");
    expect(schemaErrors(fr)).toBe("");
    const [enMeta, frMeta] = [aknMeta(xml(en)), aknMeta(xml(fr))];
    expect(enMeta).toMatchObject({ language: "eng", authoritative: "true" });
    expect(frMeta).toMatchObject({ language: "fra", authoritative: "true" });
    expect(enMeta.translation).toEqual({ href: frMeta.this, from: "fra" });
    expect(frMeta.translation).toEqual({ href: enMeta.this, from: "eng" });
    expect(xml(fr).getElementsByTagNameNS(AKN_NAMESPACE, "heading")[0].textContent).toBe("Chapitre I — Principes");
    expect(fr).toContain(`respecte${NNBSP}: la dignité`);
  });

  it("Akoma Ntoso with text=both is a zip of the two documents", async () => {
    const file = await exportDraft(viewer, draftId, { format: "akn", text: "both" }, NOW);
    expect(file.contentType).toBe("application/zip");
    expect(file.filename).toBe("Charter-on-Humanised-Border-Management-en-fr.akn.zip");
    const files = unzipSync(new Uint8Array(file.body));
    expect(Object.keys(files).sort()).toEqual(["Charter-on-Humanised-Border-Management-en.akn.xml", "Charter-on-Humanised-Border-Management-fr.akn.xml"]);
    const fr = strFromU8(files["Charter-on-Humanised-Border-Management-fr.akn.xml"]);
    expect(schemaErrors(fr)).toBe("");
    expect(aknMeta(xml(fr)).language).toBe("fra");
  });

  it("a version exports its own French text", async () => {
    const version = await createNamedVersion(secretariat, draftId, { name: "Draft 1" });
    await writeLiveArticles(draftId, "fr", { "art-two": { heading: "Contrôle", paragraphs: ["Texte modifié après la version."] } }, secretariat);
    const md = (await exportDraft(viewer, draftId, { format: "md", text: "fr", version: version.id }, NOW)).body.toString();
    expect(md).toContain("Version: Draft 1");
    expect(md).toContain("Les agences identifient les victimes");
    expect(md).not.toContain("Texte modifié");
    expect(await exportText({ format: "md", text: "fr" })).toContain("Texte modifié après la version.");
  });

  describe("amendments per text", () => {
    beforeAll(async () => {
      const [senegal, morocco] = [await memberOf("Senegal", "Aminata Diallo"), await memberOf("Morocco", "Youssef Alaoui")];
      await writeLiveArticles(draftId, "fr", { "art-two": { heading: "Contrôle", paragraphs: ["Les agences identifient les victimes."] } }, secretariat);
      await createAmendment(morocco, draftId, { clauseId: "art-one", op: "MOD", proposedText: "Border management shall respect human dignity.", rationale: "Simpler.", submit: true });
      const french = await createAmendment(senegal, draftId, { clauseId: "art-two", op: "MOD", proposedText: "Les agences identifient sans délai les victimes.", rationale: "Plus précis.", submit: true });
      // Proposed on the French text: what proposing in the French editor records (Amendment.lang).
      await db().amendment.update({ where: { id: french.id }, data: { lang: "fr" } });
    });

    const trackedDocument = async (text: string) => {
      const file = await exportDraft(viewer, draftId, { format: "docx", amendments: "tracked", text }, NOW);
      const doc = xml(strFromU8(unzipSync(new Uint8Array(file.body))["word/document.xml"]));
      const revisions = (name: string) => [...doc.getElementsByTagNameNS(W, name)].filter((el) => el.parentElement?.localName === "p");
      return {
        filename: file.filename,
        deleted: revisions("del").map((el) => [...el.getElementsByTagNameNS(W, "delText")].map((t) => t.textContent).join("")),
        inserted: revisions("ins").map((el) => [...el.getElementsByTagNameNS(W, "t")].map((t) => t.textContent).join("")),
        authors: [...new Set([...revisions("del"), ...revisions("ins")].map((el) => el.getAttributeNS(W, "author")))],
      };
    };

    it("the tracked compilation of the French text shows the French amendments in the French text only", async () => {
      const fr = await trackedDocument("fr");
      expect(fr.filename).toBe("Charter-on-Humanised-Border-Management-amendments-fr.docx");
      expect(fr.deleted).toEqual(["Les agences identifient les victimes."]);
      expect(fr.inserted).toEqual(["Les agences identifient sans délai les victimes."]);
      expect(fr.authors).toEqual(["Senegal"]);
      const en = await trackedDocument("en");
      expect(en.deleted).toEqual(["Border management shall respect: the dignity of every migrant. ", "[MKH23-CON-01]"]);
      expect(en.authors).toEqual(["Morocco"]);
    });

    it("tracked changes for both texts at once is a readable 400", async () => {
      await expect(exportDraft(viewer, draftId, { format: "docx", amendments: "tracked", text: "both" })).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/one text at a time/) });
    });

    it("the disposition table lists every amendment by default, naming each one's text, or one text's amendments", async () => {
      const rows = async (query: Record<string, string>) => (await exportDisposition(viewer, draftId, { format: "csv", ...query }, NOW)).body.toString("utf8").split("\r\n").slice(1).filter(Boolean);
      const all = await rows({});
      expect(all).toHaveLength(2);
      expect(all.find((r) => r.includes("Senegal"))).toContain("Art. 2 (Français)");
      expect(all.find((r) => r.includes("Morocco"))).toContain("Art. 1 (English)");
      const french = await rows({ text: "fr" });
      expect(french).toHaveLength(1);
      expect(french[0]).toContain("Les agences identifient sans délai");
      expect(french[0]).not.toContain("(Français)");
      await expect(exportDisposition(viewer, draftId, { format: "csv", text: "es" })).rejects.toMatchObject({ code: "invalid" });
    });
  });
});
