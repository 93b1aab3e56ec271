// Export of the current text or a saved version: DOCX, PDF, Markdown, standalone HTML and
// Akoma Ntoso. A read operation: any role that reads the draft may export; each export is
// audit-logged.
import * as Y from "yjs";
import { yDocToProsemirrorJSON } from "@tiptap/y-tiptap";
import { z } from "@/lib/zod";
import { db } from "@/server/db/client";
import { sourcesRepo } from "@/server/db/repositories/sources";
import { YDOC_FIELD } from "@/lib/editor/schema";
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
import { chaptersFromDoc, citedSources, xmlSafeModel, type ExportModel } from "./model";
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
  /** tracked: the open amendments as Word tracked changes (DOCX of the current text only). */
  amendments: z.enum(["tracked"], { message: "amendments must be tracked." }).optional(),
});

const dispositionQuerySchema = z.object({
  format: z.enum(["docx", "csv"], { message: "format must be docx or csv." }),
  lang: z.enum(["en", "fr"]).optional(),
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

/** The export model of a draft (current text or a version). Exposed for tests and benchmarks. */
export async function buildExportModel(
  actor: Actor,
  draftId: string,
  options: { version?: string; comments?: boolean; locale: "en" | "fr"; now?: Date; /** the live text, already loaded */ doc?: Y.Doc },
): Promise<ExportModel> {
  const draft = await getDraft(actor, draftId);
  let docJson: PMJson;
  let versionName: string | null = null;
  let date = options.now ?? new Date();
  if (options.version) {
    const version = await getVersion(actor, draftId, options.version);
    docJson = version.doc;
    versionName = version.name ?? `${version.kind} ${version.createdAt.toISOString().slice(0, 16).replace("T", " ")}`;
    date = options.now ?? version.createdAt;
  } else {
    const doc = options.doc ?? (await liveDoc(draftId));
    docJson = yDocToProsemirrorJSON(doc, YDOC_FIELD) as PMJson; // y-prosemirror types its JSON as `any`
    if (!options.doc) doc.destroy();
  }
  const chapters = chaptersFromDoc(docJson);
  const items = new Map((await sourcesRepo.listItems(db(), { includeWithdrawn: true })).map((i) => [i.id, i]));
  const sources = citedSources(chapters, (id) => {
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
  return xmlSafeModel({ title: draft.title, versionName, date, locale: options.locale, chapters, sources, comments });
}

/** Submitted amendments as the actor may see them (the list's rules; private drafts never). */
async function circulatedAmendments(actor: Actor, draftId: string): Promise<AmendmentDto[]> {
  return (await listAmendments(actor, draftId)).filter((a) => a.status !== "draft" && a.number !== null);
}

/** The amendments with their places in the current text (exports read anchors here only). */
async function placedAmendments(actor: Actor, draftId: string, locale: "en" | "fr", now?: Date) {
  const amendments = await circulatedAmendments(actor, draftId);
  const doc = await liveDoc(draftId);
  try {
    const model = await buildExportModel(actor, draftId, { locale, now, doc });
    const place = amendmentPlacer(doc, model.chapters);
    return { model, placed: amendments.map((amendment) => ({ amendment, place: place(amendment) })) };
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
  const locale = q.lang ?? (actor.locale === "fr" ? "fr" : "en");
  let model: ExportModel;
  let body: Buffer;
  if (q.amendments === "tracked") {
    const { model: current, placed } = await placedAmendments(actor, draftId, locale, now);
    model = current;
    // Open: submitted and not decided (the chair has not disposed of them yet).
    const open = placed.filter(({ amendment }) => isUndecided(amendment.status));
    const plan = planTrackedChanges(model.chapters, open.map(({ amendment, place }) => ({ amendment: trackedOf(amendment), place })));
    body = await renderDocx(model, plan);
  } else {
    model = await buildExportModel(actor, draftId, { version: q.version, comments: q.comments === "1", locale, now });
    body =
      q.format === "md" ? Buffer.from(renderMarkdown(model)) :
      q.format === "html" ? Buffer.from(renderHtml(model)) :
      q.format === "akn" ? Buffer.from(renderAkomaNtoso(model)) :
      q.format === "docx" ? await renderDocx(model) :
      await renderPdf(model);
  }
  await recordAudit(db(), actor, "draft.export", { type: "draft", id: draftId }, { format: q.format, version: q.version ?? "current", comments: q.comments === "1", ...(q.amendments ? { amendments: q.amendments } : {}) });
  const slug = fileSlug(model.title, 60) || "charter";
  const suffix = model.versionName ? `-${fileSlug(model.versionName, 30)}` : q.amendments ? "-amendments" : "";
  return { filename: `${slug}${suffix}.${EXTENSIONS[q.format]}`, contentType: CONTENT_TYPES[q.format], body };
}

/** GET /api/drafts/:id/amendments/export: the disposition table, DOCX or CSV. */
export async function exportDisposition(actor: Actor | null, draftId: string, query: unknown, now?: Date): Promise<ExportFile> {
  authorize(actor, "draft:export");
  const q = parseInput(dispositionQuerySchema, query);
  const locale = q.lang ?? (actor.locale === "fr" ? "fr" : "en");
  const { model, placed } = await placedAmendments(actor, draftId, locale, now);
  const disposition: DispositionModel = xmlSafeModel({
    title: model.title,
    date: model.date,
    locale,
    amendments: placed.map(({ amendment: a, place }: { amendment: AmendmentDto; place: AmendmentPlace }) => ({
      number: a.number ?? "",
      op: a.op,
      type: a.type,
      status: a.status,
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
