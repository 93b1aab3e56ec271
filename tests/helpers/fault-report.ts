// Figures of the fault suite (durations, rates, latencies), written only when FAULTS_REPORT names
// a file (`npm run test:faults:long` sets tests/bench/results/faults-long-latest.json). The tests
// assert correctness; these figures are reported, never asserted. Each test file writes its own
// section, so the files running in parallel forks never overwrite each other's figures.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export function reportFaultFigures(section: string, figures: Record<string, unknown>): void {
  const file = process.env.FAULTS_REPORT;
  if (!file) return;
  mkdirSync(path.dirname(file), { recursive: true });
  // Read and write in the same tick: the other files' sections are kept.
  const report = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  report[section] = { ...figures, date: new Date().toISOString(), loadAverage: os.loadavg().map((n) => +n.toFixed(2)) };
  writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
}
