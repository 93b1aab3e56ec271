// npx tsx tests/bench/propagation-breakdown.ts — where the full server's extra propagation time
// goes, for one writer and N-1 watchers (N=10 by default), stage by stage, against the bare relay
// of the same run (interleaved rounds). The servers run with COLLAB_STAGE_TIMES=1 (hrtime stamps
// on the update path, the writer thread included; an event-loop delay histogram; the time of
// Prisma's index and version writes). Also measured on this disk, for the floor: write+fdatasync
// of one 4 KiB page, and one better-sqlite3 WAL commit with synchronous=FULL and NORMAL.
// With BENCH_SYNCHRONOUS=FULL,NORMAL a full server of each mode runs in the same rounds.
// Writes tests/bench/results/propagation-breakdown.json.
import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { benchDatabase, benchUsers, measurePropagation, percentile, round2, ROOT, startFullServer, startRelay, type BenchProcess, type PropagationTarget } from "./lib";
import { writeFileSync } from "node:fs";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 150);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 60);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const MODES = (process.env.BENCH_SYNCHRONOUS ?? "FULL").split(",") as ("FULL" | "NORMAL")[];
const OUTPUT = process.env.BENCH_OUTPUT ?? "propagation-breakdown.json";

const stats = (xs: number[]) => ({ p50: round2(percentile(xs, 50) * 1000) / 1000, p90: round2(percentile(xs, 90) * 1000) / 1000, p99: round2(percentile(xs, 99) * 1000) / 1000, min: round2(Math.min(...xs) * 1000) / 1000 });
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

/** write + fdatasync of one 4 KiB page, the cost a durable commit cannot go below on this disk. */
function fsyncFloor(samples = 300) {
  const file = path.join(ROOT, "data", "bench-breakdown", "fsync-probe.bin");
  const fd = openSync(file, "w");
  const page = Buffer.alloc(4096, 7);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    writeSync(fd, page, 0, page.length, i * 4096); // appended, like the WAL
    fdatasyncSync(fd);
    times.push(ms(start));
  }
  closeSync(fd);
  rmSync(file);
  return { samples, ...stats(times) };
}

