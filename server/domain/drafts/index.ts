// Drafts of the Charter: creation, listing, and the relational indexes derived from their text.
import * as Y from "yjs";
import { db, type DbTx } from "@/server/db/client";
import { clauseIndexRepo, draftsRepo } from "@/server/db/repositories/drafts";
import { clauseQuerySchema, draftPatchSchema, newDraftSchema } from "@/lib/contracts/drafts";
import type { DraftPhase } from "@/lib/contracts/amendments";
import { initialDraftState, readClauses, type BlockSpec, type ClauseSnapshot } from "@/lib/editor/ydoc";
import type { Actor } from "../actor";
import { notFound } from "../errors";
import { authorize } from "../permissions";
import { emitDomainEventAndSettle } from "../events";
import { signalDraft } from "../live-documents";
import { recordAudit } from "../audit/record";
import { parseInput } from "../validate";
import { alignmentWritesFor, signalAlignment } from "../alignment";

export async function createDraft(actor: Actor | null, input: unknown, content?: BlockSpec[]) {
  authorize(actor, "draft:create");
  const { title } = parseInput(newDraftSchema, input);
  const state = initialDraftState(content);
  return db().$transaction(async (tx) => {
    const draft = await draftsRepo.create(tx, { title, createdById: actor.id, yjsSnapshot: state });
    // Indexed now, not at the first edit: the clause list, coverage and search see it at once.
    await writeClauseIndex(tx, draft.id, textsOfState(state));
    await recordAudit(tx, actor, "draft.create", { type: "draft", id: draft.id }, { title });
    return toDraftDto(draft);
  });
}

export async function listDrafts(actor: Actor | null) {
  authorize(actor, "draft:read");
  const rows = await draftsRepo.list(db());
  return rows.map((d) => ({
    id: d.id,
    title: d.title,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    createdBy: d.createdBy.name,
    phase: d.phase as DraftPhase,
    clauses: d._count.clauses,
  }));
}

/** One shape for a draft, whether just created or read (contract: lib/contracts/drafts.ts). */
function toDraftDto(draft: { id: string; title: string; createdAt: Date; updatedAt: Date; phase: string; createdBy: { name: string } }) {
  return { id: draft.id, title: draft.title, createdAt: draft.createdAt, updatedAt: draft.updatedAt, createdBy: draft.createdBy.name, phase: draft.phase as DraftPhase };
}

export async function getDraft(actor: Actor | null, draftId: string) {
  authorize(actor, "draft:read");
  const draft = await draftsRepo.find(db(), draftId);
  if (!draft) throw notFound("The draft");
  return toDraftDto(draft);
}

/**
 * PATCH /api/drafts/:id: the chair or the secretariat moves the draft into another drafting phase
 * (editing, amendments, frozen). Audited with from → to. Open editing sessions are re-checked
 * before this returns (a member's socket turns read-only at once, without reconnecting), then
 * open editors are told to fetch the draft again (signal "phase").
 */
export async function updateDraft(actor: Actor | null, draftId: string, input: unknown) {
  authorize(actor, "draft:phase");
  const { phase } = parseInput(draftPatchSchema, input);
  const { draft, from } = await db().$transaction(async (tx) => {
    const from = await draftsRepo.phaseOf(tx, draftId);
    if (from === null) throw notFound("The draft");
    const draft = await draftsRepo.setPhase(tx, draftId, phase);
    if (from !== phase) await recordAudit(tx, actor, "draft.phase", { type: "draft", id: draftId }, { from, to: phase });
    return { draft, from };
  });
  // Re-checked even when unchanged: a retry after a failed re-check locks the sockets it missed.
  await emitDomainEventAndSettle("draft.phase_changed", draftId);
  if (from !== phase) signalDraft(draftId, "phase");
  return toDraftDto(draft);
}

/** Both texts of a draft as the index reads them (French: the "fr" fragment, same articles). */
export interface DraftTexts {
  en: ClauseSnapshot[];
  fr: ClauseSnapshot[];
}

/**
 * Rewrites the clause and citation indexes of a draft (both languages) and its articles'
 * alignment rows from its current text. Called by the collaboration server after stored changes
 * settle; the text (Y.Doc) is the truth. `editors` ("en|<clauseId>" → user id) says who changed
 * each article's text in each language since the previous call. The write runs off the event
 * loop on SQLite (see clauseIndexRepo.rewrite): it happens every 2 s while people type, and
 * through Prisma it held the loop that relays their keystrokes. Open editors are signalled
 * ("alignment") when an article's alignment changed.
 */
export async function indexDraftClauses(draftId: string, texts: DraftTexts, editors: ReadonlyMap<string, string> = new Map(), indexedSeq?: number): Promise<void> {
  const rows = await clauseIndexRows(db(), texts);
  const alignment = await alignmentWritesFor(db(), draftId, rows.clauses, editors);
  await clauseIndexRepo.rewrite(draftId, rows.clauses, rows.citations, alignment.writes, indexedSeq);
  if (alignment.changed) signalAlignment(draftId);
}

