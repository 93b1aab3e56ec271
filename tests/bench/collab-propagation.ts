// npm run bench:collab — edit propagation latency with N headless y-websocket clients (presence
// on), through the full collaboration server (token auth, read-only filter, durable group commit,
// indexing) and through a bare relay, interleaved in the same run. Writes
// tests/bench/results/collab-latest.json and prints a table.
import { loadavg } from "node:os";
import { benchDatabase, benchUsers, measurePropagation, percentile, round2, startFullServer, startRelay, writeResult, type PropagationTarget } from "./lib";

const SIZES = (process.env.BENCH_SIZES ?? "10,50,200").split(",").map(Number);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 150);
const TYPING_INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 60); // ~16 characters/s, a fast typist
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

async function main() {
  await benchDatabase("bench-collab");
  const { createDraft } = await import("@/server/domain/drafts");
  const { mintCollabAccess } = await import("@/server/domain/drafts/collab-access");
  const { secretariat, members } = await benchUsers(Math.max(...SIZES));
  const port = 41000 + Math.floor(Math.random() * 1000);
  const full = await startFullServer(port);
  const relay = await startRelay(port + 1);
  const fullUrl = `ws://127.0.0.1:${port}/collab`;
  const results = [];
  try {
    for (const n of SIZES) {
      const acksBefore = (await full.stats()).ackTimes.length; // a ring of 10,000: this run stays below
      const runs = { full: [] as Awaited<ReturnType<typeof measurePropagation>>[], relay: [] as Awaited<ReturnType<typeof measurePropagation>>[] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const name of round % 2 === 0 ? (["relay", "full"] as const) : (["full", "relay"] as const)) {
          let target: PropagationTarget;
          if (name === "full") {
            const draft = await createDraft(secretariat, { title: `bench ${n} ${round}` });
            const tokens = await Promise.all(members.slice(0, n).map((m) => mintCollabAccess(m, draft.id, fullUrl)));
            target = { url: fullUrl, room: tokens[0].room, tokenFor: (i) => tokens[i].token };
          } else target = { url: `ws://127.0.0.1:${port + 1}`, room: `bench-${n}-${round}`, tokenFor: () => null };
          runs[name].push(await measurePropagation(target, n, KEYSTROKES, TYPING_INTERVAL_MS));
        }
      }
      const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const summary = (name: "full" | "relay") => ({ p50_ms: round2(avg(runs[name].map((r) => r.p50))), p99_ms: round2(avg(runs[name].map((r) => r.p99))), samples: runs[name].reduce((a, r) => a + r.samples, 0) });
      const f = summary("full");
      const r = summary("relay");
      // Durable ack: from the update's arrival at the full server to its commit (fsync included).
      const acks = (await full.stats()).ackTimes.slice(acksBefore);
      const durableAck = { p50_ms: round2(percentile(acks, 50)), p99_ms: round2(percentile(acks, 99)), samples: acks.length, target_p99_ms: round2(r.p99_ms + 5) };
      results.push({ clients: n, full: f, relay: r, ratio_p50: round2(f.p50_ms / r.p50_ms), ratio_p99: round2(f.p99_ms / r.p99_ms), durableAck });
    }
  } finally {
    await full.stop();
    await relay.stop();
  }
  const report = { benchmark: "collab-propagation", date: new Date().toISOString(), loadAverageAtEnd: loadavg().map(round2), sqliteSynchronous: process.env.SQLITE_SYNCHRONOUS ?? "FULL", keystrokes: KEYSTROKES, typingIntervalMs: TYPING_INTERVAL_MS, rounds: ROUNDS, results };
  writeResult(process.env.BENCH_RESULT_NAME ?? "collab", report);
  console.log(JSON.stringify(report, null, 2));
  console.table(results.map((x) => ({ clients: x.clients, "full p50": x.full.p50_ms, "relay p50": x.relay.p50_ms, "ratio p50": x.ratio_p50, "full p99": x.full.p99_ms, "relay p99": x.relay.p99_ms, "ratio p99": x.ratio_p99, "durable ack p99": x.durableAck.p99_ms })));
  process.exit(0);
}

void main();
