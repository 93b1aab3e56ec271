// Issue 15, "Done when": two real app processes (server/main.ts, production build) on one
// PostgreSQL and one Redis, real y-websocket clients, a load balancer without sticky sessions.
import { execFileSync } from "node:child_process";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import * as Y from "yjs";
import { closedWithin, connectAs, waitFor, waitForSync, type TestClient } from "../helpers/collab";
import { makeActor, makeDraft, memberOf } from "../helpers/factories";
import { useFreshPostgres } from "../helpers/scale";
import { seeded } from "../helpers/fault-proxy";
import { signIn, startAppProcess, startBalancer, tails, type AppProcess, type Balancer } from "../helpers/app-processes";
import { loadDraftInto } from "@/server/collab/persistence";
import { appendBlocks } from "@/lib/editor/ydoc";
import { FRAGMENT, fragmentOf } from "@/lib/editor/languages";
import { NODE } from "@/lib/editor/schema";
import { CLOSE } from "@/server/collab/close-codes";
import type { Actor } from "@/server/domain/actor";

const COMPACT_AFTER = 150;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Both texts of a document, as compared between clients and with the store. */
const textsOf = (doc: Y.Doc) => `${doc.getXmlFragment(FRAGMENT.en).toString()}\n${doc.getXmlFragment(FRAGMENT.fr).toString()}`;

async function storedTexts(draftId: string): Promise<string> {
  const doc = new Y.Doc();
  await loadDraftInto(draftId, doc);
  return textsOf(doc);
}

/** Every text run of a fragment's articles, creating one in an empty paragraph (a fresh French article). */
function textRuns(fragment: Y.XmlFragment): Y.XmlText[] {
  const runs: Y.XmlText[] = [];
  const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlHook | Y.XmlFragment) => {
    if (node instanceof Y.XmlText) runs.push(node);
    else if (node instanceof Y.XmlElement && node.nodeName === NODE.paragraph && node.length === 0) {
      const text = new Y.XmlText("");
      node.insert(0, [text]);
      runs.push(text);
    } else if (!(node instanceof Y.XmlHook)) node.toArray().forEach(visit);
  };
  visit(fragment);
  return runs;
}

/** One random edit by a client: typing or deleting in either text, a new article, or an article deleted. */
function randomEdit(doc: Y.Doc, rnd: () => number, tag: string, n: number): void {
  const lang = rnd() < 0.3 ? "fr" : "en";
  const fragment = fragmentOf(doc, lang);
  const roll = rnd();
  if (roll < 0.04) {
    appendBlocks(doc, [{ clauseId: `art-${tag}-${n}`, heading: `Added ${tag}${n}`, paragraphs: [[`Body ${tag}${n}`]] }], null, lang);
  } else if (roll < 0.06 && fragment.length > 3) {
    fragment.delete(Math.floor(rnd() * fragment.length), 1);
  } else {
    const runs = textRuns(fragment);
    if (!runs.length) return;
    const run = runs[Math.floor(rnd() * runs.length)];
    if (roll < 0.25 && run.length > 2) {
      const at = Math.floor(rnd() * (run.length - 1));
      run.delete(at, Math.min(run.length - at, 1 + Math.floor(rnd() * 3)));
    } else run.insert(Math.floor(rnd() * (run.length + 1)), ` ${tag}${n}`);
  }
}

