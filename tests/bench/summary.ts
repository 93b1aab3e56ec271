// Gathers the latest results of every benchmark into tests/bench/results/latest.json and prints
// the headline figures with their baselines and ratios.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const dir = path.join(process.cwd(), "tests", "bench", "results");
const read = (name: string) => {
  const file = path.join(dir, `${name}-latest.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
};
const all = { date: new Date().toISOString(), collab: read("collab"), server: read("server"), history: read("history"), export: read("export"), soak: read("soak"), faults: read("faults-long") };
writeFileSync(path.join(dir, "latest.json"), JSON.stringify(all, null, 2) + "\n");
const rows: Record<string, string | number>[] = [];
for (const r of all.collab?.results ?? []) rows.push({ figure: `propagation N=${r.clients} p50 / p99 (ms)`, full: `${r.full.p50_ms} / ${r.full.p99_ms}`, baseline: `${r.relay.p50_ms} / ${r.relay.p99_ms}`, ratio: `${r.ratio_p50} / ${r.ratio_p99}` });
if (all.server?.saturation) rows.push({ figure: "sustainable edit rate (ops/s, p99 ≤ 50 ms)", full: all.server.saturation.sustainableOpsPerSec.full, baseline: all.server.saturation.sustainableOpsPerSec.relay, ratio: all.server.saturation.ratio });
if (all.server?.coldLoad) rows.push({ figure: `cold load p95, ${all.server.coldLoad.storedUpdates} updates vs compacted (ms)`, full: all.server.coldLoad.longLog.p95Ms, baseline: all.server.coldLoad.compacted.p95Ms, ratio: all.server.coldLoad.ratioP95 });
if (all.server?.trace) rows.push({ figure: "trace replay (ops/s), text equals endContent", full: all.server.trace.opsPerSecond, baseline: "-", ratio: String(all.server.trace.finalTextMatchesEndContent) });
if (all.server?.durableAck) rows.push({ figure: "durable ack p50 / p99 (ms)", full: `${all.server.durableAck.p50Ms} / ${all.server.durableAck.p99Ms}`, baseline: "-", ratio: "-" });
if (all.soak) rows.push({ figure: `soak ${all.soak.minutes} min: server heap growth from minute 2 % / rooms left loaded`, full: `${all.soak.serverHeapGrowthPercent} / ${all.soak.roomsLoadedAfterAllLeft}`, baseline: "< 5 / 0", ratio: "-" });
if (all.faults?.fuzz) rows.push({ figure: `fuzz ${all.faults.fuzz.frames} frames: frames/s, honest reader p50 / p99 (ms)`, full: `${all.faults.fuzz.framesPerSecond}, ${all.faults.fuzz.honestReaderLatencyMs.p50} / ${all.faults.fuzz.honestReaderLatencyMs.p99}`, baseline: "-", ratio: "-" });
if (all.faults?.kill9) rows.push({ figure: `kill -9 (${all.faults.kill9.writers} writers): trials with nothing lost / passed / run`, full: `${all.faults.kill9.trialsNothingLostAtKill} / ${all.faults.kill9.trialsPassed} / ${all.faults.kill9.trials}`, baseline: "all", ratio: "-" });
console.table(rows);
