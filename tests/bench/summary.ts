// npm run bench (last step): gathers tests/bench/results/*-latest.json into latest.json and prints
// every target of issue 14 with its figure, its baseline (the bare relay of the same run, or the
// stated reference), the ratio and whether it is met. A benchmark that has not written its file
// yet shows "not run". A result file may also carry its own `targets` array
// ([{ figure, value, baseline, ratio, target, met }]): those rows are printed as they are.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const dir = path.join(process.cwd(), "tests", "bench", "results");
const NAMES = ["collab", "server", "history", "export", "soak", "cold-open", "memory", "page-typing", "page-load", "faults-long"] as const;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- result files are free-form JSON written by each benchmark
type Json = any;
const read = (name: string): Json => {
  const file = path.join(dir, `${name}-latest.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
};
const results: Record<string, Json> = Object.fromEntries(NAMES.map((n) => [n, read(n)]));
writeFileSync(path.join(dir, "latest.json"), JSON.stringify({ date: new Date().toISOString(), ...results }, null, 2) + "\n");

interface Row { target: string; figure: string | number; baseline: string | number; ratio: string | number; status: string }
const rows: Row[] = [];
const r2 = (n: number) => (Number.isFinite(n) ? +n.toFixed(2) : "-");
const status = (met: boolean | undefined | null) => (met === undefined || met === null ? "unknown" : met ? "met" : "NOT MET");
const notRun = (target: string, file: string) => rows.push({ target, figure: "not run", baseline: "-", ratio: "-", status: `not run (${file}-latest.json)` });
/** Rows a benchmark declares itself, in the `targets` convention above. */
const declared = (name: string): boolean => {
  const targets = results[name]?.targets;
  if (!Array.isArray(targets)) return false;
  for (const t of targets) rows.push({ target: `${t.target ?? t.figure}`, figure: t.value ?? "-", baseline: t.baseline ?? "-", ratio: t.ratio ?? "-", status: status(t.met) });
  return true;
};

// 1. Propagation p50 ≤ 1.15x and p99 ≤ 1.3x the relay at N = 10, 50, 200; durable ack p99 ≤ relay p99 + 5 ms.
const collab = results.collab;
if (!collab) notRun("propagation p50 ≤ 1.15x, p99 ≤ 1.3x relay", "collab");
for (const r of collab?.results ?? []) {
  rows.push({ target: `propagation N=${r.clients} p50 ≤ 1.15x relay (ms)`, figure: r.full.p50_ms, baseline: r.relay.p50_ms, ratio: r.ratio_p50, status: status(r.ratio_p50 <= 1.15) });
  rows.push({ target: `propagation N=${r.clients} p99 ≤ 1.3x relay (ms)`, figure: r.full.p99_ms, baseline: r.relay.p99_ms, ratio: r.ratio_p99, status: status(r.ratio_p99 <= 1.3) });
  if (r.durableAck) {
    rows.push({ target: `durable ack N=${r.clients} p99 (received → committed) ≤ relay p99 + 5 ms`, figure: r.durableAck.p99_ms, baseline: `${r.relay.p99_ms} + 5`, ratio: `${r2(r.durableAck.p99_ms - r.relay.p99_ms)} ms above`, status: status(r.durableAck.p99_ms <= r.relay.p99_ms + 5) });
  }
}
if (collab && !collab.results?.some((r: Json) => r.durableAck)) rows.push({ target: "durable ack p99 ≤ relay p99 + 5 ms", figure: "not run", baseline: "-", ratio: "-", status: "not run (collab-latest.json predates it: rerun bench:collab)" });

// 2. Sustainable edit rate ≥ 0.8x the relay.
const server = results.server;
if (server?.saturation) {
  const s = server.saturation;
  rows.push({ target: "sustainable edit rate ≥ 0.8x relay (ops/s, 10 writers, 10 readers, p99 ≤ 50 ms)", figure: s.sustainableOpsPerSec.full, baseline: s.sustainableOpsPerSec.relay, ratio: s.ratio, status: status(s.ratio >= 0.8) });
} else notRun("sustainable edit rate ≥ 0.8x relay", "server");
if (server?.durableAck) rows.push({ target: "durable ack under the server benchmark's load (p50 / p99 ms, no target)", figure: `${server.durableAck.p50Ms} / ${server.durableAck.p99Ms}`, baseline: "-", ratio: "-", status: "info" });

// 3. Cold open of the automerge-paper trace: p95 ≤ 300 ms and ≤ 1.5x the relay serving the same state.
if (!declared("cold-open")) {
  const c = results["cold-open"]?.coldOpen;
  if (c?.trace?.p95Ms !== undefined) {
    rows.push({ target: "cold open p95 ≤ 300 ms (automerge-paper final doc, snapshot + 10,000 tail)", figure: c.trace.p95Ms, baseline: 300, ratio: r2(c.trace.p95Ms / 300), status: status(c.trace.p95Ms <= 300) });
    rows.push({ target: "cold open p95 ≤ 1.5x relay serving the same state (ms)", figure: c.trace.p95Ms, baseline: c.relaySameState?.p95Ms ?? "-", ratio: c.ratioP95 ?? "-", status: status(c.ratioP95 === undefined ? undefined : c.ratioP95 <= 1.5) });
    if (c.random100k?.p95Ms !== undefined) rows.push({ target: "cold open, 100,000 random edits (p95 ms, reported beside)", figure: c.random100k.p95Ms, baseline: "-", ratio: "-", status: "info" });
    const o = results["cold-open"].otherRoomWhileLoading;
    if (o) rows.push({ target: "another room's propagation while big drafts load (p50 / p99 ms, no target)", figure: `${o.duringLoads.p50Ms} / ${o.duringLoads.p99Ms}`, baseline: `${o.quiet.p50Ms} / ${o.quiet.p99Ms} (no load)`, ratio: "-", status: "info" });
  } else if (results["cold-open"]) rows.push({ target: "cold open", figure: "see cold-open-latest.json", baseline: "-", ratio: "-", status: "unknown format" });
  else notRun("cold open p95 ≤ 300 ms and ≤ 1.5x relay", "cold-open");
}

// 4. Memory per open draft and per connection at 200 drafts × 10 clients (reported, no ratio).
if (!declared("memory")) {
  const m = results.memory;
  if (m) rows.push({ target: `server memory per draft / per connection (${m.drafts} drafts × ${m.clientsPerDraft} clients; heap KiB, RSS KiB in brackets)`, figure: `${m.perDraft.heapKiB} (${m.perDraft.rssKiB}) / ${m.perConnection.heapKiB} (${m.perConnection.rssKiB})`, baseline: "empty server, same run", ratio: "-", status: "reported" });
  else notRun("server memory per draft and per connection", "memory");
}

// 5. kill -9 long form and the long fault suite.
if (!declared("faults-long")) {
  const f = results["faults-long"];
  if (f?.kill9) rows.push({ target: `kill -9 long form (${f.kill9.writers} writers): trials with nothing lost / passed / run`, figure: `${f.kill9.trialsNothingLostAtKill} / ${f.kill9.trialsPassed} / ${f.kill9.trials}`, baseline: "all", ratio: "-", status: status(f.kill9.trialsNothingLostAtKill === f.kill9.trials && f.kill9.trialsPassed === f.kill9.trials) });
  if (f?.fuzz) rows.push({ target: `fuzz ${f.fuzz.frames} frames: frames/s, honest reader p50 / p99 (ms)`, figure: `${f.fuzz.framesPerSecond}, ${f.fuzz.honestReaderLatencyMs.p50} / ${f.fuzz.honestReaderLatencyMs.p99}`, baseline: "-", ratio: "-", status: "info" });
  if (f && !f.kill9 && !f.fuzz) rows.push({ target: "long fault suite (kill -9 50 × 20 writers, network seeds, fuzz)", figure: "see faults-long-latest.json", baseline: "-", ratio: "-", status: "unknown format" });
  if (!f) notRun("kill -9 long form loses nothing; long fault suite green", "faults-long");
}

// 6. Typing in a 1,000-article draft within 1.2x of the 5-article demo.
if (!declared("page-typing")) {
  const t = results["page-typing"];
  if (t?.results?.demo) {
    rows.push({ target: "keystroke p50 in Chromium, 1,000 articles ≤ 1.2x the demo (ms)", figure: t.results["1000"].p50Ms, baseline: t.results.demo.p50Ms, ratio: t.ratios["1000/demo"].p50, status: status(t.ratios["1000/demo"].p50 <= 1.2) });
    rows.push({ target: "keystroke p50 in Chromium, 200 articles vs the demo (ms)", figure: t.results["200"].p50Ms, baseline: t.results.demo.p50Ms, ratio: t.ratios["200/demo"].p50, status: status(t.ratios["200/demo"].p50 <= 1.2) });
  } else if (t) rows.push({ target: "typing: 1,000 articles ≤ 1.2x demo", figure: "see page-typing-latest.json", baseline: "-", ratio: "-", status: "unknown format" });
  else notRun("time per keystroke, 1,000 articles ≤ 1.2x the 5-article demo", "page-typing");
}

// 7. Soak: server heap growth after GC from minute 2 to the end < 5 %.
const soak = results.soak;
if (!declared("soak")) {
  if (soak) rows.push({ target: `soak (${soak.minutes} min): server heap growth from minute 2 < 5 %`, figure: soak.serverHeapGrowthPercent, baseline: "< 5", ratio: "-", status: status(soak.minutes >= 60 ? soak.serverHeapGrowthPercent < 5 : undefined) + (soak.minutes < 60 ? ` (only ${soak.minutes} min, target is 60)` : "") });
  else notRun("one-hour soak: heap growth < 5 %", "soak");
}

// 8. Editor page on slow 4G with a 4x slower CPU: < 300 KiB transferred, editable < 3 s.
if (!declared("page-load")) {
  const p = results["page-load"];
  const now = p?.results?.this;
  if (now) {
    const before = p.results.compare;
    rows.push({ target: "editor page transferred on slow 4G < 300 KiB (baseline: the build compared in the same run)", figure: now.transferredKiB.total, baseline: before?.transferredKiB.total ?? "-", ratio: before ? r2(now.transferredKiB.total / before.transferredKiB.total) : "-", status: status(now.transferredKiB.total < 300) });
    rows.push({ target: "editor page editable p50 on slow 4G + 4x CPU < 3,000 ms", figure: now.editableMs.p50, baseline: before?.editableMs.p50 ?? "-", ratio: before ? r2(now.editableMs.p50 / before.editableMs.p50) : "-", status: status(now.editableMs.p50 < 3000) });
  } else if (p) rows.push({ target: "editor page, slow 4G + 4x CPU: < 300 KiB, editable < 3 s", figure: "see page-load-latest.json", baseline: "-", ratio: "-", status: "unknown format" });
  else notRun("editor page < 300 KiB and editable < 3 s on slow 4G", "page-load");
}

// Other figures, no target.
if (results.history) rows.push({ target: "history benchmark (no target)", figure: "see history-latest.json", baseline: "-", ratio: "-", status: "info" });
if (results.export) rows.push({ target: "export benchmark (no target)", figure: "see export-latest.json", baseline: "-", ratio: "-", status: "info" });

const load = collab?.loadAverageAtEnd ?? server?.loadAverageAtEnd;
console.log(`Issue 14 targets (ratios against the bare relay of the same run${load ? `; load average at the end of the propagation run ${load.join(" / ")}, a shared 2-core machine` : ""}):`);
console.table(rows);