/** One INSERT of a keystroke-sized row + COMMIT on a WAL database, per synchronous mode. */
function sqliteCommit(mode: "FULL" | "NORMAL", samples = 300) {
  const file = path.join(ROOT, "data", "bench-breakdown", `commit-${mode}.db`);
  rmSync(file, { force: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${mode}`);
  db.exec("CREATE TABLE log (seq INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB)");
  const insert = db.prepare("INSERT INTO log (data) VALUES (?)");
  const row = Buffer.alloc(40, 1);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    db.transaction(() => insert.run(row)).immediate();
    times.push(ms(start));
  }
  db.close();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  return { samples, ...stats(times) };
}

/**
 * The clause-index rewrite (every 2 s while typing), in this process, interleaved: through
 * Prisma's synchronous driver on the event loop (its path before it moved) and through the writer
 * thread (clauseIndexRepo.rewrite). Reported: wall time and the longest stretch the event loop
 * could not run a 1 ms timer (what a keystroke relayed meanwhile would wait).
 */
async function indexWriteBlock(draftId: string, rounds = 20) {
  const { db } = await import("@/server/db/client");
  const { clauseIndexRepo, draftsRepo } = await import("@/server/db/repositories/drafts");
  const { readClauses } = await import("@/lib/editor/ydoc");
  const { draftStateRepo } = await import("@/server/db/repositories/drafts");
  const Y = await import("yjs");
  const stored = await draftStateRepo.load(db(), draftId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(stored!.snapshot!));
  const clauses = readClauses(doc).map(({ clauseId, number, position, chapter, heading, text }) => ({ clauseId, number, position, chapter, heading, text, missingCitations: [], chapterFr: null, headingFr: "", textFr: "" }));
  const paths = {
    prismaOnEventLoop: () =>
      db().$transaction(async (tx) => {
        if (!(await draftsRepo.exists(tx, draftId))) return;
        await clauseIndexRepo.replace(tx, draftId, clauses, []);
        await draftsRepo.touch(tx, draftId);
      }),
    writerThread: () => clauseIndexRepo.rewrite(draftId, clauses, []),
  };
  const times: Record<string, { wall: number[]; block: number[] }> = { prismaOnEventLoop: { wall: [], block: [] }, writerThread: { wall: [], block: [] } };
  for (let i = 0; i < rounds; i++) {
    for (const name of (i % 2 ? ["writerThread", "prismaOnEventLoop"] : ["prismaOnEventLoop", "writerThread"]) as (keyof typeof paths)[]) {
      let last = performance.now();
      let longest = 0;
      const probe = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 1);
      const start = performance.now();
      await paths[name]();
      const end = performance.now();
      clearInterval(probe);
      times[name].wall.push(end - start);
      times[name].block.push(Math.max(longest, end - last));
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, t]) => [name, { samples: t.wall.length, wallMs: stats(t.wall), longestEventLoopBlockMs: stats(t.block) }]));
}

async function stagesOf(server: BenchProcess) {
  return (await fetch(`http://127.0.0.1:${server.port}/stages`)).json();
}
const resetStages = (server: BenchProcess) => fetch(`http://127.0.0.1:${server.port}/stages/reset`);

async function main() {
  await benchDatabase("bench-breakdown");
  const { createDraft } = await import("@/server/domain/drafts");
  const { mintCollabAccess } = await import("@/server/domain/drafts/collab-access");
  const { secretariat, members } = await benchUsers(CLIENTS);
  const loadBefore = loadavg();
  const floorBefore = { fdatasync4KiB: fsyncFloor(), sqliteCommit: Object.fromEntries(MODES.flatMap((m) => [[m, sqliteCommit(m)]])) };

  const port = 44000 + Math.floor(Math.random() * 1000);
  const env = { COLLAB_STAGE_TIMES: "1" };
  const relay = await startRelay(port, env);
  const fulls = await Promise.all(MODES.map((mode, i) => startFullServer(port + 1 + i, { ...env, SQLITE_SYNCHRONOUS: mode })));
  const rounds: Record<string, unknown>[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const names = ["relay", ...MODES.map((m) => `full ${m}`)];
      const order = round % 2 === 0 ? names : [...names].reverse();
      const result: Record<string, unknown> = { round, order, loadAverage1m: round2(loadavg()[0]) };
      for (const name of order) {
        const server = name === "relay" ? relay : fulls[MODES.indexOf(name.slice(5) as "FULL" | "NORMAL")];
        let target: PropagationTarget;
        if (name === "relay") target = { url: `ws://127.0.0.1:${port}`, room: `breakdown-${round}`, tokenFor: () => null };
        else {
          const url = `ws://127.0.0.1:${server.port}/collab`;
          const draft = await createDraft(secretariat, { title: `breakdown ${name} ${round}` });
          const tokens = await Promise.all(members.slice(0, CLIENTS).map((m) => mintCollabAccess(m, draft.id, url)));
          target = { url, room: tokens[0].room, tokenFor: (i) => tokens[i].token };
        }
        await resetStages(server);
        const propagation = await measurePropagation(target, CLIENTS, KEYSTROKES, INTERVAL_MS);
        result[name] = { propagationMs: { p50: round2(propagation.p50), p99: round2(propagation.p99), samples: propagation.samples }, ...(await stagesOf(server)) };
      }
      rounds.push(result);
    }
  } finally {
    await relay.stop();
    for (const f of fulls) await f.stop();
  }
  const indexDraft = await createDraft(secretariat, { title: "index write probe" });
  const indexWrite = await indexWriteBlock(indexDraft.id);
  const floorAfter = { fdatasync4KiB: fsyncFloor(), sqliteCommit: Object.fromEntries(MODES.flatMap((m) => [[m, sqliteCommit(m)]])) };
  const report = {
    benchmark: "propagation-breakdown",
    date: new Date().toISOString(),
    clients: CLIENTS,
    keystrokes: KEYSTROKES,
    typingIntervalMs: INTERVAL_MS,
    loadAverage: { before: loadBefore.map(round2), after: loadavg().map(round2) },
    note: "2-core machine shared with ~7 other sessions: figures are noisy. Stage times in ms, from the full server's own hrtime stamps (COLLAB_STAGE_TIMES=1); 'total' stages run from the update's arrival in the server's message handler.",
    diskFloor: { before: floorBefore, after: floorAfter },
    indexWrite,
    rounds,
  };
  writeFileSync(path.resolve(ROOT, "tests", "bench", "results", OUTPUT), JSON.stringify(report, null, 2) + "\n");
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}

void main();
