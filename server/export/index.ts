// Export of the current text or a saved version: DOCX, PDF, Markdown, standalone HTML and
// Akoma Ntoso, of the English text, the French text or both (`text=en|fr|both`; the labels follow
// `lang`, the reader's UI language). A read operation: any role that reads the draft may export;
// each export is audit-logged.
import { inflateRawSync } from "node:zlib";
import * as Y from "yjs";
import { zipSync } from "fflate";
import { yDocToProsemirrorJSON } from "@tiptap/y-tiptap";
import { z } from "@/lib/zod";
import { db } from "@/server/db/client";
import { sourcesRepo } from "@/server/db/repositories/sources";
import { readVersionDocFr, versionsRepo } from "@/server/db/repositories/versions";
import { FRAGMENT, TEXT_LANGS, type TextLang } from "@/lib/editor/languages";
import type { SourceKind } from "@/lib/sources";
import { userText } from "@/lib/text";
import type { Actor } from "@/server/domain/actor";
import { authorize } from "@/server/domain/permissions";
import { recordAudit } from "@/server/domain/audit/record";
import { parseInput } from "@/server/domain/validate";
import { DomainError } from "@/server/domain/errors";
import { isUndecided } from "@/lib/contracts/amendments";
import { getDraft } from "@/server/domain/drafts";
import { listThreads } from "@/server/domain/comments";
import { getVersion } from "@/server/domain/versions";
import { listAmendments, type AmendmentDto } from "@/server/domain/amendments";
import { currentDraftState } from "@/server/domain/live-documents";
import type { PMJson } from "@/lib/editor/clauses";
import { chaptersFromDoc, citedSources, typeset, xmlSafeModel, TEXT_CHOICES, type Chapter, type ExportModel, type TextChoice } from "./model";
import { mentionsAsNames } from "@/lib/comments/markup";
import { renderMarkdown } from "./markdown";
import { renderHtml } from "./html";
import { renderAkomaNtoso } from "./akoma-ntoso";
import { renderDocx } from "./docx";
import { renderPdf } from "./pdf";
import { amendmentPlacer, proposedParagraphs, type AmendmentPlace } from "./amendment-places";
import { planTrackedChanges, type TrackedAmendment } from "./tracked";
import { renderDispositionCsv, renderDispositionDocx, type DispositionModel } from "./disposition";

export const EXPORT_FORMATS = ["docx", "pdf", "md", "html", "akn"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const querySchema = z.object({
  format: z.enum(EXPORT_FORMATS, { message: "format must be one of docx, pdf, md, html, akn." }),
  version: userText().max(64).optional(),
  comments: z.enum(["0", "1"]).optional(),
  lang: z.enum(["en", "fr"]).optional(),
  /** The text exported: English (the default), French, or both side by side. */
  text: z.enum(TEXT_CHOICES, { message: "text must be en, fr or both." }).optional(),
  /** tracked: the open amendments as Word tracked changes (DOCX of the current text only). */
  amendments: z.enum(["tracked"], { message: "amendments must be tracked." }).optional(),
});

const dispositionQuerySchema = z.object({
  format: z.enum(["docx", "csv"], { message: "format must be docx or csv." }),
  lang: z.enum(["en", "fr"]).optional(),
  /** Whose amendments: those on the English text, on the French text, or all of them (the default). */
  text: z.enum(TEXT_CHOICES, { message: "text must be en, fr or both." }).optional(),
});

const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  akn: "application/akn+xml; charset=utf-8",
};
const EXTENSIONS: Record<ExportFormat, string> = { docx: "docx", pdf: "pdf", md: "md", html: "html", akn: "akn.xml" };

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

async function liveDoc(draftId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await currentDraftState(draftId));
  return doc;
}

const textOfDoc = (doc: Y.Doc, lang: TextLang) => yDocToProsemirrorJSON(doc, FRAGMENT[lang]) as PMJson; // y-prosemirror types its JSON as `any`

/**
 * A version's French text: its `docJsonFr` column (written with every version since the Charter
 * is bilingual), else the French fragment of the state it was saved from, which is empty for a
 * version from before the French text existed.
 */
async function versionFrenchDoc(draftId: string, versionId: string): Promise<PMJson> {
  const row = await versionsRepo.frenchText(db(), draftId, versionId);
  const stored = row && readVersionDocFr(row);
  if (stored) return stored;
  const doc = new Y.Doc();
  try {
    if (row) Y.applyUpdate(doc, new Uint8Array(inflateRawSync(row.yjsState)));
    return textOfDoc(doc, "fr");
  } finally {
    doc.destroy();
  }
}

