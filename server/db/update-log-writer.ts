// The main-thread side of the update log's writer thread (update-log-worker.mjs) for SQLite.
// Prisma's better-sqlite3 adapter is synchronous: a group commit through it (fsync included)
// blocked the event loop that relays websocket messages. The worker commits on its own
// connection; append() resolves once the batch is committed, so "stored before anyone is told"
// holds exactly as before.
import path from "node:path";
import { Worker } from "node:worker_threads";
import { nowMs, stageTimes } from "@/server/observability/stage-times";

export interface ClauseIndexRows {
  draftId: string;
  clauses: { clauseId: string; number: number; position: number; chapter: string | null; heading: string; text: string; missingCitations: string; chapterFr: string | null; headingFr: string; textFr: string }[];
  citations: { clauseId: string; sourceItemId: string; occurrences: number }[];
  /** ArticleAlignment rows whose indexer-kept columns changed (dates as ISO strings); rows of articles gone are deleted. */
  alignments: AlignmentWrite[];
  /** The draft's headSeq the rows cover (Draft.indexedSeq, raised in the same transaction), or null. */
  indexedSeq: number | null;
}

/** The columns of ArticleAlignment the indexer keeps (confirmation columns are the domain's, through Prisma). */
export interface AlignmentWrite {
  clauseId: string;
  enHash: string;
  frHash: string;
  enChangedAt: string | null;
  enChangedById: string | null;
  frChangedAt: string | null;
  frChangedById: string | null;
  lead: string | null;
}

export interface LogRow {
  draftId: string;
  data: Uint8Array;
  userId: string | null;
}

// The project root is the working directory of every entry point (see target.ts); resolving from
// it keeps bundlers from trying to package the worker.
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "server", "db", "update-log-worker.mjs");

export class SqliteLogWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (seqs: number[]) => void; reject: (error: Error) => void; postedAt: number; what: string }>();
  private nextId = 1;
  private closing: Promise<void> | null = null;
  /** Set when the thread died: this writer is done, the next one starts a new thread. */
  failed: Error | null = null;

  constructor(file: string, synchronous: "FULL" | "NORMAL") {
    // execArgv: [] — the worker is plain JavaScript and needs neither tsx nor --expose-gc.
    this.worker = new Worker(WORKER_FILE, { workerData: { file, synchronous, stageTimes: stageTimes !== null }, execArgv: [] });
    this.worker.unref(); // kept referenced only while a batch is pending (see append)
    this.worker.on("message", (reply: { id: number; error?: string; seqs?: number[]; stamps?: [number, number, number] }) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      if (stageTimes && reply.stamps) {
        const [received, inserted, committed] = reply.stamps;
        stageTimes.record("writer: postMessage + hop to writer thread", received - waiting.postedAt);
        stageTimes.record("writer: BEGIN IMMEDIATE + INSERT", inserted - received);
        stageTimes.record("writer: COMMIT (WAL write + fsync)", committed - inserted);
        stageTimes.record("writer: reply hop to main thread", nowMs() - committed);
      }
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if (reply.error) waiting.reject(new Error(`${waiting.what} failed: ${reply.error}`));
      else waiting.resolve(reply.seqs ?? []);
    });
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(this.closing ? "update log writer is closed" : `update log writer exited (code ${code})`)));
  }

  /**
   * Appends the rows in one transaction; resolves once committed (fsync with synchronous=FULL),
   * with each row's per-draft sequence number.
   */
  append(rows: LogRow[]): Promise<number[]> {
    const start = stageTimes ? nowMs() : 0;
    // One copy of the batch into a fresh buffer that is transferred, not cloned: the callers keep
    // their updates (they are applied and broadcast after the commit).
    const ends = new Uint32Array(rows.length);
    let total = 0;
    rows.forEach((row, i) => (ends[i] = total += row.data.byteLength));
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const row of rows) {
      bytes.set(row.data, offset);
      offset += row.data.byteLength;
    }
    const committed = this.request(
      "update log append",
      { draftIds: rows.map((r) => r.draftId), userIds: rows.map((r) => r.userId), ends, bytes: bytes.buffer },
      [bytes.buffer, ends.buffer],
    );
    if (stageTimes) stageTimes.record("writer: batch copy + postMessage (main thread)", nowMs() - start);
    return committed;
  }

  /**
   * Rewrites a draft's clause and citation indexes in one transaction on the writer thread (see
   * update-log-worker.mjs for why); resolves once committed. Nothing happens if the draft is gone.
   */
  async replaceClauseIndex(rows: ClauseIndexRows): Promise<void> {
    await this.request("clause index rewrite", { clauseIndex: rows }, []);
  }

  /** Sends one message to the thread; resolves with its answer. */
  private request(what: string, message: Record<string, unknown>, transfer: ArrayBuffer[]): Promise<number[]> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.closing) return Promise.reject(new Error("update log writer is closed"));
    const id = this.nextId++;
    return new Promise<number[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, postedAt: stageTimes ? nowMs() : 0, what });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ id, ...message }, transfer);
    });
  }

  /** Lets the worker finish what it was sent (messages are handled in order), then stops it. */
  close(): Promise<void> {
    if (this.failed) return Promise.resolve();
    this.closing ??= new Promise<void>((resolve) => {
      this.worker.once("exit", () => resolve());
      this.worker.ref();
      this.worker.postMessage({ close: true });
    });
    return this.closing;
  }

  private fail(error: Error): void {
    this.failed ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
