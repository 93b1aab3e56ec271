// The stored-state reader thread: reads a draft's snapshot and update log on its own better-sqlite3
// connection and folds them into one Yjs state, so that opening a large draft (reading thousands
// of rows and applying each) never holds the event loop that relays the other rooms' messages.
// Plain JavaScript like update-log-worker.mjs: a worker inherits no TypeScript loader.
//
// Messages in:  { id, draftId } or { close: true }.
// Messages out: { id, found: false } | { id, found: true, state: ArrayBuffer (transferred),
//               snapshotSeq, uptoSeq, logged, skipped: [{ seq, userId, data: Uint8Array, error, snapshot? }] }
//               | { id, error }.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import * as Y from "yjs";

const db = new Database(workerData.file);
db.pragma("journal_mode = WAL"); // the other connections set it too; a no-op once set
db.pragma("busy_timeout = 10000");

const draftRow = db.prepare('SELECT "yjsSnapshot", "snapshotSeq" FROM "Draft" WHERE "id" = ?');
const logRows = db.prepare('SELECT "seq", "data", "userId" FROM "DraftUpdate" WHERE "draftId" = ? AND "seq" > ? ORDER BY "seq" ASC');
// One read transaction: the snapshot and the log it continues are read from the same moment
// (a compaction committing in between would otherwise drop the rows the old snapshot lacks).
const readDraft = db.transaction((draftId) => {
  const draft = draftRow.get(draftId);
  if (!draft) return null;
  return { snapshot: draft.yjsSnapshot, snapshotSeq: draft.snapshotSeq, updates: logRows.all(draftId, draft.snapshotSeq) };
});

function fold(draftId) {
  const stored = readDraft(draftId);
  if (!stored) return { found: false };
  const doc = new Y.Doc();
  const skipped = [];
  // One transaction, like loading used to on the main thread: Y.mergeUpdates is quadratic on long
  // logs, applying is not. An update that cannot be applied is skipped and reported.
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
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  const last = stored.updates[stored.updates.length - 1];
  return { found: true, state, snapshotSeq: stored.snapshotSeq, uptoSeq: last ? last.seq : stored.snapshotSeq, logged: stored.updates.length, skipped };
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
