// Per-stage timings of the collaboration server's update path, for the benchmarks only
// (tests/bench/propagation-breakdown.ts). Off unless COLLAB_STAGE_TIMES=1: then every stage
// records its duration here; otherwise `stageTimes` is null and each call site costs one
// null check. Times on one thread come from performance.now(); stamps compared across threads
// come from nowMs() (process.hrtime: monotonic, shared by all threads of the process).

/** Milliseconds on the process-wide monotonic clock (comparable across worker threads). */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

const MAX_SAMPLES = 100_000;

export class StageTimes {
  private readonly samples = new Map<string, number[]>();

  record(stage: string, ms: number): void {
    let list = this.samples.get(stage);
    if (!list) this.samples.set(stage, (list = []));
    if (list.length < MAX_SAMPLES) list.push(ms);
  }

  /** Records `performance.now() - since` under `stage` and returns the new now, for chaining stages. */
  since(stage: string, since: number): number {
    const now = performance.now();
    this.record(stage, now - since);
    return now;
  }

  summary(): Record<string, { count: number; p50: number; p90: number; p99: number; mean: number; max: number }> {
    const out: ReturnType<StageTimes["summary"]> = {};
    for (const [stage, list] of this.samples) {
      const sorted = [...list].sort((a, b) => a - b);
      const at = (p: number) => round3(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
      out[stage] = { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), mean: round3(sorted.reduce((a, b) => a + b, 0) / sorted.length), max: round3(sorted[sorted.length - 1]) };
    }
    return out;
  }

  reset(): void {
    this.samples.clear();
  }
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export const stageTimesEnabled = process.env.COLLAB_STAGE_TIMES === "1";
const KEY = Symbol.for("charter.stage-times");
const holder = globalThis as unknown as { [KEY]?: StageTimes };
/** The process's recorder, or null when stage timing is off (the normal case). */
export const stageTimes: StageTimes | null = stageTimesEnabled ? (holder[KEY] ??= new StageTimes()) : null;
