// Shared pieces of the benchmarks: a fresh migrated database, users, server processes (the full
// collaboration server and the bare relay), headless y-websocket clients, percentiles.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";

export const ROOT = process.cwd();
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-0123";

/** A fresh database under data/<name>, migrated by the real migrations. */
export async function benchDatabase(name: string) {
  const dir = path.join(ROOT, "data", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });
  const { tuneDb, db } = await import("@/server/db/client");
  await tuneDb(db());
  return db();
}

export async function benchUsers(count: number) {
  const { createMember, toActor } = await import("@/server/domain/members");
  const { SYSTEM_ACTOR } = await import("@/server/domain/actor");
  const secretariat = toActor(await createMember(SYSTEM_ACTOR, { email: "s@bench.test", name: "S", role: "secretariat", password: "bench-password" }))!;
  const members = [];
  for (let i = 0; i < count; i++) {
    // every third one a viewer: the read-only filter is on the path too
    members.push(toActor(await createMember(SYSTEM_ACTOR, { email: `m${i}@bench.test`, name: `M${i}`, role: i > 0 && i % 3 === 0 ? "viewer" : "member", password: "bench-password" }))!);
  }
  return { secretariat, members };
}

export interface BenchProcess {
  child: ChildProcess;
  port: number;
  stop(): Promise<void>;
  stats(): Promise<{ ackTimes: number[]; rssBytes: number; heapUsedBytes: number; rooms: number }>;
}

export function startProcess(script: string, port: number, env: Record<string, string> = {}): Promise<BenchProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", script], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ["ignore", "pipe", "inherit"] });
    child.stdout!.on("data", (d: Buffer) => {
      if (!d.toString().includes("ready")) return;
      resolve({
        child,
        port,
        stop: () => new Promise<void>((done) => {
          child.removeAllListeners("exit");
          child.on("exit", () => done());
          child.kill("SIGTERM");
        }),
        stats: async () => (await fetch(`http://127.0.0.1:${port}/stats`)).json(),
      });
    });
    child.on("exit", (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

export const startFullServer = (port: number, env: Record<string, string> = {}) => startProcess("tests/helpers/collab-process.ts", port, { DATABASE_URL: process.env.DATABASE_URL!, ...env });
export const startRelay = (port: number, env: Record<string, string> = {}) => startProcess("tests/bench/relay-process.ts", port, env);

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const round2 = (n: number) => +n.toFixed(2);

/** A latency report's figures: the sample count, the given percentiles and the maximum (ms). */
export function latencySummary(values: number[], percentiles: number[] = [50, 99]): Record<string, number> {
  const summary: Record<string, number> = { samples: values.length };
  for (const p of percentiles) summary[`p${p}Ms`] = round2(percentile(values, p));
  summary.maxMs = round2(Math.max(...values));
  return summary;
}

export function connectClient(url: string, room: string, token: string | null, presence = true): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: token ? { token } : {},
    disableBc: true,
  });
  if (presence) provider.awareness.setLocalStateField("user", { name: `Delegate ${doc.clientID % 1000}`, color: "#123456" });
  return { doc, provider };
}

export const synced = (provider: WebsocketProvider) => (provider.synced ? Promise.resolve() : new Promise<void>((r) => provider.once("sync", () => r())));

export function writeResult(name: string, report: unknown) {
  mkdirSync(path.join(ROOT, "tests", "bench", "results"), { recursive: true });
  writeFileSync(path.join(ROOT, "tests", "bench", "results", `${name}-latest.json`), JSON.stringify(report, null, 2) + "\n");
}

/** Ends a benchmark: the load average beside its figures, the result file, the JSON on stdout. */
export function finishBench(name: string, report: Record<string, unknown>): never {
  report.loadAverageAtEnd = loadavg().map(round2);
  writeResult(process.env.BENCH_RESULT_NAME ?? name, report);
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}

export interface PropagationTarget { url: string; room: string; tokenFor(i: number): string | null }

/**
 * One writer types `keystrokes` characters, one every `intervalMs`, while `clients - 1` others
 * watch: the time from each keystroke to its arrival at each watcher, all clients in this process.
 */
export async function measurePropagation(target: PropagationTarget, clients: number, keystrokes: number, intervalMs: number) {
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
  for (let k = 0; k < keystrokes; k++) {
    sentAt.push(performance.now());
    text.insert(text.length, "x"); // one keystroke = one Yjs clock tick of the writer
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const deadline = Date.now() + 15000;
  while (latencies.length < (clients - 1) * keystrokes && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  for (const c of all) c.provider.destroy();
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), samples: latencies.length };
}
