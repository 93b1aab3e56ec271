// npm run bench:server — the collaboration server under load, each figure beside a baseline
// measured in the same run:
//  1. saturation: total edit rate stepped up until p99 propagation exceeds 50 ms (full vs relay)
//  2. cold load of a draft with 100,000 stored updates vs the same draft compacted (p95, memory)
//  3. a real editing trace (automerge-paper, 259,778 operations) replayed while 20 clients watch
//  4. durable-ack cost: received → committed, p50/p99
// Writes tests/bench/results/server-latest.json and prints a table.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import * as Y from "yjs";
import { benchDatabase, benchUsers, connectClient, percentile, round2, ROOT, startFullServer, startRelay, synced, finishBench } from "./lib";

const SATURATION_STEPS = (process.env.BENCH_RATES ?? "100,200,400,800,1600").split(",").map(Number);
const WRITERS = 10;
const READERS = 10;
const COLD_UPDATES = Number(process.env.BENCH_COLD_UPDATES ?? 100_000);
const TRACE_OPS_PER_MESSAGE = 100; // one Yjs transaction per 100 keystrokes, like a fast typist's batches
const TRACE_WATCHERS = 20;
const PHASES = new Set((process.env.BENCH_PHASES ?? "saturation,cold,trace").split(","));

type Target = { url: string; room: string; tokens: string[] | null };

/** p99 of propagation from WRITERS writers at a total rate to READERS readers, over 3 s. */
async function propagationAt(target: Target, totalRate: number) {
  const clients = Array.from({ length: WRITERS + READERS }, (_, i) => connectClient(target.url, target.room, target.tokens?.[i] ?? null));
  await Promise.all(clients.map((c) => synced(c.provider)));
  const writers = clients.slice(0, WRITERS);
  const readers = clients.slice(WRITERS);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const seen = readers.map(() => new Map<number, number>());
  readers.forEach((r, ri) =>
    r.doc.on("update", () => {
      const now = performance.now();
      for (const w of writers) {
        const clock = Y.getState(r.doc.store, w.doc.clientID);
        for (let k = seen[ri].get(w.doc.clientID) ?? 0; k < clock; k++) {
          const at = sentAt.get(`${w.doc.clientID}:${k}`);
          if (at !== undefined) latencies.push(now - at);
        }
        seen[ri].set(w.doc.clientID, clock);
      }
    }),
  );
  const texts = writers.map((w) => w.doc.getText(`t${w.doc.clientID}`));
  const interval = 1000 / (totalRate / WRITERS);
  const end = performance.now() + 3000;
  let next = performance.now();
  let i = 0;
  while (performance.now() < end) {
    const w = writers[i % WRITERS];
    sentAt.set(`${w.doc.clientID}:${Y.getState(w.doc.store, w.doc.clientID)}`, performance.now());
    texts[i % WRITERS].insert(0, "x");
    i++;
    next += interval / WRITERS;
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else if (i % 20 === 0) await new Promise((r) => setImmediate(r));
  }
  await new Promise((r) => setTimeout(r, 500));
  for (const c of clients) c.provider.destroy();
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), samples: latencies.length };
}

