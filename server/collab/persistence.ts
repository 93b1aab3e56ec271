// Durable storage of the collaboration server: every accepted update is appended to the
// database before it is applied or broadcast, a group commit batching what arrives together;
// the log is compacted into a snapshot in the background.
import * as Y from "yjs";
import { db, draftStateReader, readOneMoment, updateLogWriter } from "@/server/db/client";
import type { FoldedDraftState } from "@/server/db/draft-state-reader";
import { draftStateRepo } from "@/server/db/repositories/drafts";
import { auditRepo } from "@/server/db/repositories/audit";
import { stageTimes } from "@/server/observability/stage-times";

/** The single-writer jobs' lock across app processes (server/db/job-lock.ts). */
export { withJobLock } from "@/server/db/job-lock";

export interface PendingUpdate {
  draftId: string;
  data: Uint8Array;
  userId: string | null;
}

/**
 * A draft's snapshot and update log folded into one state. SQLite: read and folded on the reader
 * thread (draft-state-worker.mjs: merged in a tree, applied once), off the event loop: reading
 * and applying a 10,000-update log on the main thread held every other room for the whole load.
 * PostgreSQL: read through Prisma, whose driver does not block, and applied here one by one in one
 * transaction. A stored update that fails to apply is left out and listed, so a stored document
 * always loads.
 */
export async function loadFoldedState(draftId: string): Promise<FoldedDraftState | null> {
  const reader = draftStateReader();
  if (reader) return reader.load(draftId);
  // One moment of the database: the snapshot, the log after it and headSeq agree.
  const stored = await readOneMoment((tx) => draftStateRepo.load(tx, draftId));
  if (!stored) return null;
  const doc = new Y.Doc();
  const skipped: FoldedDraftState["skipped"] = [];
  doc.transact(() => {
    if (stored.snapshot) {
      try {
        Y.applyUpdate(doc, new Uint8Array(stored.snapshot));
      } catch (error) {
        skipped.push({ seq: stored.snapshotSeq, userId: null, data: new Uint8Array(stored.snapshot), error: String(error), snapshot: true });
      }
    }
    for (const u of stored.updates) {
      try {
        Y.applyUpdate(doc, new Uint8Array(u.data));
      } catch (error) {
        skipped.push({ seq: u.seq, userId: u.userId, data: new Uint8Array(u.data), error: String(error) });
      }
    }
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  const last = stored.updates[stored.updates.length - 1];
  return { state, snapshotSeq: stored.snapshotSeq, uptoSeq: last ? last.seq : stored.snapshotSeq, headSeq: stored.headSeq, logged: stored.updates.length, skipped };
}

/** Stored updates of a draft after a per-draft sequence number, in order (catching up with other processes). */
export async function readLogAfter(draftId: string, afterSeq: number, limit?: number): Promise<{ draftSeq: number; data: Uint8Array; userId: string | null }[]> {
  const rows = await draftStateRepo.readAfter(db(), draftId, afterSeq, limit);
  return rows.map((r) => ({ draftSeq: r.draftSeq, data: new Uint8Array(r.data), userId: r.userId }));
}

/** The per-draft sequence number of the draft's last stored update (null when the draft is gone). */
export const storedHeadSeq = (draftId: string): Promise<number | null> => draftStateRepo.headSeq(db(), draftId);

/** The headSeq the last indexing and the last automatic version covered (null when the draft is gone). */
export const jobSeqsOf = (draftId: string): Promise<{ indexedSeq: number; versionedSeq: number } | null> => draftStateRepo.jobSeqs(db(), draftId);

/** How many updates the draft's log holds beyond its snapshot. */
export const logLengthOf = (draftId: string): Promise<number> => draftStateRepo.logLength(db(), draftId);

/**
 * Loads a draft's stored state into `doc` (one applied update, origin "load"); false when the
 * draft does not exist, otherwise the number of logged updates after the snapshot and the
 * per-draft sequence number the state covers. Stored
 * updates that cannot be applied are skipped and reported. `onState` receives the folded state,
 * which equals Y.encodeStateAsUpdate(doc) right after the load (a cache for the first sync).
 */
export async function loadDraftInto(
  draftId: string,
  doc: Y.Doc,
  onSkipped?: (seq: number, error: unknown) => void,
  onState?: (state: Uint8Array) => void,
): Promise<false | { logged: number; headSeq: number }> {
  const folded = await loadFoldedState(draftId);
  if (!folded) return false;
  for (const s of folded.skipped) onSkipped?.(s.seq, s.error);
  Y.applyUpdate(doc, folded.state, "load");
  onState?.(folded.state);
  return { logged: folded.logged, headSeq: folded.headSeq };
}

/**
 * Stores a batch in one transaction. SQLite: on the writer thread, off the event loop (Prisma's
 * better-sqlite3 adapter would block it for the whole commit and fsync). PostgreSQL: through
 * Prisma, whose driver does not block. Resolves with each update's per-draft sequence number.
 */
async function appendToLog(batch: PendingUpdate[]): Promise<number[]> {
  const writer = updateLogWriter();
  if (writer) return writer.append(batch);
  return db().$transaction((tx) => draftStateRepo.append(tx, batch));
}

/**
 * Group commit: append() resolves once the update is in the database, with its per-draft sequence
 * number. Updates arriving while a commit is in flight go into the next one, so one fsync covers
 * many keystrokes under load.
 */
export class UpdateLog {
  private queue: { update: PendingUpdate; done: (error: unknown, seq?: number) => void; at: number }[] = [];
  /** Milliseconds from receipt (or append()) to commit of the last 10,000 updates (a ring, for the benchmarks). */
  private readonly acks = new Float64Array(10_000);
  private ackCount = 0;
  private flushing: Promise<void> | null = null;
  committed = 0;
  commits = 0;

  /** `receivedAt` (performance.now() when the update arrived) starts its durable-ack time. */
  append(update: PendingUpdate, receivedAt = performance.now()): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ update, done: (error, seq) => (error ? reject(error) : resolve(seq!)), at: receivedAt });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      const startedAt = stageTimes ? performance.now() : 0;
      if (stageTimes) {
        for (const b of batch) stageTimes.record("4 received → sent to the writer (1-3 + wait for the previous commit)", startedAt - b.at);
        stageTimes.record("group commit: batch size (updates)", batch.length);
      }
      try {
        const seqs = await appendToLog(batch.map((b) => b.update));
        stageTimes?.record("5 group commit: append → committed (writer round trip)", performance.now() - startedAt);
        this.committed += batch.length;
        this.commits++;
        const now = performance.now();
        batch.forEach((b, i) => {
          this.acks[this.ackCount++ % this.acks.length] = now - b.at;
          b.done(null, seqs[i]);
        });
      } catch (error) {
        for (const b of batch) b.done(error);
      }
    }
    this.flushing = null;
  }

  ackTimes(): number[] {
    return Array.from(this.acks.subarray(0, Math.min(this.ackCount, this.acks.length)));
  }

  /** Resolves when everything queued so far is committed (SIGTERM, room unload). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }
}

/**
 * Folds the update log of a draft into its snapshot. Reads and folds outside any transaction
 * (on the reader thread for SQLite), then swaps in one short transaction guarded by the snapshot sequence it started from, so a
 * concurrent compaction or a failed merge never loses an update. A stored update that cannot be
 * applied (stored before updates were validated) is skipped like at load, and quarantined: its
 * bytes, author and error go to the audit log in the same transaction, so it stops blocking
 * compaction and can still be examined.
 */
