// Single-writer jobs across app processes (issue 15 item 3): two collaboration servers on one
// PostgreSQL and one Redis, each with clients typing. Every process sees every stored update and
// schedules the jobs; one does the work per trigger, the other finds it done (job lock + the
// sequence numbers Draft.indexedSeq / versionedSeq), as the servers' job_ran / job_skipped lines say.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshPostgres, startCollabOnBus, type BusCollab } from "../helpers/scale";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, waitFor, waitForSync, type TestClient } from "../helpers/collab";
import { appendBlocks, readClauses } from "@/lib/editor/ydoc";
import { draftsRepo } from "@/server/db/repositories/drafts";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { loadDraftInto } from "@/server/collab/persistence";
import { closeDb, db } from "@/server/db/client";
import { migrateDatabase, prepareStoredData } from "@/server/startup";
import { execFileSync } from "node:child_process";
import { DEMO_DRAFT_TITLE } from "@/server/demo/seed";
import type { Actor } from "@/server/domain/actor";

interface JobLine {
  server: "A" | "B";
  event: "job_ran" | "job_skipped";
  job: string;
  draftId: string;
  seq: number;
}

const lines: JobLine[] = [];
const logTo = (server: "A" | "B") => (event: string, data?: Record<string, unknown>) => {
  if (event === "job_ran" || event === "job_skipped") lines.push({ server, event, ...(data as { job: string; draftId: string; seq: number }) });
};
const jobLines = (job: string, draftId: string, event?: JobLine["event"]) => lines.filter((l) => l.job === job && l.draftId === draftId && (!event || l.event === event));

