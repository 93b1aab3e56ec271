// npx tsx tests/bench/memory.ts — server memory per open draft and per connection at
// 200 drafts × 10 clients (issue 14). The collaboration server runs in its own process
// (tests/helpers/collab-process.ts) and reports RSS and V8 heap after a full GC; each figure is
// the difference to the empty server measured in the same run, divided:
//   per draft      = (200 drafts × 1 client − empty − 200 connections) / 200
//   per connection = (200 drafts × 10 clients − 200 drafts × 1 client) / 1,800
//   first edit     = (after one edit in every draft − before) / 200: the scratch copy that
//                    validates updates is built on a room's first change.
// Writes tests/bench/results/memory-latest.json.
import { loadavg } from "node:os";
import * as Y from "yjs";
import { benchDatabase, connectClient, round2, startFullServer, synced, finishBench, type BenchProcess } from "./lib";

const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 200);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10);
const MiB = 1048576;

type Sample = { rssBytes: number; heapUsedBytes: number; rooms: number };

async function settle(server: BenchProcess): Promise<Sample> {
  // two GCs a moment apart (the first frees what finalizers release), then the figure
  await server.stats();
  await new Promise((r) => setTimeout(r, 500));
  const s = await server.stats();
  return { rssBytes: s.rssBytes, heapUsedBytes: s.heapUsedBytes, rooms: s.rooms };
}

const diff = (a: Sample, b: Sample, n: number) => ({ rssKiB: round2((a.rssBytes - b.rssBytes) / n / 1024), heapKiB: round2((a.heapUsedBytes - b.heapUsedBytes) / n / 1024) });
const mib = (s: Sample) => ({ rssMiB: round2(s.rssBytes / MiB), heapMiB: round2(s.heapUsedBytes / MiB), rooms: s.rooms });

async function main() {
  const db = await benchDatabase("bench-memory");
  const { createMember, toActor } = await import("@/server/domain/members");
  const { SYSTEM_ACTOR } = await import("@/server/domain/actor");
  const { usersRepo } = await import("@/server/db/repositories/users");
  const { createDraft } = await import("@/server/domain/drafts");
  const { mintCollabAccess } = await import("@/server/domain/drafts/collab-access");
  const { YDOC_FIELD } = await import("@/lib/editor/schema");

  // A user may hold at most 10 sockets: DRAFTS × CLIENTS / 10 members, each on 10 drafts (real
  // rows; the password hash is computed once and shared, hashing hundreds would take minutes).
  const secretariat = toActor(await createMember(SYSTEM_ACTOR, { email: "s@bench.test", name: "S", role: "secretariat", password: "bench-password" }))!;
  const first = await createMember(SYSTEM_ACTOR, { email: "m0@bench.test", name: "M0", role: "member", password: "bench-password" });
  const { passwordHash } = (await db.user.findUnique({ where: { id: first.id }, select: { passwordHash: true } }))!;
  const members = [toActor(first)!];
  for (let i = 1; i < Math.ceil((DRAFTS * CLIENTS) / 10); i++) {
    members.push(toActor(await usersRepo.create(db, { email: `m${i}@bench.test`, name: `M${i}`, passwordHash, role: "member", delegation: "" }))!);
  }
  const drafts: { id: string }[] = [];
  for (let i = 0; i < DRAFTS; i++) drafts.push(await createDraft(secretariat, { title: `memory ${i}` }));
  const draftStateBytes = (await db.draft.findUnique({ where: { id: drafts[0].id }, select: { yjsSnapshot: true } }))!.yjsSnapshot!.length;

  const port = 45000 + Math.floor(Math.random() * 1000);
  const server = await startFullServer(port, { COLLAB_GC_STATS: "1", COLLAB_UNLOAD_MS: "600000" });
  const url = `ws://127.0.0.1:${port}/collab`;
  const report: Record<string, unknown> = { benchmark: "memory", date: new Date().toISOString(), drafts: DRAFTS, clientsPerDraft: CLIENTS, draftStateBytes, loadAverageAtStart: loadavg().map(round2) };
  const clients: ReturnType<typeof connectClient>[][] = drafts.map(() => []);
  const connect = async (draftIndex: number, memberIndex: number) => {
    // the m-th client of every draft: members m·DRAFTS/10 … , ten drafts each
    const member = members[Math.floor((memberIndex * DRAFTS + draftIndex) / 10)];
    const access = await mintCollabAccess(member, drafts[draftIndex].id, url);
    const c = connectClient(url, access.room, access.token, true);
    clients[draftIndex].push(c);
    return c;
  };
  try {
    const empty = await settle(server);
    // every draft opened by one client
    for (let batch = 0; batch < DRAFTS; batch += 20) {
      const opened = await Promise.all(drafts.slice(batch, batch + 20).map((_, k) => connect(batch + k, 0)));
      await Promise.all(opened.map((c) => synced(c.provider)));
    }
    const oneClient = await settle(server);
    // nine more clients on each
    for (let batch = 0; batch < DRAFTS; batch += 20) {
      const opened = [];
      for (let k = batch; k < Math.min(DRAFTS, batch + 20); k++) for (let m = 1; m < CLIENTS; m++) opened.push(await connect(k, m));
      await Promise.all(opened.map((c) => synced(c.provider)));
    }
    await new Promise((r) => setTimeout(r, 1000)); // presence settles
    const full = await settle(server);
    // one edit in every draft: the room builds its scratch copy for validation
    for (const list of clients) {
      const para = (list[0].doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
      list[0].doc.transact(() => para.insert(0, [new Y.XmlText("x")]));
    }
    await new Promise((r) => setTimeout(r, 3000)); // stored, broadcast, indexed
    const edited = await settle(server);

    const perConnection = diff(full, oneClient, DRAFTS * (CLIENTS - 1));
    const oneConnEach = diff(oneClient, empty, DRAFTS);
    report.samples = { empty: mib(empty), drafts1Client: mib(oneClient), draftsAllClients: mib(full), afterOneEditEach: mib(edited) };
    report.perConnection = perConnection;
    report.perDraft = { rssKiB: round2(oneConnEach.rssKiB - perConnection.rssKiB), heapKiB: round2(oneConnEach.heapKiB - perConnection.heapKiB) };
    report.perDraftFirstEdit = diff(edited, full, DRAFTS);
    report.totalAboveEmpty = { rssMiB: round2((edited.rssBytes - empty.rssBytes) / MiB), heapMiB: round2((edited.heapUsedBytes - empty.heapUsedBytes) / MiB) };
    report.baseline = "the same server process with no room open (after GC), same run";
  } finally {
    for (const list of clients) for (const c of list) c.provider.destroy();
    await server.stop();
  }
  finishBench("memory", report);
}

void main();