export async function compactDraft(draftId: string): Promise<{ folded: number; quarantined: number; headSeq: number } | null> {
  const client = db();
  // Nothing logged (a room unloading after reading only): no need to fold the whole document.
  if ((await draftStateRepo.logLength(client, draftId)) === 0) return null;
  const stored = await loadFoldedState(draftId);
  if (!stored || stored.logged === 0) return null;
  // A snapshot that cannot be applied is never folded away (loading still serves the log).
  const brokenSnapshot = stored.skipped.find((s) => s.snapshot);
  if (brokenSnapshot) throw new Error(`the stored snapshot of ${draftId} cannot be applied: ${brokenSnapshot.error}`);
  const snapshot = stored.state;
  const failed = stored.skipped;
  const uptoSeq = stored.uptoSeq;
  const swapped = await client.$transaction(async (tx) => {
    const current = await tx.draft.findUnique({ where: { id: draftId }, select: { snapshotSeq: true } });
    if (!current || current.snapshotSeq !== stored.snapshotSeq) return false;
    for (const f of failed) {
      await auditRepo.append(tx, {
        actorId: f.userId,
        action: "collab.update_quarantined",
        subjectType: "draft",
        subjectId: draftId,
        data: { seq: f.seq, error: f.error, update: Buffer.from(f.data).toString("base64") },
      });
    }
    await draftStateRepo.compact(tx, draftId, snapshot, uptoSeq);
    return true;
  });
  return swapped ? { folded: stored.logged, quarantined: failed.length, headSeq: stored.headSeq } : null;
}

export const rememberClients = (draftId: string, clientIds: number[], userId: string) =>
  draftStateRepo.rememberClients(db(), draftId, clientIds, userId);
