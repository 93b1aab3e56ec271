// npm run bench:scale (issue 15) — edit propagation with clients split across two collaboration
// processes sharing one PostgreSQL and one Redis, against one process on the same PostgreSQL, in
// the same run (alternating), at 50 and 200 clients; and Redis and PostgreSQL operations per
// keystroke. Starts PostgreSQL and Redis itself (scripts/scale-services.sh, ports of its own).
// Writes tests/bench/results/scale-latest.json and prints a table. Target: p99(two) ≤ 1.5 × p99(one).
import { execFileSync } from "node:child_process";
import { monitorEventLoopDelay } from "node:perf_hooks";
import * as Y from "yjs";
import { benchUsers, connectClient, finishBench, percentile, round2, startFullServer, synced, type BenchProcess } from "./lib";

const SIZES = (process.env.BENCH_SIZES ?? "50,200").split(",").map(Number);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 120); // per writer
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 100); // 10 characters/s per writer
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const TARGET_RATIO = 1.5;
const PG_STATS_DELAY_MS = 11_000;

const services = { SCALE_DIR: process.env.SCALE_DIR ?? "/tmp/charter-bench-scale", SCALE_PG_PORT: process.env.SCALE_PG_PORT ?? "5473", SCALE_REDIS_PORT: process.env.SCALE_REDIS_PORT ?? "6473" };
const sh = (...args: string[]) => execFileSync("bash", ["scripts/scale-services.sh", ...args], { env: { ...process.env, ...services }, encoding: "utf8" });

function startServices(): { databaseUrl: string; redisUrl: string } {
  const exports = sh("start");
  const vars = Object.fromEntries([...exports.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  sh("fresh-db", "charter_bench_scale");
  const databaseUrl = vars.DATABASE_URL.replace(/\/[^/]+$/, "/charter_bench_scale");
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: { ...process.env, DATABASE_URL: databaseUrl } });
  return { databaseUrl, redisUrl: vars.REDIS_URL };
}

/** Calls of each Redis command so far (INFO commandstats). */
function redisCalls(): Record<string, number> {
  const info = execFileSync("redis-cli", ["-p", services.SCALE_REDIS_PORT, "INFO", "commandstats"], { encoding: "utf8" });
  return Object.fromEntries([...info.matchAll(/cmdstat_(\w+):calls=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
}

/** The database's counters so far (pg_stat_database; PostgreSQL publishes them within about a second). */
function pgCounters(databaseUrl: string): Record<string, number> {
  const url = new URL(databaseUrl);
  const out = execFileSync(
    "psql",
    ["-h", url.hostname, "-p", url.port, "-U", "postgres", "-d", "postgres", "-tAc", `SELECT xact_commit, tup_inserted, tup_updated, tup_fetched FROM pg_stat_database WHERE datname = '${url.pathname.slice(1)}'`],
    { encoding: "utf8" },
  ).trim();
  const [xact_commit, tup_inserted, tup_updated, tup_fetched] = out.split("|").map(Number);
  return { xact_commit, tup_inserted, tup_updated, tup_fetched };
}

const delta = (after: Record<string, number>, before: Record<string, number>) => Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - (before[k] ?? 0)]));

interface Run {
  latencies: number[];
  /** This process's own event-loop delay while the keystrokes travelled (its clients time them). */
  clientLoopMaxMs: number;
  keystrokes: number;
  redis: Record<string, number>;
  pg: Record<string, number>;
}

/**
 * Clients `i` connect to urls[i % urls.length]; two writers (clients 1 and 2: one on each process
 * when there are two) type at INTERVAL_MS; each keystroke's latency is the time until each other
 * client has it (the writer's clock in that client's state).
 */