describe("two app processes on one PostgreSQL and one Redis", () => {
  let databaseUrl: string;
  let a: AppProcess;
  let b: AppProcess;
  let balancer: Balancer;
  let secretariat: Actor;
  const clients: TestClient[] = [];

  const connect = async (url: string, actor: Actor, draftId: string) => {
    const client = await connectAs({ url }, actor, draftId);
    clients.push(client);
    await waitForSync(client, 15_000);
    return client;
  };

  /** Every client and the store hold the same two texts. */
  async function converged(draftId: string, group: TestClient[], timeoutMs = 20_000): Promise<string> {
    try {
      await waitFor(async () => {
        const first = textsOf(group[0].doc);
        return group.every((c) => textsOf(c.doc) === first) && (await storedTexts(draftId)) === first;
      }, timeoutMs, "every client and the store to hold the same texts");
    } catch (error) {
      throw new Error(`${String(error)}\n${tails([a, b])}`);
    }
    return textsOf(group[0].doc);
  }

  beforeAll(async () => {
    databaseUrl = await useFreshPostgres();
    secretariat = await makeActor("secretariat", "Secretariat");
    const [portA, portB] = [await freePort(), await freePort()];
    const env = { COLLAB_COMPACT_AFTER: String(COMPACT_AFTER) };
    // Started together: migrations and start-up data are locked across processes.
    [a, b] = await Promise.all([startAppProcess("A", portA, databaseUrl, env), startAppProcess("B", portB, databaseUrl, env)]);
    balancer = await startBalancer([a.port, b.port]);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await balancer?.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  for (const seed of [1, 2, 3]) {
    it(`clients on different processes converge on every edit (random concurrent edits, seed ${seed})`, async () => {
      const draft = await makeDraft(secretariat, `Convergence ${seed}`, [
        { clauseId: "art-1", heading: "Scope", paragraphs: [["It applies at every border."]] },
        { clauseId: "art-2", heading: "Dignity", paragraphs: [["Everyone is treated with dignity."]] },
        { clauseId: "art-3", heading: "Children", paragraphs: [["Children come first."]] },
      ]);
      const people = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => memberOf(`Delegation ${i}`, `Delegate ${seed}-${i}`)));
      // Three on each process, for certain.
      const group = await Promise.all(people.map((p, i) => connect(i % 2 ? b.collabUrl : a.collabUrl, p, draft.id)));
      const rnd = seeded(seed);
      for (let n = 0; n < 150; n++) {
        const who = Math.floor(rnd() * group.length);
        randomEdit(group[who].doc, rnd, `c${who}e`, n);
        if (n % 10 === 9) await new Promise((r) => setTimeout(r, 5 + rnd() * 20));
      }
      const final = await converged(draft.id, group);
      expect(final).toContain("c"); // the edits are there, not an emptied document
      for (const c of group) c.destroy();
    });
  }

  it("kill -9 of one process while its clients type: they reconnect to the other and nothing accepted is lost", async () => {
    const draft = await makeDraft(secretariat, "Kill", [0, 1, 2, 3].map((i) => ({ clauseId: `k-${i}`, heading: `Article ${i}`, paragraphs: [[`Start ${i}.`]] })));
    const people = await Promise.all([0, 1, 2, 3].map((i) => memberOf(`Kill ${i}`, `Typist ${i}`)));
    const group: TestClient[] = [];
    for (const p of people) group.push(await connect(balancer.url, p, draft.id)); // round robin: two on each
    const typed: string[][] = group.map(() => []);
    const paragraphOf = (c: TestClient, i: number) => textRuns(fragmentOf(c.doc, "en"))[i * 2 + 1];
    let stop = false;
    const typing = group.map(async (c, i) => {
      for (let n = 0; !stop; n++) {
        const word = ` w${i}x${n}`;
        const run = paragraphOf(c, i);
        run.insert(run.length, word);
        typed[i].push(word.trim());
        await new Promise((r) => setTimeout(r, 40));
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    b.child.kill("SIGKILL");
    await b.exited;
    await new Promise((r) => setTimeout(r, 2500));
    stop = true;
    await Promise.all(typing);
    const final = await converged(draft.id, group, 30_000);
    for (const words of typed) for (const word of words) expect(final).toContain(word);
    for (const c of group) c.destroy();
    // B comes back for the next tests (a restart, as an operator would).
    b = await startAppProcess("B", b.port, databaseUrl, { COLLAB_COMPACT_AFTER: String(COMPACT_AFTER) });
  });

  it("Redis restarted mid-edit: each process keeps serving its own clients, and all converge after it returns", async () => {
    const draft = await makeDraft(secretariat, "Redis outage", [0, 1, 2, 3].map((i) => ({ clauseId: `r-${i}`, heading: `Article ${i}`, paragraphs: [[`Start ${i}.`]] })));
    const people = await Promise.all([0, 1, 2, 3].map((i) => memberOf(`Outage ${i}`, `Writer ${i}`)));
    const [a1, a2, b1, b2] = [await connect(a.collabUrl, people[0], draft.id), await connect(a.collabUrl, people[1], draft.id), await connect(b.collabUrl, people[2], draft.id), await connect(b.collabUrl, people[3], draft.id)];
    const group = [a1, a2, b1, b2];
    const write = (c: TestClient, i: number, word: string) => {
      const run = textRuns(fragmentOf(c.doc, "en"))[i * 2 + 1];
      run.insert(run.length, ` ${word}`);
    };
    group.forEach((c, i) => write(c, i, `before${i}`));
    await converged(draft.id, group);
    const downs = [a.events("bus_down").length, b.events("bus_down").length];
    const ups = [a.events("bus_up").length, b.events("bus_up").length];
    execFileSync("bash", ["scripts/scale-services.sh", "redis-stop"], { stdio: "pipe" });
    // Redis comes back even when an assertion below fails, or every later test would fail for it.
    const restartRedis = () => execFileSync("bash", ["scripts/scale-services.sh", "redis-start"], { stdio: "pipe" });
    onTestFinished(() => {
      try {
        execFileSync("redis-cli", ["-p", process.env.REDIS_PORT ?? "6390", "ping"], { stdio: "pipe" });
      } catch {
        restartRedis();
      }
    });
    await waitFor(() => a.events("bus_down").length > downs[0] && b.events("bus_down").length > downs[1], 10_000, "both processes to lose Redis");
    group.forEach((c, i) => write(c, i, `during${i}`));
    // Without Redis a process still serves its own clients: a2 sees a1's word, b2 sees b1's.
    await waitFor(() => a2.doc.getXmlFragment(FRAGMENT.en).toString().includes("during0"), 10_000, "a1's word on a2 during the outage");
    await waitFor(() => b2.doc.getXmlFragment(FRAGMENT.en).toString().includes("during2"), 10_000, "b1's word on b2 during the outage");
    // (B may still get A's words meanwhile: storing its own clients' words shows it a gap in the
    // sequence, which it reads back from PostgreSQL.)
    restartRedis();
    await waitFor(() => a.events("bus_up").length > ups[0] && b.events("bus_up").length > ups[1], 10_000, "both processes to get Redis back");
    group.forEach((c, i) => write(c, i, `after${i}`));
    const final = await converged(draft.id, group, 30_000);
    for (const i of [0, 1, 2, 3]) for (const when of ["before", "during", "after"]) expect(final).toContain(`${when}${i}`);
  });

  it("indexing and compaction ran exactly once per trigger across the two processes", async () => {
    const draft = await makeDraft(secretariat, "Jobs", [{ clauseId: "j-1", heading: "Jobs", paragraphs: [["Start."]] }]);
    const [onA, onB] = [await connect(a.collabUrl, await memberOf("Jobs A", "Ama"), draft.id), await connect(b.collabUrl, await memberOf("Jobs B", "Bintou"), draft.id)];
    const ran = (job: string) => [...a.events("job_ran"), ...b.events("job_ran")].filter((e) => e.job === job && e.draftId === draft.id);
    // One short burst from both sides, then quiet: one indexing trigger.
    for (let n = 0; n < 10; n++) {
      const c = n % 2 ? onB : onA;
      const run = textRuns(fragmentOf(c.doc, "en"))[1];
      run.insert(run.length, ` i${n}`);
    }
    await converged(draft.id, [onA, onB]);
    await waitFor(() => ran("index").length >= 1, 10_000, "an index run");
    await new Promise((r) => setTimeout(r, 2500)); // both processes' timers have fired
    expect(ran("index")).toHaveLength(1);
    // Enough updates for one compaction (the threshold counts every stored update, from both processes).
    for (let n = 0; n < COMPACT_AFTER + 10; n++) {
      const c = n % 2 ? onB : onA;
      const run = textRuns(fragmentOf(c.doc, "en"))[1];
      run.insert(run.length, "x");
      if (n % 20 === 19) await new Promise((r) => setTimeout(r, 30));
    }
    await converged(draft.id, [onA, onB]);
    await waitFor(() => ran("compact").length >= 1, 10_000, "a compaction");
    await new Promise((r) => setTimeout(r, 2500));
    expect(ran("compact")).toHaveLength(1);
  });

  it("revocation reached the other process: a member deactivated through A is disconnected on B within 1 s", async () => {
    const draft = await makeDraft(secretariat, "Revocation");
    const member = await memberOf("Ghana", "Kwame Mensah");
    const onB = await connect(b.collabUrl, member, draft.id);
    const session = await signIn(a, secretariat.email, "correct horse battery");
    const res = await session.fetch(`/api/members/${member.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ active: false }) });
    expect(res.status).toBe(200);
    const closed = await closedWithin(onB.closed, 1000);
    expect(closed?.code, tails([a, b])).toBe(CLOSE.forbidden);
  });
});
