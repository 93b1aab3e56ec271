// The update log's writer thread: owns its own better-sqlite3 connection to the database file
// and appends batches of Yjs updates to DraftUpdate, so that the fsync of each group commit
// never blocks the event loop that relays messages. Plain JavaScript on purpose: a worker does
// not inherit the TypeScript loader of tsx or vitest, and it needs none.
//
// Messages in:  { id, draftIds: string[], userIds: (string|null)[], ends: Uint32Array, bytes: ArrayBuffer }
//               (update i is bytes[ends[i-1] .. ends[i]), both buffers transferred) or { close: true }.
// Messages out: { id } once the batch is committed, or { id, error } when it is not (nothing stored).
//               With stage timing on (benchmarks), { id, stamps: [received, inserted, committed] }
//               in milliseconds of process.hrtime, the clock the main thread reads too.
import { Buffer } from "node:buffer";
import process from "node:process";
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const { file, synchronous, stageTimes } = workerData;
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
let insertedAt = 0;
const db = new Database(file);
// Same settings as the Prisma connection (server/db/client.ts tuneDb): WAL, fsync at each commit
// unless SQLITE_SYNCHRONOUS=NORMAL, wait for the other connection's write lock.
db.pragma("journal_mode = WAL");
db.pragma(`synchronous = ${synchronous === "NORMAL" ? "NORMAL" : "FULL"}`);
// Longer than a Prisma transaction may last (5 s): Prisma takes the write lock at BEGIN
// (patches/@prisma+adapter-better-sqlite3) and holds it across its awaits.
db.pragma("busy_timeout = 10000");
db.pragma("foreign_keys = ON");

// Prisma's columns and value formats: seq from AUTOINCREMENT (never reused, so compaction's
// "seq <= snapshotSeq" stays right), createdAt as the adapter writes DateTime (ISO 8601, +00:00).
const insert = db.prepare('INSERT INTO "DraftUpdate" ("draftId", "data", "userId", "createdAt") VALUES (?, ?, ?, ?)');
// IMMEDIATE: take the write lock at BEGIN, so a busy database is waited for, never half-written.
const appendBatch = db.transaction((batch) => {
  const createdAt = new Date().toISOString().replace("Z", "+00:00");
  const bytes = Buffer.from(batch.bytes);
  let start = 0;
  for (let i = 0; i < batch.draftIds.length; i++) {
    const end = batch.ends[i];
    insert.run(batch.draftIds[i], bytes.subarray(start, end), batch.userIds[i], createdAt);
    start = end;
  }
  if (stageTimes) insertedAt = nowMs();
});

parentPort.on("message", (message) => {
  if (message.close) {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const receivedAt = stageTimes ? nowMs() : 0;
    appendBatch.immediate(message);
    parentPort.postMessage(stageTimes ? { id: message.id, stamps: [receivedAt, insertedAt, nowMs()] } : { id: message.id });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error?.message ?? error) });
  }
});
