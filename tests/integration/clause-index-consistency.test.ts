// The clause list reads the clause index and the citation index; since the index is rewritten on
// the update log's writer thread (its own SQLite connection), two reads outside one transaction
// could straddle a rewrite: an article's text from one version, its citations from the next.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { initialDraftState, readClauses, type BlockSpec } from "@/lib/editor/ydoc";
import { ensureMarrakeshImported } from "@/server/import/import-document";
import { searchSources } from "@/server/domain/sources";
import { indexDraftClauses, listClauses } from "@/server/domain/drafts";
import { SYSTEM_ACTOR, type Actor } from "@/server/domain/actor";
import { closeDb } from "@/server/db/client";

function clausesOf(blocks: BlockSpec[]) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initialDraftState(blocks));
  return readClauses(doc);
}

describe("clause index reads", () => {
  let viewer: Actor;
  let draftId: string;
  let rec: { id: string; key: string };

  beforeAll(async () => {
    await useFreshDatabase();
    await ensureMarrakeshImported(SYSTEM_ACTOR);
    const secretariat = await makeActor("secretariat");
    viewer = await makeActor("viewer");
    draftId = (await makeDraft(secretariat, "Index reads", [{ clauseId: "a", heading: "A", paragraphs: [["Text."]] }])).id;
    rec = (await searchSources(viewer, {})).find((i) => i.key === "MKH23-REC-07")!;
  });
  afterAll(() => closeDb());

  it("never mixes two rewrites: an article's text and its citations come from the same one", async () => {
    const cited = clausesOf([{ clauseId: "a", heading: "A", paragraphs: [["Text.", { cite: { sourceItemId: rec.id, key: rec.key } }]] }]);
    const plain = clausesOf([{ clauseId: "a", heading: "A", paragraphs: [["Text."]] }]);
    let stop = false;
    let rewrites = 0;
    const rewriting = (async () => {
      while (!stop) await indexDraftClauses(draftId, { en: ++rewrites % 2 ? cited : plain, fr: [] });
    })();
    const mixed: string[] = [];
    for (let i = 0; i < 400 || (rewrites < 30 && i < 20_000); i++) {
      // Requests arrive as separate events: let the writer thread's answers in between reads.
      await new Promise((resolve) => setImmediate(resolve));
      const [row] = await listClauses(viewer, draftId);
      if (row.text.includes(`[${rec.key}]`) !== (row.citations.length === 1)) mixed.push(`${row.text} / ${row.citations.length} citations`);
    }
    stop = true;
    await rewriting;
    expect(rewrites).toBeGreaterThan(10);
    expect(mixed).toEqual([]);
  });
});
