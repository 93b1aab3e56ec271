// Convergence under network faults: clients behind a proxy that delays frames, drops
// connections and partitions the network keep editing; once the network heals, every client and
// the stored document converge to the same content within a few seconds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../../helpers/db";
import { makeActor, makeDraft } from "../../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab, type TestClient } from "../../helpers/collab";
import { seeded, startFaultProxy } from "../../helpers/fault-proxy";
import { reportFaultFigures } from "../../helpers/fault-report";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { readClauses } from "@/lib/editor/ydoc";
import { loadDraftInto } from "@/server/collab/persistence";
import type { Actor } from "@/server/domain/actor";

const SEEDS = (process.env.NETWORK_SEEDS ?? "1,2,3").split(",").map(Number);
const CLIENTS = 4;

describe("convergence under network faults", () => {
  let collab: RunningCollab;
  let member: Actor, secretariat: Actor;
  const figures = { seeds: SEEDS.length, seedsConverged: 0, convergedAfterHealMs: [] as number[], seconds: 0 };
  const suiteStarted = performance.now();
  beforeAll(async () => {
    await useFreshDatabase();
    member = await makeActor("member");
    secretariat = await makeActor("secretariat");
    collab = await startCollab();
  });
  afterAll(async () => {
    await collab.stop();
    figures.seconds = Math.round((performance.now() - suiteStarted) / 1000);
    console.log(JSON.stringify({ network: figures }));
    reportFaultFigures("network", figures);
  });

  for (const seed of SEEDS) {
    it(`seed ${seed}: all clients converge after healing`, async () => {
      const random = seeded(seed);
      const draftId = (await makeDraft(secretariat, `Network ${seed}`, [{ clauseId: "n", heading: "", paragraphs: [["start"]] }])).id;
      const serverPort = Number(new URL(collab.url).port);
      const proxy = await startFaultProxy(serverPort, random);
      const url = `ws://127.0.0.1:${proxy.port}/collab`;
      const clients: TestClient[] = [];
      for (let i = 0; i < CLIENTS; i++) clients.push(await connectAs({ url }, member, draftId));
      await Promise.all(clients.map((c) => waitForSync(c)));
      for (const c of clients) c.provider.maxBackoffTime = 300; // quick retries keep the test short

      const typed = clients.map(() => 0);
      proxy.setFaults({ maxDelayMs: 150, dropRate: 0.02, partitioned: false });
      const end = Date.now() + 2500;
      let step = 0;
      while (Date.now() < end) {
        const i = Math.floor(random() * CLIENTS);
        const p = (clients[i].doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
        const t = p.get(0) as Y.XmlText;
        t.insert(Math.floor(random() * (t.length + 1)), String.fromCharCode(65 + i));
        typed[i]++;
        if (++step % 40 === 0) proxy.setFaults({ maxDelayMs: 150, dropRate: 0.02, partitioned: random() < 0.3 });
        await new Promise((r) => setTimeout(r, 5 + random() * 10));
      }
      proxy.heal();
      const healedAt = Date.now();
      await waitFor(() => {
        const first = Buffer.from(Y.encodeStateVector(clients[0].doc));
        return clients.every((c) => Buffer.from(Y.encodeStateVector(c.doc)).equals(first)) && clients.every((c) => c.provider.synced);
      }, 10_000, `convergence (seed ${seed})`);
      const convergedMs = Date.now() - healedAt;
      const text = readClauses(clients[0].doc)[0].text;
      for (const c of clients) expect(readClauses(c.doc)[0].text).toBe(text);
      for (let i = 0; i < CLIENTS; i++) expect(text.split(String.fromCharCode(65 + i)).length - 1).toBe(typed[i]);
      await waitFor(async () => {
        const stored = new Y.Doc();
        await loadDraftInto(draftId, stored);
        return readClauses(stored)[0].text === text;
      }, 10_000, "stored");
      expect(convergedMs).toBeLessThan(10_000);
      expect(proxy.stats.dropped + proxy.stats.refused).toBeGreaterThan(0); // faults really happened
      figures.seedsConverged++;
      figures.convergedAfterHealMs.push(convergedMs);
      for (const c of clients) c.destroy();
      await proxy.close();
    }, 40_000);
  }
});
