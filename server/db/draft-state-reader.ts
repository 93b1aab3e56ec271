// The main-thread side of the stored-state reader thread (draft-state-worker.mjs) for SQLite.
// Opening a draft read its snapshot and every logged update through Prisma's synchronous adapter
// and applied them one by one, all on the event loop: a large draft held every other room's
// messages for the whole load. The thread reads and folds them into one Yjs state; the main
// thread applies that one state.
import path from "node:path";
import { Worker } from "node:worker_threads";

/** A draft's stored state folded into one update, as of one read of the database. */
export interface FoldedDraftState {
  state: Uint8Array;
  /** The snapshot's sequence number and the last logged update folded in (= snapshotSeq when none). */
  snapshotSeq: number;
  uptoSeq: number;
  /** The per-draft sequence number (Draft.headSeq) the state covers: every update up to it. */
  headSeq: number;
  /** How many logged updates followed the snapshot. */
  logged: number;
  /** Stored parts that could not be applied (left out of `state`): logged updates, or the snapshot. */
  skipped: { seq: number; userId: string | null; data: Uint8Array; error: string; snapshot?: true }[];
}

type Reply = { id: number; error?: string; found?: boolean } & Partial<Omit<FoldedDraftState, "state">> & { state?: ArrayBuffer };

// Resolved from the project root like the writer's worker, so bundlers leave it alone.
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "server", "db", "draft-state-worker.mjs");

export class SqliteStateReader {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly file: string) {}

  /** The draft's snapshot and log folded into one state, or null when the draft does not exist. */
  async load(draftId: string): Promise<FoldedDraftState | null> {
    const reply = await this.request({ draftId });
    if (reply.error) throw new Error(`reading the stored draft failed: ${reply.error}`);
    if (!reply.found) return null;
    return {
      state: new Uint8Array(reply.state!),
      snapshotSeq: reply.snapshotSeq!,
      uptoSeq: reply.uptoSeq!,
      headSeq: reply.headSeq!,
      logged: reply.logged!,
      skipped: reply.skipped!,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      worker.once("exit", () => resolve());
      worker.postMessage({ close: true });
    });
  }

  private request(message: { draftId: string }): Promise<Reply> {
    if (this.closed) return Promise.reject(new Error("the stored-state reader is closed"));
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, ...message });
    });
  }

  /** Started on first use and kept (unreferenced while idle): a thread start costs tens of ms. */
  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_FILE, { workerData: { file: this.file }, execArgv: [] });
    worker.unref();
    worker.on("message", (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      waiting.resolve(reply);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null; // the next request starts a new thread
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the stored-state reader exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