/** The export model of a draft (current text or a version). Exposed for tests and benchmarks. */
export async function buildExportModel(
  actor: Actor,
  draftId: string,
  options: {
    version?: string;
    comments?: boolean;
    locale: "en" | "fr";
    text?: TextChoice;
    /** false: the text as stored, without French typography (amendment places count its characters). */
    typography?: boolean;
    now?: Date;
    /** the live text, already loaded */
    doc?: Y.Doc;
  },
): Promise<ExportModel> {
  const draft = await getDraft(actor, draftId);
  const text = options.text ?? "en";
  const langs: TextLang[] = text === "both" ? [...TEXT_LANGS] : [text];
  const docJson = new Map<TextLang, PMJson>();
  let versionName: string | null = null;
  let date = options.now ?? new Date();
  if (options.version) {
    const version = await getVersion(actor, draftId, options.version);
    docJson.set("en", version.doc);
    if (langs.includes("fr")) docJson.set("fr", await versionFrenchDoc(draftId, options.version));
    versionName = version.name ?? `${version.kind} ${version.createdAt.toISOString().slice(0, 16).replace("T", " ")}`;
    date = options.now ?? version.createdAt;
  } else {
    const doc = options.doc ?? (await liveDoc(draftId));
    for (const lang of langs) docJson.set(lang, textOfDoc(doc, lang));
    if (!options.doc) doc.destroy();
  }
  const chaptersIn = (lang: TextLang): Chapter[] => {
    const chapters = chaptersFromDoc(docJson.get(lang)!);
    return options.typography === false ? chapters : typeset(chapters, lang);
  };
  const textLang: TextLang = text === "both" ? "en" : text;
  const chapters = chaptersIn(textLang);
  const parallel = text === "both" ? chaptersIn("fr") : null;
  const items = new Map((await sourcesRepo.listItems(db(), { includeWithdrawn: true })).map((i) => [i.id, i]));
  const sources = citedSources([...chapters, ...(parallel ?? [])], (id) => {
    const item = items.get(id);
    return item ? { key: item.key, kind: item.kind as SourceKind, section: item.section, text: item.text } : undefined;
  });
  let comments: ExportModel["comments"] = null;
  if (options.comments) {
    const numberOf = new Map(chapters.flatMap((c) => c.articles).map((a) => [a.clauseId, a.number]));
    comments = (await listThreads(actor, draftId, { status: "open" })).map((t) => ({
      article: t.clauseId ? numberOf.get(t.clauseId) ?? null : null,
      quote: t.anchor.exact,
      messages: t.comments.filter((m) => !m.deleted).map((m) => ({ author: m.author.delegation ? `${m.author.name} (${m.author.delegation})` : m.author.name, body: mentionsAsNames(m.body) })),
    }));
  }
  return xmlSafeModel({ title: draft.title, versionName, date, locale: options.locale, textLang, chapters, parallel, sources, comments });
}

/** Submitted amendments as the actor may see them (the list's rules; private drafts never). */
async function circulatedAmendments(actor: Actor, draftId: string): Promise<AmendmentDto[]> {
  return (await listAmendments(actor, draftId)).filter((a) => a.status !== "draft" && a.number !== null);
}

/**
 * The amendments on the texts of `langs`, each placed in the current text of its own language
 * (exports read anchors here only), with the export model of the first of those texts.
 */
async function placedAmendments(actor: Actor, draftId: string, locale: "en" | "fr", langs: readonly TextLang[], now?: Date) {
  const amendments = (await circulatedAmendments(actor, draftId)).filter((a) => langs.includes(a.lang));
  const doc = await liveDoc(draftId);
  try {
    const models = new Map<TextLang, ExportModel>();
    const placers = new Map<TextLang, ReturnType<typeof amendmentPlacer>>();
    for (const lang of langs) {
      // Amendment places are offsets in the stored text: no typography may shift its characters.
      const model = await buildExportModel(actor, draftId, { locale, now, doc, text: lang, typography: false });
      models.set(lang, model);
      placers.set(lang, amendmentPlacer(doc, model.chapters, lang));
    }
    return { model: models.get(langs[0])!, placed: amendments.map((amendment) => ({ amendment, place: placers.get(amendment.lang)!(amendment) })) };
  } finally {
    doc.destroy();
  }
}

const trackedOf = (a: AmendmentDto): TrackedAmendment =>
  xmlSafeModel({
    number: a.number ?? "",
    op: a.op,
    type: a.type,
    author: a.sponsor.delegation,
    cosponsors: a.cosponsors.map((c) => c.delegation),
    date: a.submittedAt ?? a.createdAt,
    proposed: proposedParagraphs(a),
    rationale: a.rationale,
    quote: a.quote,
    position: a.position,
  });

/** An ASCII file name from a title (the full name travels in filename*). */
function fileSlug(text: string, max: number): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, max);
}

