import { db, updateLogWriter, type DbTx } from "../client";
import { readJsonColumn, writeJsonColumn } from "../json-column";
import { missingCitationsColumn, type MissingCitation } from "@/lib/contracts/drafts";
import type { AlignmentWrite } from "../update-log-writer";

export type { AlignmentWrite };
/** One article of the index: English columns, then the French text of the same article. */
type IndexedClause = {
  clauseId: string;
  number: number;
  position: number;
  chapter: string | null;
  heading: string;
  text: string;
  missingCitations: MissingCitation[];
  chapterFr: string | null;
  headingFr: string;
  textFr: string;
};
type IndexedCitation = { clauseId: string; sourceItemId: string; occurrences: number };

const draftSelect = { id: true, title: true, createdAt: true, updatedAt: true, phase: true, createdBy: { select: { name: true } } } as const;

export const draftsRepo = {
  create: (tx: DbTx, data: { title: string; createdById: string; yjsSnapshot: Uint8Array }) =>
    tx.draft.create({
      data: { title: data.title, createdById: data.createdById, yjsSnapshot: Buffer.from(data.yjsSnapshot) },
      select: draftSelect,
    }),
  list: (tx: DbTx) => tx.draft.findMany({ select: { ...draftSelect, _count: { select: { clauses: true } } }, orderBy: { updatedAt: "desc" } }),
  find: (tx: DbTx, id: string) => tx.draft.findUnique({ where: { id }, select: draftSelect }),
  exists: async (tx: DbTx, id: string) => (await tx.draft.count({ where: { id } })) > 0,
  /** The drafting phase, or null when the draft does not exist. */
  phaseOf: async (tx: DbTx, id: string) => (await tx.draft.findUnique({ where: { id }, select: { phase: true } }))?.phase ?? null,
  setPhase: (tx: DbTx, id: string, phase: string) => tx.draft.update({ where: { id }, data: { phase }, select: draftSelect }),
  touch: (tx: DbTx, id: string) => tx.draft.update({ where: { id }, data: { updatedAt: new Date() }, select: { id: true } }),
};

/** The durable Yjs state of a draft: a compacted snapshot plus the update log after it. */
export const draftStateRepo = {
  /** Pass a transaction that reads one moment (SQLite's, PostgreSQL's REPEATABLE READ): the snapshot, the log after it, headSeq. */
  load: async (tx: DbTx, draftId: string) => {
    const draft = await tx.draft.findUnique({ where: { id: draftId }, select: { yjsSnapshot: true, snapshotSeq: true, headSeq: true } });
    if (!draft) return null;
    const updates = await tx.draftUpdate.findMany({
      where: { draftId, seq: { gt: draft.snapshotSeq } },
      orderBy: { seq: "asc" },
      select: { seq: true, data: true, userId: true },
    });
    return { snapshot: draft.yjsSnapshot, snapshotSeq: draft.snapshotSeq, headSeq: draft.headSeq, updates };
  },
  /**
   * Appends rows in the caller's transaction, numbering them per draft: raising Draft.headSeq
   * locks the draft's row until commit, so numbers are contiguous and committed in order across
   * processes (drafts are locked in id order: no deadlock between two batches). Returns each
   * row's draftSeq, in order.
   */
  append: async (tx: DbTx, rows: { draftId: string; data: Uint8Array; userId: string | null }[]): Promise<number[]> => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.draftId, (counts.get(r.draftId) ?? 0) + 1);
    const next = new Map<string, number>();
    for (const draftId of [...counts.keys()].sort()) {
      const raised = await tx.draft.update({ where: { id: draftId }, data: { headSeq: { increment: counts.get(draftId)! } }, select: { headSeq: true } });
      next.set(draftId, raised.headSeq - counts.get(draftId)! + 1);
    }
    const seqs = rows.map((r) => {
      const seq = next.get(r.draftId)!;
      next.set(r.draftId, seq + 1);
      return seq;
    });
    await tx.draftUpdate.createMany({ data: rows.map((r, i) => ({ draftId: r.draftId, draftSeq: seqs[i], userId: r.userId, data: Buffer.from(r.data) })) });
    return seqs;
  },
  /** Logged updates after a per-draft sequence number, in order (a process catching up). */
  readAfter: (tx: DbTx, draftId: string, afterSeq: number, limit = 10_000) =>
    tx.draftUpdate.findMany({
      where: { draftId, draftSeq: { gt: afterSeq } },
      orderBy: { draftSeq: "asc" },
      take: limit,
      select: { draftSeq: true, data: true, userId: true },
    }),
  headSeq: async (tx: DbTx, draftId: string) => (await tx.draft.findUnique({ where: { id: draftId }, select: { headSeq: true } }))?.headSeq ?? null,
  /** Replaces the log up to `uptoSeq` by a snapshot; the caller passes a transaction. */
  compact: async (tx: DbTx, draftId: string, snapshot: Uint8Array, uptoSeq: number) => {
    await tx.draft.update({ where: { id: draftId }, data: { yjsSnapshot: Buffer.from(snapshot), snapshotSeq: uptoSeq } });
    await tx.draftUpdate.deleteMany({ where: { draftId, seq: { lte: uptoSeq } } });
  },
  logLength: (tx: DbTx, draftId: string) => tx.draftUpdate.count({ where: { draftId } }),
  /** What the single-writer jobs covered: the headSeq of the last indexing and of the last automatic version (null: no draft). */
  jobSeqs: (tx: DbTx, draftId: string) => tx.draft.findUnique({ where: { id: draftId }, select: { indexedSeq: true, versionedSeq: true } }),
  /** Records that the last automatic version covers the stored updates up to `seq` (never lowers it). */
  markVersioned: (tx: DbTx, draftId: string, seq: number) => tx.draft.updateMany({ where: { id: draftId, versionedSeq: { lt: seq } }, data: { versionedSeq: seq } }),
  /** The people behind Yjs client ids seen in a draft. */
  usersOfClients: async (tx: DbTx, draftId: string, clientIds: number[]) =>
    clientIds.length
      ? (await tx.draftClient.findMany({ where: { draftId, clientId: { in: clientIds.map((c) => BigInt(c)) } }, select: { userId: true } })).map((r) => r.userId)
      : [],
  rememberClients: (tx: DbTx, draftId: string, clientIds: number[], userId: string) =>
    Promise.all(
      clientIds.map((clientId) =>
        tx.draftClient.upsert({
          where: { draftId_clientId: { draftId, clientId: BigInt(clientId) } },
          create: { draftId, clientId: BigInt(clientId), userId },
          update: {},
          select: { clientId: true },
        }),
      ),
    ),
};

