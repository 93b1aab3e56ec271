// npm run bench:collab — edit propagation latency with N headless y-websocket clients (presence
// on), through the full collaboration server (token auth, read-only filter, durable group commit,
// indexing) and through a bare relay, interleaved in the same run. Writes
// tests/bench/results/collab-latest.json and prints a table.
import * as Y from "yjs";
import { benchDatabase, benchUsers, connectClient, percentile, round2, startFullServer, startRelay, synced, writeResult } from "./lib";

const SIZES = (process.env.BENCH_SIZES ?? "10,50,200").split(",").map(Number);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 150);
const TYPING_INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 60); // ~16 characters/s, a fast typist
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

interface Target { url: string; room: string; tokenFor(i: number): string | null }

async function measure(target: Target, clients: number) {
  const all = Array.from({ length: clients }, (_, i) => connectClient(target.url, target.room, target.tokenFor(i)));
  await Promise.all(all.map((c) => synced(c.provider)));
  const writer = all[0].doc;
  const text = writer.getText("bench");
  const sentAt: number[] = [];
  const latencies: number[] = [];
  const seen = all.map(() => 0);
  all.forEach(({ doc }, i) => {
    if (i === 0) return;
    doc.on("update", () => {
      const now = performance.now();
      const clock = Y.getState(doc.store, writer.clientID);
      for (let k = seen[i]; k < clock && k < sentAt.length; k++) latencies.push(now - sentAt[k]);
      seen[i] = Math.max(seen[i], Math.min(clock, sentAt.length));
    });
  });
  const base = Y.getState(writer.store, writer.clientID);
  for (let k = 0; k < base; k++) sentAt.push(performance.now());
  seen.fill(base);
  for (let k = 0; k < KEYSTROKES; k++) {
    sentAt.push(performance.now());
    text.insert(text.length, "x"); // one keystroke = one Yjs clock tick of the writer
    await new Promise((r) => setTimeout(r, TYPING_INTERVAL_MS));
  }
  const deadline = Date.now() + 15000;
  while (latencies.length < (clients - 1) * KEYSTROKES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  for (const c of all) c.provider.destroy();
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), samples: latencies.length };
}

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
      const runs = { full: [] as Awaited<ReturnType<typeof measure>>[], relay: [] as Awaited<ReturnType<typeof measure>>[] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const name of round % 2 === 0 ? (["relay", "full"] as const) : (["full", "relay"] as const)) {
          let target: Target;
          if (name === "full") {
            const draft = await createDraft(secretariat, { title: `bench ${n} ${round}` });
            const tokens = await Promise.all(members.slice(0, n).map((m) => mintCollabAccess(m, draft.id, fullUrl)));
            target = { url: fullUrl, room: tokens[0].room, tokenFor: (i) => tokens[i].token };
          } else target = { url: `ws://127.0.0.1:${port + 1}`, room: `bench-${n}-${round}`, tokenFor: () => null };
          runs[name].push(await measure(target, n));
        }
      }
      const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const summary = (name: "full" | "relay") => ({ p50_ms: round2(avg(runs[name].map((r) => r.p50))), p99_ms: round2(avg(runs[name].map((r) => r.p99))), samples: runs[name].reduce((a, r) => a + r.samples, 0) });
      const f = summary("full");
      const r = summary("relay");
      results.push({ clients: n, full: f, relay: r, ratio_p50: round2(f.p50_ms / r.p50_ms), ratio_p99: round2(f.p99_ms / r.p99_ms) });
    }
  } finally {
    await full.stop();
    await relay.stop();
  }
  const report = { benchmark: "collab-propagation", date: new Date().toISOString(), sqliteSynchronous: process.env.SQLITE_SYNCHRONOUS ?? "FULL", keystrokes: KEYSTROKES, typingIntervalMs: TYPING_INTERVAL_MS, rounds: ROUNDS, results };
  writeResult(process.env.BENCH_RESULT_NAME ?? "collab", report);
  console.log(JSON.stringify(report, null, 2));
  console.table(results.map((x) => ({ clients: x.clients, "full p50": x.full.p50_ms, "relay p50": x.relay.p50_ms, "ratio p50": x.ratio_p50, "full p99": x.full.p99_ms, "relay p99": x.relay.p99_ms, "ratio p99": x.ratio_p99 })));
  process.exit(0);
}

void main();
