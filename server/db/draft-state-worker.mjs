// The stored-state reader thread: reads a draft's snapshot and update log on its own better-sqlite3
// connection and folds them into one Yjs state, so that opening a large draft (reading thousands
// of rows and applying each) never holds the event loop that relays the other rooms' messages.
// Plain JavaScript like update-log-worker.mjs: a worker inherits no TypeScript loader.
//
// Messages in:  { id, draftId } or { close: true }.
// Messages out: { id, found: false } | { id, found: true, state: ArrayBuffer (transferred),
//               snapshotSeq, uptoSeq, headSeq, logged, skipped: [{ seq, userId, data: Uint8Array, error, snapshot? }] }
//               | { id, error }.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import * as Y from "yjs";

const db = new Database(workerData.file);
db.pragma("journal_mode = WAL"); // the other connections set it too; a no-op once set
db.pragma("busy_timeout = 10000");

const draftRow = db.prepare('SELECT "yjsSnapshot", "snapshotSeq", "headSeq" FROM "Draft" WHERE "id" = ?');
const logRows = db.prepare('SELECT "seq", "data", "userId" FROM "DraftUpdate" WHERE "draftId" = ? AND "seq" > ? ORDER BY "seq" ASC');
// One read transaction: the snapshot and the log it continues are read from the same moment
// (a compaction committing in between would otherwise drop the rows the old snapshot lacks).
const readDraft = db.transaction((draftId) => {
  const draft = draftRow.get(draftId);
  if (!draft) return null;
  return { snapshot: draft.yjsSnapshot, snapshotSeq: draft.snapshotSeq, headSeq: draft.headSeq, updates: logRows.all(draftId, draft.snapshotSeq) };
});

// Y.mergeUpdates over many updates at once is quadratic (100,000 updates: minutes); merging them
// 32 at a time, then the results 32 at a time, and so on, is not. Measured on the automerge-paper
// trace (snapshot + its last 10,000 edits): about 0.3 s to merge, apply once and encode, against
// about 1 s to apply the 10,000 one by one.
const MERGE_FAN_IN = 32;
function mergeInTree(updates) {
  let level = updates;
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += MERGE_FAN_IN) next.push(level.length - i === 1 ? level[i] : Y.mergeUpdates(level.slice(i, i + MERGE_FAN_IN)));
    level = next;
  }
  return level[0];
}

/** Applies the snapshot and each update in one transaction, skipping (and listing) what fails. */
function applyOneByOne(doc, stored, skipped) {
  doc.transact(() => {
    if (stored.snapshot) {
      try {
        Y.applyUpdate(doc, stored.snapshot);
      } catch (error) {
        // still load what the log holds; compaction refuses to fold this away
        skipped.push({ seq: stored.snapshotSeq, userId: null, data: new Uint8Array(stored.snapshot), error: String(error), snapshot: true });
      }
    }
    for (const row of stored.updates) {
      try {
        Y.applyUpdate(doc, row.data);
      } catch (error) {
        skipped.push({ seq: row.seq, userId: row.userId, data: new Uint8Array(row.data), error: String(error) });
      }
    }
  });
}

function fold(draftId) {
  const stored = readDraft(draftId);
  if (!stored) return { found: false };
  let doc = new Y.Doc();
  const skipped = [];
  const parts = [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates.map((row) => row.data)];
  try {
    if (parts.length) Y.applyUpdate(doc, parts.length === 1 ? parts[0] : mergeInTree(parts));
  } catch {
    // A stored part that cannot be merged or applied: one by one, to leave out only that part.
    doc.destroy();
    doc = new Y.Doc();
    applyOneByOne(doc, stored, skipped);
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  const last = stored.updates[stored.updates.length - 1];
  return { found: true, state, snapshotSeq: stored.snapshotSeq, uptoSeq: last ? last.seq : stored.snapshotSeq, headSeq: stored.headSeq, logged: stored.updates.length, skipped };
}

parentPort.on("message", (message) => {
  if (message.close) {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const result = fold(message.draftId);
    if (!result.found) return parentPort.postMessage({ id: message.id, found: false });
    // a fresh buffer of exactly the state's bytes, transferred rather than copied
    const state = result.state.byteOffset === 0 && result.state.byteLength === result.state.buffer.byteLength ? result.state.buffer : result.state.slice().buffer;
    parentPort.postMessage({ id: message.id, ...result, state }, [state]);
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error?.message ?? error) });
  }
});