export async function exportDraft(actor: Actor | null, draftId: string, query: unknown, now?: Date): Promise<ExportFile> {
  authorize(actor, "draft:export");
  const q = parseInput(querySchema, query);
  if (q.amendments && (q.format !== "docx" || q.version)) {
    throw new DomainError("invalid", "Tracked amendments are exported as DOCX of the current text only (format=docx, no version).");
  }
  const text = q.text ?? "en";
  if (q.amendments && text === "both") {
    // Word tracks changes in one text: each language's compilation shows that language's amendments.
    throw new DomainError("invalid", "Tracked amendments are exported for one text at a time: text=en or text=fr.");
  }
  const locale = q.lang ?? (actor.locale === "fr" ? "fr" : "en");
  let model: ExportModel;
  let body: Buffer;
  let zipped = false;
  if (q.amendments === "tracked") {
    const { model: current, placed } = await placedAmendments(actor, draftId, locale, [text === "fr" ? "fr" : "en"], now);
    model = current;
    // Open: submitted and not decided (the chair has not disposed of them yet).
    const open = placed.filter(({ amendment }) => isUndecided(amendment.status));
    const plan = planTrackedChanges(model.chapters, open.map(({ amendment, place }) => ({ amendment: trackedOf(amendment), place })));
    body = await renderDocx(model, plan);
  } else {
    model = await buildExportModel(actor, draftId, { version: q.version, comments: q.comments === "1", locale, now, text });
    if (q.format === "akn" && text === "both") {
      // Akoma Ntoso holds one language per document: both texts are two documents, in one zip.
      const files = Object.fromEntries(languageModels(model).map((m) => [`${baseName(model, q.amendments)}-${m.textLang}.${EXTENSIONS.akn}`, new TextEncoder().encode(renderAkomaNtoso(m))]));
      body = Buffer.from(zipSync(files));
      zipped = true;
    } else {
      body =
        q.format === "md" ? Buffer.from(renderMarkdown(model)) :
        q.format === "html" ? Buffer.from(renderHtml(model)) :
        q.format === "akn" ? Buffer.from(renderAkomaNtoso(model)) :
        q.format === "docx" ? await renderDocx(model) :
        await renderPdf(model);
    }
  }
  await recordAudit(db(), actor, "draft.export", { type: "draft", id: draftId }, { format: q.format, text, version: q.version ?? "current", comments: q.comments === "1", ...(q.amendments ? { amendments: q.amendments } : {}) });
  // A text other than English says so in the file name ("-fr", "-en-fr").
  const name = `${baseName(model, q.amendments)}${text === "en" ? "" : text === "fr" ? "-fr" : "-en-fr"}`;
  return zipped
    ? { filename: `${name}.akn.zip`, contentType: "application/zip", body }
    : { filename: `${name}.${EXTENSIONS[q.format]}`, contentType: CONTENT_TYPES[q.format], body };
}

/** The file name before its language and extension: the title, then the version or "amendments". */
function baseName(model: ExportModel, amendments: string | undefined): string {
  const suffix = model.versionName ? `-${fileSlug(model.versionName, 30)}` : amendments ? "-amendments" : "";
  return `${fileSlug(model.title, 60) || "charter"}${suffix}`;
}

/** A two-language model as one model per language (formats that hold one language per file). */
function languageModels(model: ExportModel): ExportModel[] {
  if (!model.parallel) return [model];
  return [
    { ...model, textLang: "en", parallel: null },
    { ...model, textLang: "fr", chapters: model.parallel, parallel: null },
  ];
}

/** GET /api/drafts/:id/amendments/export: the disposition table, DOCX or CSV. */
export async function exportDisposition(actor: Actor | null, draftId: string, query: unknown, now?: Date): Promise<ExportFile> {
  authorize(actor, "draft:export");
  const q = parseInput(dispositionQuerySchema, query);
  const locale = q.lang ?? (actor.locale === "fr" ? "fr" : "en");
  const langs = !q.text || q.text === "both" ? TEXT_LANGS : [q.text];
  const { model, placed } = await placedAmendments(actor, draftId, locale, langs, now);
  const disposition: DispositionModel = xmlSafeModel({
    title: model.title,
    date: model.date,
    locale,
    amendments: placed.map(({ amendment: a, place }: { amendment: AmendmentDto; place: AmendmentPlace }) => ({
      number: a.number ?? "",
      op: a.op,
      type: a.type,
      status: a.status,
      lang: a.lang,
      sponsorDelegation: a.sponsor.delegation,
      cosponsors: a.cosponsors.map((c) => c.delegation),
      quote: a.quote,
      proposed: proposedParagraphs(a),
      rationale: a.rationale,
      observation: a.decision?.observation ?? null,
      reading: a.decision?.reading ?? null,
      place,
    })),
  });
  const body = q.format === "csv" ? renderDispositionCsv(disposition) : await renderDispositionDocx(disposition);
  await recordAudit(db(), actor, "amendment.export", { type: "draft", id: draftId }, { format: q.format });
  const slug = fileSlug(model.title, 50) || "charter";
  return {
    filename: `${slug}-disposition.${q.format}`,
    contentType: q.format === "csv" ? "text/csv; charset=utf-8" : CONTENT_TYPES.docx,
    body,
  };
}
