// npm run bench:collab — edit propagation latency with N headless y-websocket clients (presence
// on), through the full collaboration server (token auth, read-only filter, durable group commit,
// indexing) and through a bare relay, interleaved in the same run. Prints JSON and a table and
// writes tests/bench/results/collab-latest.json.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";

const ROOT = process.cwd();
const DB_DIR = path.join(ROOT, "data", "bench");
const SIZES = (process.env.BENCH_SIZES ?? "10,50,200").split(",").map(Number);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 150);
const TYPING_INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 60); // ~16 characters/s, a fast typist
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-0123";

function startProcess(script: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ["ignore", "pipe", "inherit"] });
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve(child));
    child.on("exit", (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

const stop = (child: ChildProcess) => new Promise<void>((r) => { child.removeAllListeners("exit"); child.on("exit", () => r()); child.kill("SIGTERM"); });

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Target { name: "full" | "relay"; url: string; room: string; tokenFor(i: number): string | null }

async function measure(target: Target, clients: number): Promise<{ p50: number; p99: number; samples: number }> {
  const docs: Y.Doc[] = [];
  const providers: WebsocketProvider[] = [];
  for (let i = 0; i < clients; i++) {
    const doc = new Y.Doc();
    const token = target.tokenFor(i);
    const provider = new WebsocketProvider(target.url, target.room, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: token ? { token } : {},
      disableBc: true,
    });
    provider.awareness.setLocalStateField("user", { name: `Delegate ${i}`, color: "#123456" });
    docs.push(doc);
    providers.push(provider);
  }
  await Promise.all(providers.map((p) => (p.synced ? null : new Promise((r) => p.once("sync", r)))));
  const writer = docs[0];
  const text = writer.getText("bench");
  const sentAt: number[] = [];
  const latencies: number[] = [];
  const seen = docs.map(() => 0);
  docs.forEach((doc, i) => {
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
  const expected = (clients - 1) * KEYSTROKES;
  const deadline = Date.now() + 15000;
  while (latencies.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  for (const p of providers) p.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), samples: sorted.length };
}

async function main() {
  rmSync(DB_DIR, { recursive: true, force: true });
  mkdirSync(DB_DIR, { recursive: true });
  const dbFile = path.join(DB_DIR, "bench.db");
  process.env.DATABASE_URL = `file:${dbFile}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });
  const { tuneDb, db } = await import("@/server/db/client");
  await tuneDb(db());
  const { createMember, toActor } = await import("@/server/domain/members");
  const { createDraft } = await import("@/server/domain/drafts");
  const { mintCollabAccess } = await import("@/server/domain/drafts/collab-access");
  const { SYSTEM_ACTOR } = await import("@/server/domain/actor");
  const secretariat = toActor(await createMember(SYSTEM_ACTOR, { email: "s@bench.test", name: "S", role: "secretariat", password: "bench-password" }))!;
  const maxClients = Math.max(...SIZES);
  const members = [];
  for (let i = 0; i < maxClients; i++) {
    members.push(toActor(await createMember(SYSTEM_ACTOR, { email: `m${i}@bench.test`, name: `M${i}`, role: i === 0 ? "member" : i % 3 === 0 ? "viewer" : "member", password: "bench-password" }))!);
  }

  const fullPort = 41000 + Math.floor(Math.random() * 1000);
  const relayPort = fullPort + 1;
  const full = await startProcess("tests/helpers/collab-process.ts", fullPort, { DATABASE_URL: process.env.DATABASE_URL! });
  const relay = await startProcess("tests/bench/relay-process.ts", relayPort, {});
  const results: Record<string, unknown>[] = [];
  try {
    for (const n of SIZES) {
      const runs: Record<"full" | "relay", { p50: number; p99: number; samples: number }[]> = { full: [], relay: [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const name of round % 2 === 0 ? (["relay", "full"] as const) : (["full", "relay"] as const)) {
          let target: Target;
          if (name === "full") {
            const draft = await createDraft(secretariat, { title: `bench ${n} ${round}` });
            const tokens = await Promise.all(members.slice(0, n).map((m) => mintCollabAccess(m, draft.id, `ws://127.0.0.1:${fullPort}/collab`)));
            target = { name, url: `ws://127.0.0.1:${fullPort}/collab`, room: tokens[0].room, tokenFor: (i) => tokens[i].token };
          } else {
            target = { name, url: `ws://127.0.0.1:${relayPort}`, room: `bench-${n}-${round}`, tokenFor: () => null };
          }
          runs[name].push(await measure(target, n));
        }
      }
      const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const summary = (name: "full" | "relay") => ({
        p50_ms: +avg(runs[name].map((r) => r.p50)).toFixed(2),
        p99_ms: +avg(runs[name].map((r) => r.p99)).toFixed(2),
        samples: runs[name].reduce((a, r) => a + r.samples, 0),
      });
      const f = summary("full");
      const r = summary("relay");
      results.push({ clients: n, full: f, relay: r, ratio_p50: +(f.p50_ms / r.p50_ms).toFixed(2), ratio_p99: +(f.p99_ms / r.p99_ms).toFixed(2) });
    }
  } finally {
    await stop(full);
    await stop(relay);
  }
  const report = { benchmark: "collab-propagation", date: new Date().toISOString(), keystrokes: KEYSTROKES, typingIntervalMs: TYPING_INTERVAL_MS, rounds: ROUNDS, results };
  mkdirSync(path.join(ROOT, "tests", "bench", "results"), { recursive: true });
  writeFileSync(path.join(ROOT, "tests", "bench", "results", "collab-latest.json"), JSON.stringify(report, null, 2) + "\n");
  console.log(JSON.stringify(report, null, 2));
  console.table(results.map((r) => {
    const x = r as { clients: number; full: { p50_ms: number; p99_ms: number }; relay: { p50_ms: number; p99_ms: number }; ratio_p50: number; ratio_p99: number };
    return { clients: x.clients, "full p50": x.full.p50_ms, "relay p50": x.relay.p50_ms, "ratio p50": x.ratio_p50, "full p99": x.full.p99_ms, "relay p99": x.relay.p99_ms, "ratio p99": x.ratio_p99 };
  }));
  process.exit(0);
}

void main();
