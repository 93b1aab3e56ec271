// npm run bench:soak — churn over 200 drafts for SOAK_MINUTES (60 in the long form): clients
// join random drafts, type, leave. Reports the server's heap after GC every 30 s and its growth
// from minute 2 to the end (must stay under 5 %), that every room unloads once its last client
// has left, and this harness's own heap: it keeps nothing of a finished session (run it with
// `node --expose-gc --import tsx` to sample its heap after GC).
import os from "node:os";
import { benchDatabase, benchUsers, connectClient, round2, startFullServer, synced, writeResult } from "./lib";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 60);
const DRAFTS = 200;

const CONCURRENT = 40;
const SYNC_TIMEOUT_MS = 30_000;

async function main() {
  await benchDatabase("bench-soak");
  const { createDraft } = await import("@/server/domain/drafts");
  const { mintCollabAccess } = await import("@/server/domain/drafts/collab-access");
  const { secretariat, members } = await benchUsers(CONCURRENT);
  const editors = members.filter((m) => m.role === "member");
  const drafts: string[] = [];
  for (let i = 0; i < DRAFTS; i++) drafts.push((await createDraft(secretariat, { title: `soak ${i}` })).id);
  const port = 44000 + Math.floor(Math.random() * 1000);
  const server = await startFullServer(port, { COLLAB_GC_STATS: "1", COLLAB_UNLOAD_MS: "500" });
  const url = `ws://127.0.0.1:${port}/collab`;

  // Counters only: the harness keeps nothing of a finished session (no per-session records).
  let sessions = 0;
  let failedSessions = 0;
  const session = async (slot: number) => {
    const draftId = drafts[Math.floor(Math.random() * DRAFTS)];
    const access = await mintCollabAccess(editors[slot % editors.length], draftId, url);
    const c = connectClient(url, access.room, access.token);
    try {
      // A session that never syncs must not stall its slot for the rest of the hour.
      await Promise.race([synced(c.provider), new Promise((_, reject) => setTimeout(() => reject(new Error("sync timeout")), SYNC_TIMEOUT_MS).unref())]);
      const t = c.doc.getText("soak");
      for (let k = 0; k < 20; k++) {
        t.insert(t.length, "x");
        await new Promise((r) => setTimeout(r, 50));
      }
    } catch {
      failedSessions++;
    } finally {
      // The provider leaves its presence (Awareness) running, with a 15 s timer that holds the
      // document: destroying the document stops it. Without this the harness kept every session's
      // document and died of heap exhaustion after 20 minutes.
      c.provider.destroy();
      c.doc.destroy();
    }
  };
  // warm up, then measure the baseline heap
  await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => session(i)));
  await new Promise((r) => setTimeout(r, 2000));
  const startedAt = Date.now();
  const end = startedAt + MINUTES * 60_000;
  const samples: { minute: number; sessions: number; serverHeapMiB: number; rooms: number; harnessHeapMiB: number }[] = [];
  // One sample per 30 s: 120 small records in an hour, bounded by the duration, not by the sessions.
  const sample = async () => {
    try {
      const stats = await server.stats(); // after a GC in the server (COLLAB_GC_STATS)
      globalThis.gc?.();
      const s = {
        minute: round2((Date.now() - startedAt) / 60_000),
        sessions,
        serverHeapMiB: round2(stats.heapUsedBytes / 1048576),
        rooms: stats.rooms,
        harnessHeapMiB: round2(process.memoryUsage().heapUsed / 1048576),
      };
      samples.push(s);
      console.error(`soak ${JSON.stringify(s)}`); // progress, to follow a long run in its log
    } catch (error) {
      console.error(`soak sample failed: ${String(error)}`);
    }
  };
  await sample();
  const sampler = setInterval(() => void sample(), 30_000);
  // The last sample under load, at the end of the churn, compares like with like with minute 2.
  const lastUnderLoad = new Promise<void>((r) => setTimeout(() => void sample().then(r), Math.max(0, end - Date.now() - 1000)));
  await Promise.all(
    Array.from({ length: CONCURRENT }, async (_, slot) => {
      while (Date.now() < end) {
        await session(slot);
        sessions++;
      }
    }),
  );
  clearInterval(sampler);
  await lastUnderLoad;
  const underLoad = samples[samples.length - 1];
  await new Promise((r) => setTimeout(r, 3000)); // last rooms unload
  await sample();
  const finish = samples[samples.length - 1];
  // Minute 2 on: the first minutes fill caches (token memory, JIT), growth after that is a leak.
  const fromMinute2 = samples.find((s) => s.minute >= 2) ?? samples[0];
  await server.stop();
  const report = {
    benchmark: "soak",
    date: new Date().toISOString(),
    minutes: MINUTES,
    drafts: DRAFTS,
    concurrentClients: CONCURRENT,
    sessions,
    failedSessions,
    /** Minute 2 and the end of the churn are both under load (40 clients): like with like. */
    serverHeapAfterGcMiB: { atMinute: fromMinute2.minute, start: fromMinute2.serverHeapMiB, endMinute: underLoad.minute, end: underLoad.serverHeapMiB, afterAllLeft: finish.serverHeapMiB },
    serverHeapGrowthPercent: round2(((underLoad.serverHeapMiB - fromMinute2.serverHeapMiB) / fromMinute2.serverHeapMiB) * 100),
    serverHeapGrowthPercentAfterAllLeft: round2(((finish.serverHeapMiB - fromMinute2.serverHeapMiB) / fromMinute2.serverHeapMiB) * 100),
    roomsLoadedAfterAllLeft: finish.rooms,
    harnessHeapMiB: { atMinute: fromMinute2.minute, start: fromMinute2.harnessHeapMiB, end: finish.harnessHeapMiB, max: Math.max(...samples.map((x) => x.harnessHeapMiB)), gcExposed: typeof globalThis.gc === "function" },
    /** Timers still running in the harness after every session ended (one per leaked session before the fix). */
    harnessTimersLeft: process.getActiveResourcesInfo().filter((r) => r === "Timeout").length,
    loadAverage: os.loadavg().map(round2),
    samples,
  };
  writeResult("soak", report);
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}

void main();
