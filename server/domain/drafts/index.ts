// Drafts of the Charter: creation, listing, and the relational indexes derived from their text.
import * as Y from "yjs";
import { db, type DbTx } from "@/server/db/client";
import { clauseIndexRepo, draftsRepo } from "@/server/db/repositories/drafts";
import { draftPatchSchema, newDraftSchema } from "@/lib/contracts/drafts";
import type { DraftPhase } from "@/lib/contracts/amendments";
import { initialDraftState, readClauses, type BlockSpec, type ClauseSnapshot } from "@/lib/editor/ydoc";
import type { Actor } from "../actor";
import { notFound } from "../errors";
import { authorize } from "../permissions";
import { emitDomainEventAndSettle } from "../events";
import { signalDraft } from "../live-documents";
import { recordAudit } from "../audit/record";
import { parseInput } from "../validate";

export async function createDraft(actor: Actor | null, input: unknown, content?: BlockSpec[]) {
  authorize(actor, "draft:create");
  const { title } = parseInput(newDraftSchema, input);
  const state = initialDraftState(content);
  return db().$transaction(async (tx) => {
    const draft = await draftsRepo.create(tx, { title, createdById: actor.id, yjsSnapshot: state });
    // Indexed now, not at the first edit: the clause list, coverage and search see it at once.
    await writeClauseIndex(tx, draft.id, clausesOfState(state));
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

/**
 * Rewrites the clause and citation indexes of a draft from its current text. Called by the
 * collaboration server after stored changes settle; the text (Y.Doc) is the truth. The write
 * runs off the event loop on SQLite (see clauseIndexRepo.rewrite): it happens every 2 s while
 * people type, and through Prisma it held the loop that relays their keystrokes.
 */
export async function indexDraftClauses(draftId: string, clauses: ClauseSnapshot[]): Promise<void> {
  const rows = await clauseIndexRows(db(), clauses);
  await clauseIndexRepo.rewrite(draftId, rows.clauses, rows.citations);
}

function clausesOfState(state: Uint8Array): ClauseSnapshot[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const clauses = readClauses(doc);
  doc.destroy();
  return clauses;
}

async function writeClauseIndex(tx: DbTx, draftId: string, clauses: ClauseSnapshot[]): Promise<void> {
  const rows = await clauseIndexRows(tx, clauses);
  await clauseIndexRepo.replace(tx, draftId, rows.clauses, rows.citations);
}

/** The index rows of a text: one per clause, one per (clause, cited source item). */
async function clauseIndexRows(tx: DbTx, clauses: ClauseSnapshot[]) {
  const citedIds = [...new Set(clauses.flatMap((c) => c.citations.map((r) => r.sourceItemId)))];
  const known = new Set(citedIds.length ? await clauseIndexRepo.existingSourceIds(tx, citedIds) : []);
  const citations = new Map<string, { clauseId: string; sourceItemId: string; occurrences: number }>();
  const missing = new Map<string, { sourceItemId: string; key: string }[]>();
  for (const clause of clauses) {
    for (const ref of clause.citations) {
      if (!known.has(ref.sourceItemId)) {
        // The item is gone: the citation stays in the text and is flagged, never dropped.
        missing.set(clause.clauseId, [...(missing.get(clause.clauseId) ?? []), ref]);
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
  const unique = clauses.filter((c) => c.clauseId && !seen.has(c.clauseId) && seen.add(c.clauseId));
  return {
    clauses: unique.map(({ clauseId, number, position, chapter, heading, text }) => ({
      clauseId,
      number,
      position,
      chapter,
      heading,
      text,
      missingCitations: missing.get(clauseId) ?? [],
    })),
    citations: [...citations.values()].filter((c) => seen.has(c.clauseId)),
  };
}

export async function listClauses(actor: Actor | null, draftId: string) {
  await getDraft(actor, draftId);
  // One transaction: the index is rewritten on the writer thread's own connection, and two
  // separate reads could take the text from one rewrite and the citations from the next.
  const [clauses, citations] = await db().$transaction(async (tx) => [await clauseIndexRepo.list(tx, draftId), await clauseIndexRepo.citationsOf(tx, draftId)] as const);
  return clauses.map((c) => ({
    clauseId: c.clauseId,
    number: c.number,
    chapter: c.chapter,
    heading: c.heading,
    text: c.text,
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
