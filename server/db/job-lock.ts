// One lock per (job, subject) across app processes, for the single-writer jobs (indexing,
// compaction, automatic versions, the language mirror at load, start-up imports). PostgreSQL:
// a transaction-scoped advisory lock, held by an interactive transaction for as long as the job
// runs and released by its end (or by the server when the process dies: its connection goes).
// The job's own writes use other pooled connections. SQLite serves one process: no lock needed.
import { db } from "./client";
import { databaseTarget } from "./target";

export interface JobLockOptions {
  /** How long to wait for a lock another process holds before giving up (ms). */
  waitMs?: number;
  /** The longest the job may hold the lock (Prisma's interactive-transaction timeout, ms). */
  holdMs?: number;
}

/** Busy lock: tried again after this long (plus jitter), without holding a connection meanwhile. */
const RETRY_MS = 100;
/**
 * Jobs of this process holding a lock at once. Each holds a pooled connection while its writes
 * need others: unbounded (every room flushing at shutdown), they could take the whole pool and
 * wait on each other until their transactions time out.
 */
const MAX_HELD = 2;

let held = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (held >= MAX_HELD) await new Promise<void>((resolve) => waiting.push(resolve));
  else held++;
  return () => {
    const next = waiting.shift();
    if (next) next();
    else held--;
  };
}

/**
 * Runs `run` while this process holds the lock of (job, key), waiting for another process that
 * holds it. Resolves with run's result, or { ran: false } when the lock stayed busy for waitMs.
 * The caller re-checks inside `run` whether the work is still to do (another process may have
 * just done it): the lock only makes the check and the work one step. Never nest job locks:
 * `run` holds one of this process's few slots.
 */
export async function withJobLock<T>(job: string, key: string, run: () => Promise<T>, options: JobLockOptions = {}): Promise<{ ran: true; value: T } | { ran: false }> {
  if (databaseTarget(process.env.DATABASE_URL).provider !== "postgresql") return { ran: true, value: await run() };
  const { waitMs = 60_000, holdMs = 5 * 60_000 } = options;
  const until = Date.now() + waitMs;
  for (;;) {
    const release = await slot();
    let outcome: { ran: true; value: T } | { ran: false };
    try {
      outcome = await db().$transaction(
        async (tx) => {
          // Two int4 keys (the job, the subject): hashtext spreads the strings over them.
          const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${job}), hashtext(${key})) AS locked`;
          return locked ? { ran: true as const, value: await run() } : { ran: false as const };
        },
        { maxWait: 30_000, timeout: holdMs },
      );
    } finally {
      release();
    }
    if (outcome.ran || Date.now() >= until) return outcome;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS + Math.random() * RETRY_MS));
  }
}

/**
 * Runs `run` while no other process runs work under the same (name, key), waiting for it: for
 * work that must happen one at a time across processes but must never be skipped (decisions on
 * one draft's amendments). PostgreSQL: a blocking transaction-scoped advisory lock, outside the
 * job slots (the work may itself start jobs). SQLite serves one process: the caller's in-process
 * ordering is enough.
 */
export async function withExclusiveLock<T>(name: string, key: string, run: () => Promise<T>, holdMs = 2 * 60_000): Promise<T> {
  if (databaseTarget(process.env.DATABASE_URL).provider !== "postgresql") return run();
  return db().$transaction(
    async (tx) => {
      // $executeRaw: the function returns void, which $queryRaw cannot read.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${name}), hashtext(${key}))`;
      return run();
    },
    { maxWait: 30_000, timeout: holdMs },
  );
}