export const clauseIndexRepo = {
  replace: async (
    tx: DbTx,
    draftId: string,
    clauses: IndexedClause[],
    citations: IndexedCitation[],
    alignments: AlignmentWrite[] = [],
  ) => {
    await tx.citationIndex.deleteMany({ where: { draftId } });
    await tx.clauseIndex.deleteMany({ where: { draftId } });
    if (clauses.length) {
      await tx.clauseIndex.createMany({
        data: clauses.map((c) => ({ ...c, draftId, missingCitations: writeJsonColumn(missingCitationsColumn, c.missingCitations) })),
      });
    }
    if (citations.length) await tx.citationIndex.createMany({ data: citations.map((c) => ({ ...c, draftId })) });
    // The indexer's columns only: a confirmation (its own columns) is never overwritten.
    for (const a of alignments) {
      const data = { ...a, enChangedAt: a.enChangedAt ? new Date(a.enChangedAt) : null, frChangedAt: a.frChangedAt ? new Date(a.frChangedAt) : null };
      await tx.articleAlignment.upsert({ where: { draftId_clauseId: { draftId, clauseId: a.clauseId } }, create: { ...data, draftId }, update: data, select: { clauseId: true } });
    }
    await tx.articleAlignment.deleteMany({ where: { draftId, clauseId: { notIn: clauses.map((c) => c.clauseId) } } });
  },
  /**
   * replace() and touch the draft, in one transaction of its own; nothing when the draft is gone.
   * SQLite: on the update log's writer thread, so that Prisma's synchronous driver does not hold
   * the event loop (and the write lock) for the whole transaction.
   */
  /** `indexedSeq`: the draft's headSeq the text covers (Draft.indexedSeq, raised in the same transaction; never lowered). */
  rewrite: async (draftId: string, clauses: IndexedClause[], citations: IndexedCitation[], alignments: AlignmentWrite[] = [], indexedSeq?: number) => {
    const writer = updateLogWriter();
    if (writer) {
      const rows = clauses.map((c) => ({ ...c, missingCitations: writeJsonColumn(missingCitationsColumn, c.missingCitations) }));
      return writer.replaceClauseIndex({ draftId, clauses: rows, citations, alignments, indexedSeq: indexedSeq ?? null });
    }
    await db().$transaction(async (tx) => {
      if (!(await draftsRepo.exists(tx, draftId))) return;
      await clauseIndexRepo.replace(tx, draftId, clauses, citations, alignments);
      await draftsRepo.touch(tx, draftId);
      if (indexedSeq !== undefined) await tx.draft.updateMany({ where: { id: draftId, indexedSeq: { lt: indexedSeq } }, data: { indexedSeq } });
    });
  },
  list: async (tx: DbTx, draftId: string) =>
    (
      await tx.clauseIndex.findMany({
        where: { draftId },
        orderBy: { position: "asc" },
        select: { clauseId: true, number: true, chapter: true, heading: true, text: true, missingCitations: true, chapterFr: true, headingFr: true, textFr: true },
      })
    ).map((c) => ({ ...c, missingCitations: readJsonColumn(missingCitationsColumn, c.missingCitations, "ClauseIndex.missingCitations") })),
  citationsOf: (tx: DbTx, draftId: string) =>
    tx.citationIndex.findMany({
      where: { draftId },
      select: { clauseId: true, sourceItemId: true, occurrences: true, sourceItem: { select: { key: true, kind: true, status: true } } },
    }),
  /** Where a source item is cited, across drafts, in clause order. */
  citingClauses: (tx: DbTx, sourceItemId: string) =>
    tx.citationIndex.findMany({
      where: { sourceItemId },
      select: { draftId: true, clauseId: true, occurrences: true, draft: { select: { title: true } } },
    }),
  allCitations: (tx: DbTx) =>
    tx.citationIndex.findMany({ select: { sourceItemId: true, draftId: true, clauseId: true, draft: { select: { title: true } } } }),
  clausesByIds: (tx: DbTx, pairs: { draftId: string; clauseId: string }[]) =>
    pairs.length
      ? tx.clauseIndex.findMany({
          where: { OR: pairs.map((p) => ({ draftId: p.draftId, clauseId: p.clauseId })) },
          select: { draftId: true, clauseId: true, number: true, heading: true },
        })
      : Promise.resolve([]),
  existingSourceIds: async (tx: DbTx, ids: string[]) =>
    (await tx.sourceItem.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((r) => r.id),
};
