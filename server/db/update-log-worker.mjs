// The update log's writer thread: owns its own better-sqlite3 connection to the database file
// and appends batches of Yjs updates to DraftUpdate, so that the fsync of each group commit
// never blocks the event loop that relays messages. Plain JavaScript on purpose: a worker does
// not inherit the TypeScript loader of tsx or vitest, and it needs none.
//
// Messages in:  { id, draftIds: string[], userIds: (string|null)[], ends: Uint32Array, bytes: ArrayBuffer }
//               (update i is bytes[ends[i-1] .. ends[i]), both buffers transferred),
//               { id, clauseIndex: { draftId, clauses, citations, alignments, indexedSeq } } (see replaceClauseIndex), or { close: true }.
// Messages out: { id, seqs } once the batch is committed (each update's per-draft draftSeq, in
//               order), or { id, error } when it is not (nothing stored).
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
const insert = db.prepare('INSERT INTO "DraftUpdate" ("draftId", "draftSeq", "data", "userId", "createdAt") VALUES (?, ?, ?, ?, ?)');
// The per-draft sequence number (Draft.headSeq), raised in the appending transaction.
const nextSeq = db.prepare('UPDATE "Draft" SET "headSeq" = "headSeq" + 1 WHERE "id" = ? RETURNING "headSeq"');
// IMMEDIATE: take the write lock at BEGIN, so a busy database is waited for, never half-written.
const appendBatch = db.transaction((batch) => {
  const createdAt = new Date().toISOString().replace("Z", "+00:00");
  const bytes = Buffer.from(batch.bytes);
  let start = 0;
  const seqs = [];
  for (let i = 0; i < batch.draftIds.length; i++) {
    const end = batch.ends[i];
    const row = nextSeq.get(batch.draftIds[i]);
    if (!row) throw new Error(`draft ${batch.draftIds[i]} does not exist`);
    insert.run(batch.draftIds[i], row.headSeq, bytes.subarray(start, end), batch.userIds[i], createdAt);
    seqs.push(row.headSeq);
    start = end;
  }
  if (stageTimes) insertedAt = nowMs();
  return seqs;
});

// The clause and citation indexes of a draft, rewritten from its text while people type (every
// 2 s at most). Through Prisma on the main thread this one transaction blocked the event loop for
// 20-80 ms (its query engine's work per statement, with the write lock held, and the fsync), so
// every keystroke relayed meanwhile waited; here it is a few hundred microseconds of SQLite on
// this thread. The rows are computed by the domain (server/domain/drafts); a draft deleted
// meanwhile is skipped, and a citation of a source item deleted meanwhile is left out until the
// next indexing flags it as missing.
const draftExists = db.prepare('SELECT 1 FROM "Draft" WHERE "id" = ?');
const deleteCitations = db.prepare('DELETE FROM "CitationIndex" WHERE "draftId" = ?');
const deleteClauses = db.prepare('DELETE FROM "ClauseIndex" WHERE "draftId" = ?');
const insertClause = db.prepare(
  'INSERT INTO "ClauseIndex" ("draftId", "clauseId", "number", "position", "chapter", "heading", "text", "missingCitations", "chapterFr", "headingFr", "textFr") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
);
const insertCitation = db.prepare(
  'INSERT INTO "CitationIndex" ("draftId", "clauseId", "sourceItemId", "occurrences") SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM "SourceItem" WHERE "id" = ?)',
);
// Alignment (server/domain/alignment computes the rows): only the columns the indexer keeps, so a
// confirmation committed meanwhile through Prisma is never overwritten; rows of deleted articles go.
const upsertAlignment = db.prepare(
  'INSERT INTO "ArticleAlignment" ("draftId", "clauseId", "enHash", "frHash", "enChangedAt", "enChangedById", "frChangedAt", "frChangedById", "lead") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
    'ON CONFLICT ("draftId", "clauseId") DO UPDATE SET "enHash" = excluded."enHash", "frHash" = excluded."frHash", "enChangedAt" = excluded."enChangedAt", ' +
    '"enChangedById" = excluded."enChangedById", "frChangedAt" = excluded."frChangedAt", "frChangedById" = excluded."frChangedById", "lead" = excluded."lead"',
);
const deleteGoneAlignments = db.prepare(
  'DELETE FROM "ArticleAlignment" WHERE "draftId" = ? AND "clauseId" NOT IN (SELECT "clauseId" FROM "ClauseIndex" WHERE "draftId" = ?)',
);
const touchDraft = db.prepare('UPDATE "Draft" SET "updatedAt" = ? WHERE "id" = ?');
// What the index covers (single-writer jobs): never lowered.
const markIndexed = db.prepare('UPDATE "Draft" SET "indexedSeq" = ? WHERE "id" = ? AND "indexedSeq" < ?');
const replaceClauseIndex = db.transaction(({ draftId, clauses, citations, alignments, indexedSeq }) => {
  if (!draftExists.get(draftId)) return;
  deleteCitations.run(draftId);
  deleteClauses.run(draftId);
  for (const c of clauses) insertClause.run(draftId, c.clauseId, c.number, c.position, c.chapter, c.heading, c.text, c.missingCitations, c.chapterFr, c.headingFr, c.textFr);
  for (const c of citations) insertCitation.run(draftId, c.clauseId, c.sourceItemId, c.occurrences, c.sourceItemId);
  for (const a of alignments ?? []) {
    upsertAlignment.run(draftId, a.clauseId, a.enHash, a.frHash, a.enChangedAt, a.enChangedById, a.frChangedAt, a.frChangedById, a.lead);
  }
  deleteGoneAlignments.run(draftId, draftId);
  touchDraft.run(new Date().toISOString().replace("Z", "+00:00"), draftId);
  if (indexedSeq != null) markIndexed.run(indexedSeq, draftId, indexedSeq);
});

parentPort.on("message", (message) => {
  if (message.close) {
    db.close();
    parentPort.close();
    return;
  }
  if (message.clauseIndex) {
    try {
      replaceClauseIndex.immediate(message.clauseIndex);
      parentPort.postMessage({ id: message.id });
    } catch (error) {
      parentPort.postMessage({ id: message.id, error: String(error?.message ?? error) });
    }
    return;
  }
  try {
    const receivedAt = stageTimes ? nowMs() : 0;
    const seqs = appendBatch.immediate(message);
    parentPort.postMessage(stageTimes ? { id: message.id, seqs, stamps: [receivedAt, insertedAt, nowMs()] } : { id: message.id, seqs });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error?.message ?? error) });
  }
});
