// The collaboration server alone in its own process, for fault tests (kill -9) and benchmarks.
// Usage: DATABASE_URL=file:… AUTH_SECRET=… PORT=… tsx tests/helpers/collab-process.ts
// Optional: COLLAB_UNLOAD_MS, COLLAB_NO_COMPACT=1 (keep long logs), COLLAB_COMPACT_AFTER.
// GET /stats answers { ackTimes, rssBytes, heapUsedBytes, rooms, stats } for the benchmarks.
import { createServer } from "node:http";
import { closeDb, openDb, tuneDb } from "@/server/db/client";
import { composeCollab } from "@/server/compose";

async function main() {
  await tuneDb(await openDb());
  const noCompact = process.env.COLLAB_NO_COMPACT === "1";
  const { collab } = composeCollab({
    ...(process.env.COLLAB_UNLOAD_MS ? { unloadGraceMs: Number(process.env.COLLAB_UNLOAD_MS) } : {}),
    ...(noCompact ? { compactOnUnload: false, compactAfterUpdates: Number.POSITIVE_INFINITY } : {}),
    ...(process.env.COLLAB_COMPACT_AFTER ? { compactAfterUpdates: Number(process.env.COLLAB_COMPACT_AFTER) } : {}),
  });
  const http = createServer((req, res) => {
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
  process.on("SIGTERM", () => void collab.close().then(closeDb).then(() => process.exit(0)));
}
void main();
