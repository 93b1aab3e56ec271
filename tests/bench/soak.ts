// npm run bench:soak — churn over 200 drafts for SOAK_MINUTES (60 in the long form): clients
// join random drafts, type, leave. Reports the server's heap after GC at the start and the end
// (growth must stay under 5 %) and that every room unloads once its last client has left.
import { benchDatabase, benchUsers, connectClient, round2, startFullServer, synced, writeResult } from "./lib";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 60);
const DRAFTS = 200;
const CONCURRENT = 40;

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

  const session = async (slot: number) => {
    const draftId = drafts[Math.floor(Math.random() * DRAFTS)];
    const access = await mintCollabAccess(editors[slot % editors.length], draftId, url);
    const c = connectClient(url, access.room, access.token);
    await synced(c.provider);
    const t = c.doc.getText("soak");
    for (let k = 0; k < 20; k++) {
      t.insert(t.length, "x");
      await new Promise((r) => setTimeout(r, 50));
    }
    c.provider.destroy();
  };
  // warm up, then measure the baseline heap
  await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => session(i)));
  await new Promise((r) => setTimeout(r, 2000));
  const start = await server.stats();
  const end = Date.now() + MINUTES * 60_000;
  let sessions = 0;
  await Promise.all(
    Array.from({ length: CONCURRENT }, async (_, slot) => {
      while (Date.now() < end) {
        await session(slot);
        sessions++;
      }
    }),
  );
  await new Promise((r) => setTimeout(r, 3000)); // last rooms unload
  const finish = await server.stats();
  await server.stop();
  const report = {
    benchmark: "soak",
    date: new Date().toISOString(),
    minutes: MINUTES,
    drafts: DRAFTS,
    concurrentClients: CONCURRENT,
    sessions,
    heapAfterGcMiB: { start: round2(start.heapUsedBytes / 1048576), end: round2(finish.heapUsedBytes / 1048576) },
    heapGrowthPercent: round2(((finish.heapUsedBytes - start.heapUsedBytes) / start.heapUsedBytes) * 100),
    roomsLoadedAfterAllLeft: finish.rooms,
  };
  writeResult("soak", report);
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}

void main();