/** Types into the first paragraph of the first article, one change per character (as an editor sends keystrokes). */
async function typeInto(client: TestClient, text: string): Promise<void> {
  const p = (client.doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
  if (p.length === 0) p.insert(0, [new Y.XmlText("")]);
  const t = p.get(0) as Y.XmlText;
  for (const ch of text) {
    t.insert(t.length, ch);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const textOf = (doc: Y.Doc) => readClauses(doc)[0].text;

describe("single-writer jobs across two app processes", () => {
  let a: BusCollab, b: BusCollab;
  let member: Actor, other: Actor, secretariat: Actor;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    await useFreshPostgres();
    member = await makeActor("member");
    other = await makeActor("member");
    secretariat = await makeActor("secretariat");
    const options = {
      indexDebounceMs: 600,
      indexMaxWaitMs: 60_000,
      compactAfterUpdates: 50,
      checkpointQuietMs: 800,
      unloadGraceMs: 60_000,
    };
    a = await startCollabOnBus({ ...options, log: logTo("A") });
    b = await startCollabOnBus({ ...options, log: logTo("B") });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await a?.stop();
    await b?.stop();
    await closeDb();
  });

  /** A new draft with a client on each server, both synced. */
  async function draftOnBoth(title: string) {
    const draft = await makeDraft(secretariat, title, [{ clauseId: "c", heading: "", paragraphs: [[]] }]);
    const onA = await connectAs(a, member, draft.id);
    const onB = await connectAs(b, other, draft.id);
    clients.push(onA, onB);
    await Promise.all([waitForSync(onA), waitForSync(onB)]);
    return { draftId: draft.id, onA, onB };
  }

  /** Both clients type at once; resolves when both see the same text, holding both bursts. */
  async function burst(onA: TestClient, onB: TestClient, fromA: string, fromB: string): Promise<string> {
    await Promise.all([typeInto(onA, fromA), typeInto(onB, fromB)]);
    return waitFor(() => {
      const text = textOf(onA.doc);
      return text === textOf(onB.doc) && text.length === fromA.length + fromB.length ? text : null;
    }, 10_000, "both clients converge");
  }

  const headSeqOf = async (draftId: string) => (await db().draft.findUniqueOrThrow({ where: { id: draftId }, select: { headSeq: true } })).headSeq;

  it("indexes a burst of edits once across the two processes, and the index holds the final text", async () => {
    const { draftId, onA, onB } = await draftOnBoth("Index once");
    const text = await burst(onA, onB, "alphaalpha", "betabeta");
    const head = await headSeqOf(draftId);
    // Both processes decided (one ran, one found it done), each about the whole burst.
    await waitFor(() => (new Set(jobLines("index", draftId).filter((l) => l.seq >= head).map((l) => l.server)).size === 2 ? true : null), 15_000, "both processes decided");
    expect(jobLines("index", draftId, "job_ran")).toHaveLength(1);
    const rows = await db().clauseIndex.findMany({ where: { draftId }, select: { text: true } });
    expect(rows.map((r) => r.text)).toEqual([text]);
    const stored = await db().draft.findUniqueOrThrow({ where: { id: draftId }, select: { indexedSeq: true } });
    expect(stored.indexedSeq).toBe(head);
  });

  it("compacts once when the log reaches the threshold, and the document still loads identical", async () => {
    const { draftId, onA, onB } = await draftOnBoth("Compact once");
    const text = await burst(onA, onB, "0123456789".repeat(3), "abcdefghij".repeat(3));
    await waitFor(() => (new Set(jobLines("compact", draftId).map((l) => l.server)).size === 2 ? true : null), 15_000, "both processes decided");
    expect(jobLines("compact", draftId, "job_ran")).toHaveLength(1);
    const loaded = new Y.Doc();
    expect(await loadDraftInto(draftId, loaded)).not.toBe(false);
    expect(textOf(loaded)).toBe(text);
    expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(onA.doc));
    const logged = await db().draftUpdate.count({ where: { draftId } });
    expect(logged).toBeLessThan(50);
  });

  it("takes one automatic version of a burst across the two processes", async () => {
    const { draftId, onA, onB } = await draftOnBoth("Version once");
    await burst(onA, onB, "first", "second");
    const head = await headSeqOf(draftId);
    await waitFor(() => (new Set(jobLines("version", draftId).filter((l) => l.seq >= head).map((l) => l.server)).size === 2 ? true : null), 15_000, "both processes decided");
    expect(jobLines("version", draftId, "job_ran")).toHaveLength(1);
    expect(await db().version.count({ where: { draftId, kind: "auto" } })).toBe(1);
    const stored = await db().draft.findUniqueOrThrow({ where: { id: draftId }, select: { versionedSeq: true } });
    expect(stored.versionedSeq).toBe(head);
  });

  it("gives a draft without French text one French article per English one when both processes load it at once", async () => {
    // Stored before the Charter was bilingual: the English text only, no French fragment.
    const english = new Y.Doc();
    appendBlocks(english, ["a", "b", "c"].map((clauseId) => ({ clauseId, heading: clauseId, paragraphs: [["Text."]] })));
    const draft = await draftsRepo.create(db(), { title: "Mirror once", createdById: secretariat.id, yjsSnapshot: Y.encodeStateAsUpdate(english) });
    // Both rooms load together: each finds the French text missing.
    const [onA, onB] = await Promise.all([connectAs(a, member, draft.id), connectAs(b, other, draft.id)]);
    clients.push(onA, onB);
    await Promise.all([waitForSync(onA), waitForSync(onB)]);
    const frenchIds = (doc: Y.Doc) => readClauses(doc, "fr").map((c) => c.clauseId);
    await waitFor(() => (frenchIds(onA.doc).length && frenchIds(onA.doc).join() === frenchIds(onB.doc).join() ? true : null), 10_000, "both see the French text");
    const loaded = new Y.Doc();
    await loadDraftInto(draft.id, loaded);
    expect(frenchIds(loaded)).toEqual(["a", "b", "c"]);
    expect(frenchIds(onA.doc)).toEqual(["a", "b", "c"]);
    expect(jobLines("mirror", draft.id, "job_ran")).toHaveLength(1);
  });

  it("migrates a new database when two processes start on it at once", { timeout: 240_000 }, async () => {
    // An empty database beside this file's (the migrations build every table).
    const url = new URL(process.env.DATABASE_URL!);
    const name = `${url.pathname.slice(1)}_m`;
    execFileSync("psql", ["-h", url.hostname, "-p", url.port, "-U", "postgres", "-d", "postgres", "-qc", `CREATE DATABASE ${name} OWNER charter`], { stdio: "pipe" });
    const ours = process.env.DATABASE_URL;
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    try {
      // Prisma's own lock makes one wait, for 10 s at most: a fresh database takes longer here.
      await Promise.all([migrateDatabase(), migrateDatabase()]);
    } finally {
      process.env.DATABASE_URL = ours;
    }
    const applied = execFileSync("psql", ["-h", url.hostname, "-p", url.port, "-U", "postgres", "-d", name, "-tAc", 'SELECT count(*) FROM "_prisma_migrations" WHERE finished_at IS NOT NULL'], { encoding: "utf8" });
    const shipped = execFileSync("sh", ["-c", "ls -d prisma/postgresql/migrations/*/ | wc -l"], { encoding: "utf8" });
    expect(Number(applied)).toBe(Number(shipped));
  });

  it("imports the shipped document and seeds the demo once when two processes start at once", async () => {
    const [first, second] = await Promise.all([prepareStoredData({ seedDemo: true }), prepareStoredData({ seedDemo: true })]);
    expect([first.imported, second.imported].sort()).toEqual(["imported", "present"]);
    expect([first.seeded!.draftCreated, second.seeded!.draftCreated].sort()).toEqual([false, true]);
    expect(first.seeded!.accounts + second.seeded!.accounts).toBe(Math.max(first.seeded!.accounts, second.seeded!.accounts));
    expect(await db().draft.count({ where: { title: DEMO_DRAFT_TITLE } })).toBe(1);
  });
});
