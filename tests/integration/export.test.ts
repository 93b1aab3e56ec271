// Exports are opened and read back: DOCX unzipped, PDF turned into text with pdftotext, Akoma
// Ntoso parsed as XML, Markdown and HTML compared with snapshots.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unzipSync, strFromU8 } from "fflate";
import { JSDOM } from "jsdom";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { ensureMarrakeshImported } from "@/server/import/import-document";
import { searchSources } from "@/server/domain/sources";
import { createThread } from "@/server/domain/comments";
import { createNamedVersion } from "@/server/domain/versions";
import { exportDraft } from "@/server/export";
import { AKN_NAMESPACE } from "@/server/export/akoma-ntoso";
import { closePdfBrowser } from "@/server/export/pdf";
import { SYSTEM_ACTOR, type Actor } from "@/server/domain/actor";
import { db } from "@/server/db/client";

const NOW = new Date("2026-11-22T10:00:00Z");

describe("exports", () => {
  let secretariat: Actor, viewer: Actor, observer: Actor;
  let draftId: string;

  beforeAll(async () => {
    await useFreshDatabase();
    await ensureMarrakeshImported(SYSTEM_ACTOR);
    [secretariat, viewer, observer] = await Promise.all([makeActor("secretariat"), makeActor("viewer"), makeActor("observer", "Claire Martin")]);
    const items = await searchSources(viewer, {});
    const cite = (key: string) => {
      const item = items.find((i) => i.key === key)!;
      return { cite: { sourceItemId: item.id, key } };
    };
    draftId = (await makeDraft(secretariat, "Charter on Humanised Border Management", [
      { chapter: "Chapter I — Principles" },
      { clauseId: "art-one", heading: "Respect for rights", paragraphs: [["Border management shall respect the dignity of every migrant.", " ", cite("MKH23-CON-01")]] },
      { chapter: "Chapter II — Protection" },
      { clauseId: "art-two", heading: "Screening", paragraphs: [["Agencies shall identify victims of trafficking.", " ", cite("MKH23-REC-07"), " ", cite("MKH23-CON-01")], ["Teams shall include social workers & mediators <b>."]] },
    ])).id;
    await createThread(observer, draftId, { anchor: { clauseId: "art-two" }, body: "Add a reference to age assessment." });
  });
  afterAll(() => closePdfBrowser());

  const text = async (format: string, extra: Record<string, string> = {}) => (await exportDraft(viewer, draftId, { format, ...extra }, NOW)).body.toString("utf8");

  it("Markdown: articles under chapters, citations as footnotes, sources annex", async () => {
    const md = await text("md");
    expect(md).toMatchSnapshot();
    expect(md).toContain("### Article 2 — Screening");
    expect(md).toContain("[MKH23-REC-07][^MKH23-REC-07]");
    expect(md).toMatch(/- \*\*MKH23-CON-01\*\* \(Conclusion, Conclusions of the Thematic Meeting\) — Cited in: Article 1, Article 2/);
  });

  it("HTML: a standalone page with escaped text, footnotes and the annex, in French on request", async () => {
    const html = await text("html", { lang: "fr" });
    expect(html).toMatchSnapshot();
    expect(html).toContain("mediators &lt;b&gt;.");
    expect(html).not.toContain("<b>.");
    expect(html).toContain("Annexe — Sources citées");
    expect(html).toContain('<html lang="fr">');
  });

  it("Akoma Ntoso: well-formed LegalDocML 3.0 with article eIds and refs to declared sources", async () => {
    const xml = await text("akn");
    const dom = new JSDOM(xml, { contentType: "application/xml" });
    const doc = dom.window.document;
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(doc.documentElement.namespaceURI).toBe(AKN_NAMESPACE);
    expect(doc.documentElement.localName).toBe("akomaNtoso");
    const articles = [...doc.getElementsByTagNameNS(AKN_NAMESPACE, "article")];
    expect(articles.map((a) => a.getAttribute("eId"))).toEqual(["art_art-one", "art_art-two"]);
    expect(articles.map((a) => a.getElementsByTagNameNS(AKN_NAMESPACE, "num")[0].textContent)).toEqual(["Article 1", "Article 2"]);
    expect(doc.getElementsByTagNameNS(AKN_NAMESPACE, "chapter")).toHaveLength(2);
    const declared = new Set([...doc.getElementsByTagNameNS(AKN_NAMESPACE, "TLCReference")].map((r) => `#${r.getAttribute("eId")}`));
    const refs = [...doc.getElementsByTagNameNS(AKN_NAMESPACE, "ref")];
    expect(refs.map((r) => r.textContent)).toEqual(["MKH23-CON-01", "MKH23-REC-07", "MKH23-CON-01"]);
    expect(refs.every((r) => declared.has(r.getAttribute("href")!))).toBe(true);
  });

  it("DOCX: document.xml has the articles and annex, footnotes.xml quotes the sources", async () => {
    const file = await exportDraft(viewer, draftId, { format: "docx", comments: "1" }, NOW);
    expect(file.filename).toBe("Charter-on-Humanised-Border-Management.docx");
    const files = unzipSync(new Uint8Array(file.body));
    const document = strFromU8(files["word/document.xml"]);
    const footnotes = strFromU8(files["word/footnotes.xml"]);
    expect(document).toContain("Article 1 — Respect for rights");
    expect(document).toContain("Chapter II — Protection");
    expect(document).toContain("Working draft — not an agreed text");
    expect(document).toContain("Annex — Sources cited");
    expect(document).toContain("Annex — Open comments");
    expect(document).toContain("Add a reference to age assessment.");
    expect((document.match(/w:footnoteReference/g) ?? []).length).toBe(3);
    expect(footnotes).toContain("National agencies involved in the identification of migrants must cooperate");
  });

  it("PDF: printed by Chromium with page numbers, readable back as text", async () => {
    const file = await exportDraft(viewer, draftId, { format: "pdf" }, NOW);
    expect(file.body.subarray(0, 5).toString()).toBe("%PDF-");
    const dir = mkdtempSync(path.join(tmpdir(), "charter-pdf-"));
    writeFileSync(path.join(dir, "x.pdf"), file.body);
    const pdfText = execFileSync("pdftotext", [path.join(dir, "x.pdf"), "-"]).toString().replace(/\s+/g, " ");
    expect(pdfText).toContain("Charter on Humanised Border Management");
    expect(pdfText).toContain("Article 2 — Screening");
    expect(pdfText).toContain("Annex — Sources cited");
    expect(pdfText).toMatch(/Page 1 of \d/);
  }, 60_000);

  it("exports a named version, for any reader, and records each export", async () => {
    const version = await createNamedVersion(secretariat, draftId, { name: "Draft 1" });
    const file = await exportDraft(viewer, draftId, { format: "md", version: version.id }, NOW);
    expect(file.body.toString()).toContain("Version: Draft 1");
    await expect(exportDraft(null, draftId, { format: "md" })).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(exportDraft(viewer, draftId, { format: "exe" })).rejects.toMatchObject({ code: "invalid" });
    await expect(exportDraft(viewer, draftId, { format: "md", version: "nope" })).rejects.toMatchObject({ code: "not_found" });
    expect(await db().auditLog.count({ where: { action: "draft.export", actorId: viewer.id } })).toBeGreaterThanOrEqual(5);
  });
});
