// npx tsx tests/bench/thread-hop.ts — the round trip main thread → worker → main thread that every
// update pays to reach the writer thread and hear back, with the worker woken by postMessage (its
// event loop, as update-log-worker.mjs does) or by Atomics.notify on a SharedArrayBuffer (the
// worker blocked in Atomics.wait; it answers with postMessage, since the main thread's event loop
// cannot block), or both ways by Atomics (the main thread waiting with Atomics.waitAsync).
// Interleaved blocks; prints JSON and writes results/thread-hop-latest.json.
import { Worker } from "node:worker_threads";
import { loadavg } from "node:os";
import { percentile, round2, writeResult } from "./lib";

const TRIPS = Number(process.env.BENCH_TRIPS ?? 300);
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 10); // the worker sleeps between updates, as between keystrokes
const BLOCKS = 4;

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
if (workerData.mode === "message") parentPort.on("message", (m) => parentPort.postMessage(m));
else {
  const flag = new Int32Array(workerData.sab);
  for (;;) {
    Atomics.wait(flag, 0, 0);
    const id = Atomics.exchange(flag, 0, 0);
    if (id < 0) break;
    if (workerData.mode === "atomics") parentPort.postMessage(id);
    else {
      Atomics.store(flag, 1, id);
      Atomics.notify(flag, 1);
    }
  }
}`;

// Node 20 has Atomics.waitAsync; the project's TypeScript lib (ES2022) does not declare it.
const waitAsync = (array: Int32Array, index: number, value: number) =>
  (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { value: Promise<string> | string } }).waitAsync(array, index, value).value;

type Mode = "message" | "atomics" | "atomicsBoth";
async function trips(mode: Mode) {
  const sab = new SharedArrayBuffer(8);
  const flag = new Int32Array(sab);
  const worker = new Worker(WORKER, { eval: true, workerData: { mode, sab } });
  const times: number[] = [];
  let resolveReply: () => void = () => undefined;
  worker.on("message", () => resolveReply());
  for (let i = 1; i <= TRIPS; i++) {
    const start = performance.now();
    const reply =
      mode === "atomicsBoth"
        ? Promise.resolve(waitAsync(flag, 1, 0)).then(() => void Atomics.store(flag, 1, 0))
        : new Promise<void>((r) => (resolveReply = r));
    if (mode === "message") worker.postMessage(i);
    else {
      Atomics.store(flag, 0, i);
      Atomics.notify(flag, 0);
    }
    await reply;
    times.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
  if (mode !== "message") {
    Atomics.store(flag, 0, -1);
    Atomics.notify(flag, 0);
  }
  await worker.terminate();
  return times;
}

const us = (ms: number) => Math.round(ms * 1000);

async function main() {
  const all: Record<Mode, number[]> = { message: [], atomics: [], atomicsBoth: [] };
  const blocks = [];
  for (let b = 0; b < BLOCKS; b++) {
    const modes: Mode[] = ["message", "atomics", "atomicsBoth"];
    for (const mode of b % 2 === 0 ? modes : modes.reverse()) {
      const t = await trips(mode);
      all[mode].push(...t);
      blocks.push({ block: b, mode, p50Us: us(percentile(t, 50)), p99Us: us(percentile(t, 99)), loadAverage1m: round2(loadavg()[0]) });
    }
  }
  const summary = (t: number[]) => ({ trips: t.length, p50Us: us(percentile(t, 50)), p90Us: us(percentile(t, 90)), p99Us: us(percentile(t, 99)) });
  const report = { benchmark: "thread-hop", date: new Date().toISOString(), unit: "microseconds, round trip", gapBetweenTripsMs: GAP_MS, postMessage: summary(all.message), atomicsThenPostMessage: summary(all.atomics), atomicsBothWays: summary(all.atomicsBoth), blocks, loadAverageAtEnd: loadavg().map(round2) };
  writeResult("thread-hop", report);
  console.log(JSON.stringify(report, null, 2));
}

void main();
