// The collaboration server alone in its own process, for fault tests (kill -9) and benchmarks.
// Usage: DATABASE_URL=file:… AUTH_SECRET=… PORT=… tsx tests/helpers/collab-process.ts
// Optional: COLLAB_UNLOAD_MS, COLLAB_NO_COMPACT=1 (keep long logs), COLLAB_COMPACT_AFTER,
// REDIS_URL (with a PostgreSQL DATABASE_URL: one of several processes sharing drafts, issue 15).
// GET /stats answers { ackTimes, rssBytes, heapUsedBytes, rooms, stats } for the benchmarks.
// COLLAB_STAGE_TIMES=1 (tests/bench/propagation-breakdown.ts): GET /stages answers the per-stage
// timings, an event-loop delay histogram and the time spent in Prisma's index and version
// writes since the last POST /stages/reset.
import { createServer } from "node:http";
import { closeDb, openDb, tuneDb } from "@/server/db/client";
import { checkpointWithDomain, composeCollab, indexWithDomain } from "@/server/compose";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { stageTimes } from "@/server/observability/stage-times";
import { RedisBus } from "@/server/collab/redis-bus";

/** Records how long a Prisma write path takes, and how much of that the event loop was busy. */
function timed<A extends unknown[]>(stage: string, run: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  if (!stageTimes) return run;
  const recorder = stageTimes;
  return async (...args: A) => {
    const start = performance.now();
    const elu = performance.eventLoopUtilization();
    try {
      await run(...args);
    } finally {
      const busy = performance.eventLoopUtilization(elu);
      recorder.record(`${stage}: wall time`, performance.now() - start);
      recorder.record(`${stage}: event loop busy during it`, busy.active);
    }
  };
}

async function main() {
  await tuneDb(await openDb());
  const noCompact = process.env.COLLAB_NO_COMPACT === "1";
  const bus = process.env.REDIS_URL ? new RedisBus(process.env.REDIS_URL) : undefined;
  await bus?.start();
  const { collab } = composeCollab({
    bus,
    indexDraft: timed("index rewrite (indexDraft)", indexWithDomain),
    checkpoint: timed("prisma version write (checkpoint)", checkpointWithDomain),
    ...(process.env.COLLAB_UNLOAD_MS ? { unloadGraceMs: Number(process.env.COLLAB_UNLOAD_MS) } : {}),
    ...(noCompact ? { compactOnUnload: false, compactAfterUpdates: Number.POSITIVE_INFINITY } : {}),
    ...(process.env.COLLAB_COMPACT_AFTER ? { compactAfterUpdates: Number(process.env.COLLAB_COMPACT_AFTER) } : {}),
  });
  const loopDelay = stageTimes ? monitorEventLoopDelay({ resolution: 1 }) : null;
  loopDelay?.enable();
  const http = createServer((req, res) => {
    if (req.url === "/stages" && stageTimes) {
      const ms = (ns: number) => Math.round(ns / 1e3) / 1e3;
      const eventLoopDelayMs = { p50: ms(loopDelay!.percentile(50)), p90: ms(loopDelay!.percentile(90)), p99: ms(loopDelay!.percentile(99)), max: ms(loopDelay!.max), mean: ms(loopDelay!.mean), count: loopDelay!.count };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ stages: stageTimes.summary(), eventLoopDelayMs }));
      return;
    }
    if (req.url === "/stages/reset" && stageTimes) {
      stageTimes.reset();
      loopDelay!.reset();
      res.writeHead(204).end();
      return;
    }
    if (req.url === "/stats") {
      if (process.env.COLLAB_GC_STATS === "1" && global.gc) global.gc();
      const memory = process.memoryUsage();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ackTimes: collab.ackTimes(), rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, rooms: collab.roomInfo().length, stats: collab.stats }));
      return;
    }
    res.writeHead(404).end();
  });
  http.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  http.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("ready\n"));
  // Drains the log, then stops the writer thread and Prisma after what they were sent.
  process.on("SIGTERM", () => void collab.close().then(() => bus?.close()).then(closeDb).then(() => process.exit(0)));
}
void main();