/**
 * indexDraftClauses from a live Y.Doc (the collaboration server's call, through server/compose.ts).
 * `indexedSeq`: the stored updates the doc holds (Draft.indexedSeq, written with the rows).
 */
export function indexDraftDoc(draftId: string, doc: Y.Doc, editors: ReadonlyMap<string, string>, indexedSeq?: number): Promise<void> {
  return indexDraftClauses(draftId, { en: readClauses(doc, "en"), fr: readClauses(doc, "fr") }, editors, indexedSeq);
}

function textsOfState(state: Uint8Array): DraftTexts {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const texts = { en: readClauses(doc, "en"), fr: readClauses(doc, "fr") };
  doc.destroy();
  return texts;
}

async function writeClauseIndex(tx: DbTx, draftId: string, texts: DraftTexts): Promise<void> {
  const rows = await clauseIndexRows(tx, texts);
  const alignment = await alignmentWritesFor(tx, draftId, rows.clauses, new Map());
  await clauseIndexRepo.replace(tx, draftId, rows.clauses, rows.citations, alignment.writes);
}

/**
 * The index rows of a text: one per article (English columns and the French text of the same
 * article), one per (article, cited source item), counting the citations of both languages: an
 * article cites what either of its texts cites.
 */
async function clauseIndexRows(tx: DbTx, { en, fr }: DraftTexts) {
  const both = [...en, ...fr];
  const citedIds = [...new Set(both.flatMap((c) => c.citations.map((r) => r.sourceItemId)))];
  const known = new Set(citedIds.length ? await clauseIndexRepo.existingSourceIds(tx, citedIds) : []);
  const citations = new Map<string, { clauseId: string; sourceItemId: string; occurrences: number }>();
  const missing = new Map<string, { sourceItemId: string; key: string }[]>();
  for (const clause of both) {
    for (const ref of clause.citations) {
      if (!known.has(ref.sourceItemId)) {
        // The item is gone: the citation stays in the text and is flagged, never dropped (once per article).
        const flagged = missing.get(clause.clauseId) ?? [];
        if (!flagged.some((m) => m.sourceItemId === ref.sourceItemId)) missing.set(clause.clauseId, [...flagged, ref]);
        continue;
      }
      const k = `${clause.clauseId}|${ref.sourceItemId}`;
      const row = citations.get(k) ?? { clauseId: clause.clauseId, sourceItemId: ref.sourceItemId, occurrences: 0 };
      row.occurrences++;
      citations.set(k, row);
    }
  }
  // Duplicate ids can exist for an instant while two clients repair a paste; keep the first.
  const seen = new Set<string>();
  const unique = en.filter((c) => c.clauseId && !seen.has(c.clauseId) && seen.add(c.clauseId));
  const french = new Map<string, ClauseSnapshot>();
  for (const c of fr) if (!french.has(c.clauseId)) french.set(c.clauseId, c);
  return {
    clauses: unique.map(({ clauseId, number, position, chapter, heading, text }) => ({
      clauseId,
      number,
      position,
      chapter,
      heading,
      text,
      missingCitations: missing.get(clauseId) ?? [],
      // The server gives every English article its French one; until then, an empty text.
      chapterFr: french.get(clauseId)?.chapter ?? null,
      headingFr: french.get(clauseId)?.heading ?? "",
      textFr: french.get(clauseId)?.text ?? "",
    })),
    citations: [...citations.values()].filter((c) => seen.has(c.clauseId)),
  };
}

/** GET /api/drafts/:id/clauses?lang=en|fr: the articles in one language's text (English by default), citations of both. */
export async function listClauses(actor: Actor | null, draftId: string, query: unknown = {}) {
  await getDraft(actor, draftId);
  const { lang } = parseInput(clauseQuerySchema, query);
  // One transaction: the index is rewritten on the writer thread's own connection, and two
  // separate reads could take the text from one rewrite and the citations from the next.
  const [clauses, citations] = await db().$transaction(async (tx) => [await clauseIndexRepo.list(tx, draftId), await clauseIndexRepo.citationsOf(tx, draftId)] as const);
  return clauses.map((c) => ({
    clauseId: c.clauseId,
    number: c.number,
    lang,
    chapter: lang === "fr" ? c.chapterFr : c.chapter,
    heading: lang === "fr" ? c.headingFr : c.heading,
    text: lang === "fr" ? c.textFr : c.text,
    citations: [
      ...citations
        .filter((r) => r.clauseId === c.clauseId)
        .map((r) => ({ sourceItemId: r.sourceItemId, key: r.sourceItem.key, kind: r.sourceItem.kind, status: r.sourceItem.status, occurrences: r.occurrences })),
      ...c.missingCitations.map((m) => ({
        sourceItemId: m.sourceItemId,
        key: m.key,
        kind: null,
        status: "missing",
        occurrences: 1,
      })),
    ],
  }));
}