async function measure(urls: string[], room: string, tokens: string[], databaseUrl: string): Promise<Run> {
  const clients = tokens.map((token, i) => connectClient(urls[i % urls.length], room, token));
  await Promise.all(clients.map((c) => synced(c.provider)));
  const writers = [1, 2].map((i) => clients[i].doc);
  const sentAt = writers.map(() => [] as number[]);
  const latencies: number[] = [];
  clients.forEach(({ doc }, i) => {
    const seen = writers.map((w) => Y.getState(doc.store, w.clientID));
    doc.on("update", () => {
      const now = performance.now();
      writers.forEach((w, k) => {
        if (w === doc) return;
        const clock = Y.getState(doc.store, w.clientID);
        for (let c = seen[k]; c < clock; c++) if (sentAt[k][c] !== undefined) latencies.push(now - sentAt[k][c]);
        seen[k] = Math.max(seen[k], clock);
      });
    });
    void i;
  });
  // Presence settles, and PostgreSQL's statistics catch up: an idle connection reports its counts
  // up to 10 s late (PGSTAT_IDLE_INTERVAL), so the token claims of the connections just made would
  // otherwise land in the typing window.
  await new Promise((r) => setTimeout(r, PG_STATS_DELAY_MS));
  const redisBefore = redisCalls();
  const pgBefore = pgCounters(databaseUrl);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  await Promise.all(
    writers.map(async (doc, k) => {
      const text = doc.getText(`bench-${k}`);
      for (let n = 0; n < KEYSTROKES; n++) {
        sentAt[k][Y.getState(doc.store, doc.clientID)] = performance.now();
        text.insert(text.length, "x"); // one keystroke = one clock tick of the writer
        await new Promise((r) => setTimeout(r, INTERVAL_MS));
      }
    }),
  );
  const expected = writers.length * KEYSTROKES * (clients.length - 1);
  const deadline = Date.now() + 20_000;
  while (latencies.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  loop.disable();
  const redis = delta(redisCalls(), redisBefore); // now: heartbeats keep publishing while we wait below
  await new Promise((r) => setTimeout(r, PG_STATS_DELAY_MS));
  const run = { latencies, clientLoopMaxMs: loop.max / 1e6, keystrokes: writers.length * KEYSTROKES, redis, pg: delta(pgCounters(databaseUrl), pgBefore) };
  for (const c of clients) c.provider.destroy();
  return run;
}

async function main() {
  const { databaseUrl, redisUrl } = startServices();
  process.env.DATABASE_URL = databaseUrl;
  const { openDb } = await import("@/server/db/client");
  await openDb();
  const { createDraft } = await import("@/server/domain/drafts");
  const { mintCollabAccess } = await import("@/server/domain/drafts/collab-access");
  const { secretariat, members } = await benchUsers(Math.max(...SIZES));
  const base = 42000 + Math.floor(Math.random() * 1000);
  const noRedis = { DATABASE_URL: databaseUrl, REDIS_URL: "" };
  const withRedis = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
  const single = await startFullServer(base, noRedis);
  const pair: BenchProcess[] = [await startFullServer(base + 1, withRedis), await startFullServer(base + 2, withRedis)];
  const urlOf = (p: BenchProcess) => `ws://127.0.0.1:${p.port}/collab`;
  const results = [];
  try {
    for (const n of SIZES) {
      const runs = { one: [] as Run[], two: [] as Run[] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const config of round % 2 === 0 ? (["one", "two"] as const) : (["two", "one"] as const)) {
          const draft = await createDraft(secretariat, { title: `scale ${n} ${config} ${round}` });
          const urls = config === "one" ? [urlOf(single)] : pair.map(urlOf);
          const tokens = await Promise.all(members.slice(0, n).map(async (m, i) => (await mintCollabAccess(m, draft.id, urls[i % urls.length])).token));
          runs[config].push(await measure(urls, `draft.${draft.id}`, tokens, databaseUrl));
        }
      }
      const summarize = (list: Run[]) => {
        const all = list.flatMap((r) => r.latencies);
        const keystrokes = list.reduce((a, r) => a + r.keystrokes, 0);
        const sum = (pick: (r: Run) => Record<string, number>, key: string) => list.reduce((a, r) => a + (pick(r)[key] ?? 0), 0);
        return {
          p50_ms: round2(percentile(all, 50)),
          p99_ms: round2(percentile(all, 99)),
          max_ms: round2(Math.max(...all)),
          benchClientsLoopDelayMaxMs: round2(Math.max(...list.map((r) => r.clientLoopMaxMs))),
          samples: all.length,
          keystrokes,
          redisPerKeystroke: { publish: round2(sum((r) => r.redis, "publish") / keystrokes), all: round2(list.reduce((a, r) => a + Object.values(r.redis).reduce((x, y) => x + y, 0), 0) / keystrokes) },
          postgresPerKeystroke: Object.fromEntries(["xact_commit", "tup_inserted", "tup_updated", "tup_fetched"].map((k) => [k, round2(sum((r) => r.pg, k) / keystrokes)])),
        };
      };
      const one = summarize(runs.one);
      const two = summarize(runs.two);
      results.push({ clients: n, one, two, ratio_p50: round2(two.p50_ms / one.p50_ms), ratio_p99: round2(two.p99_ms / one.p99_ms), target_ratio_p99: TARGET_RATIO, met: two.p99_ms <= TARGET_RATIO * one.p99_ms });
      console.error(`${n} clients: one p99 ${one.p99_ms} ms, two p99 ${two.p99_ms} ms`);
    }
  } finally {
    await Promise.all([single.stop(), ...pair.map((p) => p.stop())]);
    sh("stop");
  }
  console.table(results.map((r) => ({ clients: r.clients, "one p50": r.one.p50_ms, "two p50": r.two.p50_ms, "one p99": r.one.p99_ms, "two p99": r.two.p99_ms, "ratio p99": r.ratio_p99, met: r.met, "redis/keystroke (two)": r.two.redisPerKeystroke.all, "pg commits/keystroke one": r.one.postgresPerKeystroke.xact_commit, "pg commits/keystroke two": r.two.postgresPerKeystroke.xact_commit })));
  finishBench("scale", {
    benchmark: "scale",
    date: new Date().toISOString(),
    setup: "one: a collaboration process on PostgreSQL, no Redis; two: two processes on the same PostgreSQL joined by Redis, clients alternating between them; two writers (clients 1 and 2, one per process in two), each keystroke timed until every other client holds it",
    keystrokesPerWriter: KEYSTROKES,
    typingIntervalMs: INTERVAL_MS,
    rounds: ROUNDS,
    results,
  });
}

void main();