async function main() {
  const db = await benchDatabase("bench-server");
  const { secretariat, members } = await benchUsers(WRITERS + READERS + TRACE_WATCHERS + 1);
  const writerToken = members.filter((m) => m.role === "member");
  const { createDraft } = await import("@/server/domain/drafts");
  const { mintCollabAccess } = await import("@/server/domain/drafts/collab-access");
  const { draftStateRepo } = await import("@/server/db/repositories/drafts");
  const { readClauses } = await import("@/lib/editor/ydoc");
  const { YDOC_FIELD } = await import("@/lib/editor/schema");
  const { compactDraft } = await import("@/server/collab/persistence");

  const port = 43000 + Math.floor(Math.random() * 1000);
  const full = await startFullServer(port, { COLLAB_NO_COMPACT: "1", COLLAB_UNLOAD_MS: "100" });
  const relay = await startRelay(port + 1);
  const fullUrl = `ws://127.0.0.1:${port}/collab`;
  const report: Record<string, unknown> = { benchmark: "collab-server", date: new Date().toISOString(), sqliteSynchronous: process.env.SQLITE_SYNCHRONOUS ?? "FULL" };

  try {
    // 1. Saturation, interleaved: relay then full at each step.
    const tokensFor = async (draftId: string) => {
      const people = [...writerToken.slice(0, WRITERS), ...members.slice(WRITERS, WRITERS + READERS)];
      return Promise.all(people.map(async (m) => (await mintCollabAccess(m, draftId, fullUrl)).token));
    };
    if (PHASES.has("saturation")) {
    const steps: { rate: number; full: { p50: number; p99: number }; relay: { p50: number; p99: number } }[] = [];
    for (const rate of SATURATION_STEPS) {
      const r = await propagationAt({ url: `ws://127.0.0.1:${port + 1}`, room: `sat-${rate}`, tokens: null }, rate);
      const draft = await createDraft(secretariat, { title: `sat ${rate}` });
      const f = await propagationAt({ url: fullUrl, room: `draft.${draft.id}`, tokens: await tokensFor(draft.id) }, rate);
      steps.push({ rate, full: { p50: round2(f.p50), p99: round2(f.p99) }, relay: { p50: round2(r.p50), p99: round2(r.p99) } });
    }
    const sustainable = (key: "full" | "relay") => Math.max(0, ...steps.filter((s) => s[key].p99 <= 50).map((s) => s.rate));
    report.saturation = { writers: WRITERS, readers: READERS, steps, sustainableOpsPerSec: { full: sustainable("full"), relay: sustainable("relay") }, ratio: round2(sustainable("full") / Math.max(1, sustainable("relay"))) };
    }

    // 2. Cold load: 100,000 stored updates vs one compacted snapshot of the same text.
    if (PHASES.has("cold")) {
    const long = await createDraft(secretariat, { title: "cold long" });
    const doc = new Y.Doc();
    // the stored initial state first, so the log continues it
    const stored = await draftStateRepo.load(db, long.id);
    Y.applyUpdate(doc, new Uint8Array(stored!.snapshot!));
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u)); // every change is logged, the text node too
    const text = ((doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement);
    text.insert(0, [new Y.XmlText("")]);
    const xt = text.get(0) as Y.XmlText;
    for (let i = 0; updates.length < COLD_UPDATES; i++) {
      if (i % 7 === 6 && xt.length > 0) xt.delete(Math.floor(Math.random() * xt.length), 1);
      else xt.insert(Math.floor(Math.random() * (xt.length + 1)), "abcdefghij"[i % 10]);
    }
    for (let i = 0; i < updates.length; i += 5000) {
      await draftStateRepo.append(db, updates.slice(i, i + 5000).map((data) => ({ draftId: long.id, data, userId: null })));
    }
    // the same text as one snapshot, as compaction leaves it
    const compacted = await createDraft(secretariat, { title: "cold compacted" });
    await db.draft.update({ where: { id: compacted.id }, data: { yjsSnapshot: Buffer.from(Y.encodeStateAsUpdate(doc)) } });
    const expected = readClauses(doc)[0].text;
    const coldLoad = async (draftId: string) => {
      const times: number[] = [];
      let rss = 0;
      let textMatches = true;
      for (let i = 0; i < 12; i++) {
        const access = await mintCollabAccess(members[0], draftId, fullUrl);
        const start = performance.now();
        const c = connectClient(fullUrl, access.room, access.token, false);
        await synced(c.provider);
        times.push(performance.now() - start);
        const loaded = readClauses(c.doc).find((cl) => cl.text.length > 1000)?.text ?? "";
        if (loaded !== expected) textMatches = false;
        rss = Math.max(rss, (await full.stats()).rssBytes);
        c.provider.destroy();
        await new Promise((r) => setTimeout(r, 400)); // room unloads: next connect is cold again
      }
      return { p50Ms: round2(percentile(times, 50)), p95Ms: round2(percentile(times, 95)), peakRssMiB: round2(rss / 1048576), textMatches };
    };
    const longLoad = await coldLoad(long.id);
    const compactLoad = await coldLoad(compacted.id);
    report.coldLoad = { storedUpdates: updates.length, longLog: longLoad, compacted: compactLoad, ratioP95: round2(longLoad.p95Ms / compactLoad.p95Ms) };
    }

    // 3. Real editing trace through one client while 20 others watch.
    if (PHASES.has("trace")) {
    const trace = JSON.parse(gunzipSync(readFileSync(path.join(ROOT, "tests", "bench", "traces", "automerge-paper.json.gz"))).toString()) as {
      startContent: string;
      endContent: string;
      txns: { patches: [number, number, string][] }[];
    };
    const traceDraft = await createDraft(secretariat, { title: "trace" }, [{ clauseId: "trace", heading: "", paragraphs: [[]] }]);
    const writerAccess = await mintCollabAccess(writerToken[0], traceDraft.id, fullUrl);
    const writer = connectClient(fullUrl, writerAccess.room, writerAccess.token);
    const watchers = await Promise.all(members.slice(WRITERS + READERS, WRITERS + READERS + TRACE_WATCHERS).map(async (m) => {
      const a = await mintCollabAccess(m, traceDraft.id, fullUrl);
      return connectClient(fullUrl, a.room, a.token);
    }));
    await Promise.all([writer, ...watchers].map((c) => synced(c.provider)));
    const para = (writer.doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
    writer.doc.transact(() => para.insert(0, [new Y.XmlText(trace.startContent)]));
    const target = para.get(0) as Y.XmlText;
    const patches = trace.txns.flatMap((t) => t.patches);
    const startAt = performance.now();
    for (let i = 0; i < patches.length; i += TRACE_OPS_PER_MESSAGE) {
      writer.doc.transact(() => {
        for (const [pos, del, ins] of patches.slice(i, i + TRACE_OPS_PER_MESSAGE)) {
          if (del) target.delete(pos, del);
          if (ins) target.insert(pos, ins);
        }
      });
      // stay under the per-connection rate limit (300 messages/s with presence)
      if ((i / TRACE_OPS_PER_MESSAGE) % 50 === 49) await new Promise((r) => setTimeout(r, 200));
    }
    const writerVector = Buffer.from(Y.encodeStateVector(writer.doc));
    const deadline = Date.now() + 120_000;
    while (!watchers.every((w) => Buffer.from(Y.encodeStateVector(w.doc)).equals(writerVector)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const elapsed = performance.now() - startAt;
    // the raw text of the clause's paragraph (readClauses trims), compared with the trace's end
    const rawText = (d: Y.Doc) => ((((d.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText).toDelta() as { insert: string }[]).map((op) => op.insert).join("");
    const watchersMatch = watchers.every((w) => rawText(w.doc) === trace.endContent);
    for (const c of [writer, ...watchers]) c.provider.destroy();
    await new Promise((r) => setTimeout(r, 500));
    const logBytes = (await db.draftUpdate.findMany({ where: { draftId: traceDraft.id }, select: { data: true } })).reduce((n, r) => n + r.data.length, 0);
    await compactDraft(traceDraft.id);
    const snapshot = await db.draft.findUnique({ where: { id: traceDraft.id }, select: { yjsSnapshot: true } });
    const storedDoc = new Y.Doc();
    Y.applyUpdate(storedDoc, new Uint8Array(snapshot!.yjsSnapshot!));
    report.trace = {
      operations: patches.length,
      messages: Math.ceil(patches.length / TRACE_OPS_PER_MESSAGE),
      watchers: TRACE_WATCHERS,
      seconds: round2(elapsed / 1000),
      opsPerSecond: Math.round(patches.length / (elapsed / 1000)),
      logBytes,
      logBytesPerOperation: round2(logBytes / patches.length),
      compactedBytes: snapshot!.yjsSnapshot!.length,
      finalTextMatchesEndContent: rawText(storedDoc) === trace.endContent,
      watchersMatchEndContent: watchersMatch,
    };
    }

    // 4. Durable-ack cost over everything above.
    const { ackTimes } = await full.stats();
    report.durableAck = { samples: ackTimes.length, p50Ms: round2(percentile(ackTimes, 50)), p99Ms: round2(percentile(ackTimes, 99)) };
  } finally {
    await full.stop();
    await relay.stop();
  }
  finishBench("server", report);
}

void main();
