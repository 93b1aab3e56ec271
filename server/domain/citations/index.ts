// Citations of the meeting's source items by the Charter's clauses: reverse links, coverage,
// and the "deliberately not addressed" decisions.
import { db } from "@/server/db/client";
import { clauseIndexRepo, draftsRepo } from "@/server/db/repositories/drafts";
import { coverageRepo } from "@/server/db/repositories/coverage";
import { sourcesRepo } from "@/server/db/repositories/sources";
import { computeCoverage, type Coverage } from "@/lib/coverage";
import { coverageDecisionSchema, coverageQuerySchema } from "@/lib/contracts/coverage";
import type { SourceKind } from "@/lib/sources";
import type { Actor } from "../actor";
import { notFound } from "../errors";
import { authorize } from "../permissions";
import { recordAudit } from "../audit/record";
import { parseInput } from "../validate";

/** The clauses, in every draft, that cite a source item. */
export async function citationsOfSource(actor: Actor | null, sourceItemId: string) {
  authorize(actor, "source:read");
  const client = db();
  if (!(await sourcesRepo.findItem(client, sourceItemId))) throw notFound("The source item");
  const rows = await clauseIndexRepo.citingClauses(client, sourceItemId);
  const clauses = await clauseIndexRepo.clausesByIds(client, rows);
  const info = new Map(clauses.map((c) => [`${c.draftId}|${c.clauseId}`, c]));
  return rows
    .map((r) => {
      const clause = info.get(`${r.draftId}|${r.clauseId}`);
      return { draftId: r.draftId, draftTitle: r.draft.title, clauseId: r.clauseId, number: clause?.number ?? null, heading: clause?.heading ?? null, occurrences: r.occurrences };
    })
    .sort((a, b) => a.draftTitle.localeCompare(b.draftTitle) || (a.number ?? 0) - (b.number ?? 0));
}

export type CitingClause = { draftId: string; draftTitle: string; clauseId: string; number: number | null; heading: string | null };

/** Reverse links of every source item at once (the Sources page): item id → citing clauses. */
export async function citingClausesBySource(actor: Actor | null): Promise<Record<string, CitingClause[]>> {
  authorize(actor, "source:read");
  const client = db();
  const rows = await clauseIndexRepo.allCitations(client);
  const clauses = await clauseIndexRepo.clausesByIds(client, rows);
  const info = new Map(clauses.map((c) => [`${c.draftId}|${c.clauseId}`, c]));
  const out: Record<string, CitingClause[]> = {};
  for (const r of rows) {
    const clause = info.get(`${r.draftId}|${r.clauseId}`);
    (out[r.sourceItemId] ??= []).push({ draftId: r.draftId, draftTitle: r.draft.title, clauseId: r.clauseId, number: clause?.number ?? null, heading: clause?.heading ?? null });
  }
  for (const list of Object.values(out)) list.sort((a, b) => a.draftTitle.localeCompare(b.draftTitle) || (a.number ?? 0) - (b.number ?? 0));
  return out;
}

export interface DraftCoverage extends Coverage {
  clauses: { clauseId: string; number: number; heading: string | null }[];
  /** Citations in the text whose source item no longer exists. */
  missing: { clauseId: string; number: number; sourceItemId: string; key: string }[];
}

export async function draftCoverage(actor: Actor | null, draftId: string, query: unknown = {}): Promise<DraftCoverage> {
  authorize(actor, "draft:read");
  const filter = parseInput(coverageQuerySchema, query);
  const client = db();
  if (!(await draftsRepo.exists(client, draftId))) throw notFound("The draft");
  const [items, clauses, citations, decisions] = await Promise.all([
    sourcesRepo.listItems(client, { includeWithdrawn: true }),
    clauseIndexRepo.list(client, draftId),
    clauseIndexRepo.citationsOf(client, draftId),
    coverageRepo.decisions(client, draftId),
  ]);
  const coverage = computeCoverage(
    items.map((i) => ({ id: i.id, key: i.key, kind: i.kind as SourceKind, section: i.section, status: i.status })),
    citations,
    decisions.map((d) => ({ sourceItemId: d.sourceItemId, reason: d.reason, decidedBy: d.decidedBy.name, decidedAt: d.decidedAt.toISOString() })),
    clauses.map((c) => c.clauseId),
  );
  const filtered = coverage.items.filter(
    (i) => (!filter.kind || i.kind === filter.kind) && (!filter.section || i.section === filter.section) && (!filter.status || i.status === filter.status),
  );
  return {
    ...coverage,
    items: filtered,
    clauses: clauses.map((c) => ({ clauseId: c.clauseId, number: c.number, heading: c.heading })),
    missing: clauses.flatMap((c) =>
      c.missingCitations.map((m) => ({ clauseId: c.clauseId, number: c.number, ...m })),
    ),
  };
}

/** Records that the Charter deliberately does not address an item (a decision, not a citation). */
export async function markNotAddressed(actor: Actor | null, draftId: string, input: unknown) {
  authorize(actor, "coverage:decide");
  const { sourceItemId, reason } = parseInput(coverageDecisionSchema, input);
  return db().$transaction(async (tx) => {
    if (!(await draftsRepo.exists(tx, draftId))) throw notFound("The draft");
    if (!(await sourcesRepo.findItem(tx, sourceItemId))) throw notFound("The source item");
    await coverageRepo.upsertDecision(tx, { draftId, sourceItemId, reason, decidedById: actor.id });
    await recordAudit(tx, actor, "coverage.not_addressed", { type: "draft", id: draftId }, { sourceItemId, reason });
    return { sourceItemId, reason };
  });
}

export async function clearNotAddressed(actor: Actor | null, draftId: string, sourceItemId: string) {
  authorize(actor, "coverage:decide");
  return db().$transaction(async (tx) => {
    const { count } = await coverageRepo.deleteDecision(tx, draftId, sourceItemId);
    if (count === 0) throw notFound("The decision");
    await recordAudit(tx, actor, "coverage.decision_cleared", { type: "draft", id: draftId }, { sourceItemId });
    return { sourceItemId };
  });
}
