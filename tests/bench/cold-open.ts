// npx tsx tests/bench/cold-open.ts — cold open (token → synced client) of a large stored draft,
// beside the bare relay serving the same state from memory (same run, interleaved):
//  - the automerge-paper trace's final document (104,852 characters) stored as a snapshot plus a
//    tail of the trace's last 10,000 edits, each its own stored update (the target case);
//  - the worst case: 100,000 random single-character edits, each its own stored update, no snapshot;
//  - where the time goes: the server's steps measured in this process with the server's own code
//    (rows read, updates applied, state encoded) and the client's apply;
//  - whether loading blocks other rooms: edit propagation in a small room of the same server while
//    the big drafts load, against the same room with nothing loading.
// Writes tests/bench/results/cold-open-latest.json.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import * as Y from "yjs";
import { benchDatabase, benchUsers, connectClient, latencySummary, percentile, round2, ROOT, startFullServer, startRelay, synced, finishBench } from "./lib";

const TAIL = 10_000;
const RANDOM_UPDATES = Number(process.env.BENCH_COLD_UPDATES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 15);

type Trace = { startContent: string; endContent: string; txns: { patches: [number, number, string][] }[] };

/** The raw text of the first article's paragraph (the bench drafts hold one article). */
function paragraphText(doc: Y.Doc, field: string): string {
  const paragraph = (doc.getXmlFragment(field).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
  const text = paragraph.get(0);
  return text instanceof Y.XmlText ? (text.toDelta() as { insert: string }[]).map((op) => op.insert).join("") : "";
}

const stats = (times: number[]) => ({ p50Ms: round2(percentile(times, 50)), p95Ms: round2(percentile(times, 95)), maxMs: round2(Math.max(...times)) });

async function main() {
  const db = await benchDatabase("bench-cold-open");
  const { secretariat, members } = await benchUsers(3);
  const { createDraft } = await import("@/server/domain/drafts");
  const { mintCollabAccess } = await import("@/server/domain/drafts/collab-access");
  const { draftStateRepo } = await import("@/server/db/repositories/drafts");
  const { YDOC_FIELD } = await import("@/lib/editor/schema");
  const { loadDraftInto } = await import("@/server/collab/persistence");
  const report: Record<string, unknown> = { benchmark: "cold-open", date: new Date().toISOString(), loadAverageAtStart: loadavg().map(round2) };

  // --- the stored drafts ---------------------------------------------------------------------
  const trace = JSON.parse(gunzipSync(readFileSync(path.join(ROOT, "tests", "bench", "traces", "automerge-paper.json.gz"))).toString()) as Trace;
  const patches = trace.txns.flatMap((t) => t.patches);
  const oneArticle = [{ clauseId: "bench", heading: "", paragraphs: [[]] }];

  /** A draft whose stored log continues its initial snapshot with `edit(text, i)` per update. */
  async function storedDraft(title: string, edits: number, edit: (text: Y.XmlText, i: number) => void, tailFrom: number) {
    const draft = await createDraft(secretariat, { title }, oneArticle);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array((await draftStateRepo.load(db, draft.id))!.snapshot!));
    const paragraph = (doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
    const tail: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => tail.push(u));
    paragraph.insert(0, [new Y.XmlText("")]);
    const text = paragraph.get(0) as Y.XmlText;
    if (tailFrom > 0) tail.length = 0;
    for (let i = 0; i < edits; i++) {
      if (i === tailFrom && tailFrom > 0) {
        // everything before the tail, as compaction leaves it
        await db.draft.update({ where: { id: draft.id }, data: { yjsSnapshot: Buffer.from(Y.encodeStateAsUpdate(doc)) } });
        tail.length = 0;
      }
      doc.transact(() => edit(text, i));
    }
    for (let i = 0; i < tail.length; i += 5000) {
      await draftStateRepo.append(db, tail.slice(i, i + 5000).map((data) => ({ draftId: draft.id, data, userId: null })));
    }
    return { id: draft.id, doc, storedUpdates: tail.length, stateBytes: Y.encodeStateAsUpdate(doc).byteLength, text: paragraphText(doc, YDOC_FIELD) };
  }

  const traceDraft = await storedDraft("cold trace", patches.length, (text, i) => {
    const [pos, del, ins] = patches[i];
    if (i === 0) text.insert(0, trace.startContent);
    if (del) text.delete(pos, del);
    if (ins) text.insert(pos, ins);
  }, patches.length - TAIL);
  if (traceDraft.text !== trace.endContent) throw new Error("the trace did not replay to its end content");
  const randomDraft = await storedDraft("cold random", RANDOM_UPDATES - 1, (text, i) => {
    if (i % 7 === 6 && text.length > 0) text.delete(Math.floor(Math.random() * text.length), 1);
    else text.insert(Math.floor(Math.random() * (text.length + 1)), "abcdefghij"[i % 10]);
  }, 0);
  report.drafts = {
    trace: { characters: traceDraft.text.length, snapshotPlusTail: TAIL, storedUpdates: traceDraft.storedUpdates, stateBytes: traceDraft.stateBytes },
    random: { storedUpdates: randomDraft.storedUpdates, stateBytes: randomDraft.stateBytes },
  };

  // --- where the time goes, with the server's own code in this process -------------------------
  const breakdown = async (draftId: string) => {
    const rows: number[] = [], load: number[] = [], encode: number[] = [], clientApply: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t = performance.now();
      await draftStateRepo.load(db, draftId);
      rows.push(performance.now() - t);
      const doc = new Y.Doc();
      t = performance.now();
      await loadDraftInto(draftId, doc);
      load.push(performance.now() - t);
      t = performance.now();
      const state = Y.encodeStateAsUpdate(doc);
      encode.push(performance.now() - t);
      const client = new Y.Doc();
      t = performance.now();
      Y.applyUpdate(client, state);
      clientApply.push(performance.now() - t);
      doc.destroy();
      client.destroy();
    }
    const p50 = (v: number[]) => round2(percentile(v, 50));
    return { readRowsMs: p50(rows), loadDraftIntoMs: p50(load), ofWhichApplyMs: round2(p50(load) - p50(rows)), encodeStateMs: p50(encode), clientApplyMs: p50(clientApply) };
  };
  report.breakdownP50 = { trace: await breakdown(traceDraft.id), random: await breakdown(randomDraft.id) };

  // --- cold opens through the real server, beside the relay ------------------------------------
  const port = 44000 + Math.floor(Math.random() * 1000);
  // No compaction: every round opens the same snapshot + tail. Rooms unload 100 ms after their last client.
  const full = await startFullServer(port, { COLLAB_NO_COMPACT: "1", COLLAB_UNLOAD_MS: "100" });
  const relay = await startRelay(port + 1);
  const fullUrl = `ws://127.0.0.1:${port}/collab`;
  const relayUrl = `ws://127.0.0.1:${port + 1}`;
  try {
    // The relay holds the same final state in memory, kept alive by a client that gave it.
    const seeder = connectClient(relayUrl, "trace", null, false);
    Y.applyUpdate(seeder.doc, Y.encodeStateAsUpdate(traceDraft.doc));
    await synced(seeder.provider);
    const probe = connectClient(relayUrl, "trace", null, false);
    await synced(probe.provider);
    while (paragraphText(probe.doc, YDOC_FIELD) !== trace.endContent) await new Promise((r) => setTimeout(r, 20));
    probe.provider.destroy();

    // A small room whose edits are timed while the big drafts load, its writer and reader in
    // their own process: this one stops while it applies a big document it opened.
    const small = await createDraft(secretariat, { title: "neighbour" });
    const [wAccess, rAccess] = await Promise.all([mintCollabAccess(members[0], small.id, fullUrl), mintCollabAccess(members[1], small.id, fullUrl)]);
    const probeProcess = spawn(process.execPath, ["--import", "tsx", "tests/bench/propagation-probe.ts", fullUrl, wAccess.room, wAccess.token, rAccess.token, "20"], { stdio: ["ignore", "pipe", "inherit"] });
    const arrivals: { sent: number; latency: number }[] = [];
    let buffered = "";
    await new Promise<void>((ready) =>
      probeProcess.stdout!.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split("\n");
        buffered = lines.pop()!;
        for (const line of lines) {
          if (line === "ready") ready();
          else {
            const [sent, latency] = line.split(" ").map(Number);
            arrivals.push({ sent, latency });
          }
        }
      }),
    );
    const loadWindows: [number, number][] = [];

    const openFull = async (draftId: string, expected: string) => {
      const access = await mintCollabAccess(members[0], draftId, fullUrl);
      const start = performance.now();
      const wallStart = Date.now();
      const c = connectClient(fullUrl, access.room, access.token, false);
      await synced(c.provider);
      const ms = performance.now() - start;
      loadWindows.push([wallStart, wallStart + ms]);
      const ok = paragraphText(c.doc, YDOC_FIELD) === expected;
      c.provider.destroy();
      await new Promise((r) => setTimeout(r, 400)); // the room unloads: the next open is cold again
      return { ms, ok };
    };
    const openRelay = async () => {
      const start = performance.now();
      const c = connectClient(relayUrl, "trace", null, false);
      await synced(c.provider);
      const ms = performance.now() - start;
      const ok = paragraphText(c.doc, YDOC_FIELD) === trace.endContent;
      c.provider.destroy();
      await new Promise((r) => setTimeout(r, 400));
      return { ms, ok };
    };

    await new Promise((r) => setTimeout(r, 2000)); // propagation with nothing loading
    const quietUntil = Date.now();
    const traceTimes: number[] = [], relayTimes: number[] = [], randomTimes: number[] = [];
    let textsMatch = true;
    for (let i = 0; i < ROUNDS; i++) {
      const r = await openRelay();
      const f = await openFull(traceDraft.id, trace.endContent);
      relayTimes.push(r.ms);
      traceTimes.push(f.ms);
      textsMatch &&= r.ok && f.ok;
    }
    for (let i = 0; i < Math.ceil(ROUNDS / 3); i++) {
      const f = await openFull(randomDraft.id, randomDraft.text);
      randomTimes.push(f.ms);
      textsMatch &&= f.ok;
    }
    await new Promise((r) => setTimeout(r, 500));
    probeProcess.kill("SIGTERM");
    const during = arrivals.filter((a) => loadWindows.some(([s, e]) => a.sent >= s && a.sent <= e)).map((a) => a.latency);
    const quiet = arrivals.filter((a) => a.sent < quietUntil).map((a) => a.latency);
    seeder.provider.destroy();

    const traceStats = stats(traceTimes);
    const relayStats = stats(relayTimes);
    report.coldOpen = {
      rounds: ROUNDS,
      trace: traceStats,
      relaySameState: relayStats,
      ratioP50: round2(traceStats.p50Ms / relayStats.p50Ms),
      ratioP95: round2(traceStats.p95Ms / relayStats.p95Ms),
      target: "trace p95 <= 300 ms and <= 1.5x the relay",
      random100k: stats(randomTimes),
      textsMatch,
    };
    report.otherRoomWhileLoading = {
      editEveryMs: 20,
      how: "a writer and a reader of a small room in their own process; latency of edits sent while a big draft's first client waited, against edits sent before any load",
      quiet: latencySummary(quiet),
      duringLoads: latencySummary(during),
    };
  } finally {
    await full.stop();
    await relay.stop();
  }
  finishBench("cold-open", report);
}

void main();
