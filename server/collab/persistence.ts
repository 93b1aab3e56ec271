// Durable storage of the collaboration server: every accepted update is appended to the
// database before it is applied or broadcast, a group commit batching what arrives together;
// the log is compacted into a snapshot in the background.
import * as Y from "yjs";
import { db, updateLogWriter } from "@/server/db/client";
import { draftStateRepo } from "@/server/db/repositories/drafts";
import { auditRepo } from "@/server/db/repositories/audit";
import { stageTimes } from "@/server/observability/stage-times";

export interface PendingUpdate {
  draftId: string;
  data: Uint8Array;
  userId: string | null;
}

/**
 * Loads a draft's stored state into `doc`; false when the draft does not exist, otherwise the
 * number of logged updates applied after the snapshot. The snapshot and
 * the log are applied in one transaction (Y.mergeUpdates is quadratic on long logs: 100,000
 * updates take minutes to merge and well under a second to apply). Should a stored update fail to
 * apply, it is skipped and reported, so a stored document always loads.
 */
export async function loadDraftInto(
  draftId: string,
  doc: Y.Doc,
  onSkipped?: (seq: number, error: unknown) => void,
): Promise<false | number> {
  const stored = await draftStateRepo.load(db(), draftId);
  if (!stored) return false;
  const parts: { seq: number; data: Uint8Array }[] = [];
  if (stored.snapshot) parts.push({ seq: stored.snapshotSeq, data: new Uint8Array(stored.snapshot) });
  for (const u of stored.updates) parts.push({ seq: u.seq, data: new Uint8Array(u.data) });
  doc.transact(() => {
    for (const part of parts) {
      try {
        Y.applyUpdate(doc, part.data, "load");
      } catch (error) {
        onSkipped?.(part.seq, error);
      }
    }
  }, "load");
  return stored.updates.length;
}

/**
 * Stores a batch in one transaction. SQLite: on the writer thread, off the event loop (Prisma's
 * better-sqlite3 adapter would block it for the whole commit and fsync). PostgreSQL: through
 * Prisma, whose driver does not block.
 */
async function appendToLog(batch: PendingUpdate[]): Promise<void> {
  const writer = updateLogWriter();
  if (writer) await writer.append(batch);
  else await draftStateRepo.append(db(), batch);
}

/**
 * Group commit: append() resolves once the update is in the database. Updates arriving while a
 * commit is in flight go into the next one, so one fsync covers many keystrokes under load.
 */
export class UpdateLog {
  private queue: { update: PendingUpdate; done: (error?: unknown) => void; at: number }[] = [];
  /** Milliseconds from receipt (or append()) to commit of the last 10,000 updates (a ring, for the benchmarks). */
  private readonly acks = new Float64Array(10_000);
  private ackCount = 0;
  private flushing: Promise<void> | null = null;
  committed = 0;
  commits = 0;

  /** `receivedAt` (performance.now() when the update arrived) starts its durable-ack time. */
  append(update: PendingUpdate, receivedAt = performance.now()): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ update, done: (error) => (error ? reject(error) : resolve()), at: receivedAt });
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
        await appendToLog(batch.map((b) => b.update));
        stageTimes?.record("5 group commit: append → committed (writer round trip)", performance.now() - startedAt);
        this.committed += batch.length;
        this.commits++;
        const now = performance.now();
        for (const b of batch) {
          this.acks[this.ackCount++ % this.acks.length] = now - b.at;
          b.done();
        }
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
 * Folds the update log of a draft into its snapshot. Reads and merges outside any transaction,
 * then swaps in one short transaction guarded by the snapshot sequence it started from, so a
 * concurrent compaction or a failed merge never loses an update. A stored update that cannot be
 * applied (stored before updates were validated) is skipped like at load, and quarantined: its
 * bytes, author and error go to the audit log in the same transaction, so it stops blocking
 * compaction and can still be examined.
 */
export async function compactDraft(draftId: string): Promise<{ folded: number; quarantined: number } | null> {
  const client = db();
  const stored = await draftStateRepo.load(client, draftId);
  if (!stored || stored.updates.length === 0) return null;
  const doc = new Y.Doc();
  const failed: { seq: number; data: Uint8Array; userId: string | null; error: string }[] = [];
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, new Uint8Array(stored.snapshot));
    for (const u of stored.updates) {
      try {
        Y.applyUpdate(doc, new Uint8Array(u.data));
      } catch (error) {
        failed.push({ seq: u.seq, data: new Uint8Array(u.data), userId: u.userId, error: String(error) });
      }
    }
  });
  const snapshot = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  const uptoSeq = stored.updates[stored.updates.length - 1].seq;
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
  return swapped ? { folded: stored.updates.length, quarantined: failed.length } : null;
}

export const rememberClients = (draftId: string, clientIds: number[], userId: string) =>
  draftStateRepo.rememberClients(db(), draftId, clientIds, userId);
