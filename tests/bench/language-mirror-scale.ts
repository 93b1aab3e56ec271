// tsx tests/bench/language-mirror-scale.ts — what one structure change with many articles costs the
// language mirror (issue 13 review). The room mirrors synchronously, on its event loop: a single
// update inside the 2 MB message limit can add ~16,000 empty articles (a paste, or a hostile
// client), delete them all (select all, delete), or change all their ids. Prints JSON (no assertions).
import * as Y from "yjs";
import { appendBlocks } from "@/lib/editor/ydoc";
import { StructureWatch, alignLanguages, articlesRemovedBy } from "@/lib/editor/align-languages";
import { fragmentOf } from "@/lib/editor/languages";
import { round2, writeResult } from "./lib";

const SIZES = [1_000, 4_000, 16_000];

/** A room's copy and a client's copy of one aligned draft with `n` articles (plus a first one). */
function draft(n: number): { room: Y.Doc; client: Y.Doc } {
  const room = new Y.Doc();
  appendBlocks(room, [{ clauseId: "a0", heading: "First", paragraphs: [["Text."]] }]);
  appendBlocks(room, Array.from({ length: n }, (_, i) => ({ clauseId: `n${i}`, heading: "", paragraphs: [[`Text ${i}.`]] })));
  alignLanguages(room);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room));
  return { room, client };
}

/**
 * Applies one client change to the room as the room does, timing what Yjs costs (applying it to
 * the watched copy) apart from what the mirror adds (the removed texts, then aligning).
 */
function mirrorMs(room: Y.Doc, client: Y.Doc, edit: () => void): { updateBytes: number; applyMs: number; mirrorMs: number } {
  let update: Uint8Array | null = null;
  client.once("update", (u: Uint8Array) => (update = u));
  client.transact(edit);
  const watch = new StructureWatch(room);
  let start = performance.now();
  const removedTexts = articlesRemovedBy(room, Y.decodeUpdate(update!).ds);
  let mirror = performance.now() - start;
  start = performance.now();
  Y.applyUpdate(room, update!);
  const apply = performance.now() - start;
  start = performance.now();
  alignLanguages(room, watch.history(removedTexts));
  mirror += performance.now() - start;
  watch.destroy();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room, Y.encodeStateVector(client)));
  return { updateBytes: update!.length, applyMs: round2(apply), mirrorMs: round2(mirror) };
}

function main() {
  const rows = SIZES.map((n) => {
    const added = (() => {
      const room = new Y.Doc();
      appendBlocks(room, [{ clauseId: "a0", heading: "First", paragraphs: [["Text."]] }]);
      alignLanguages(room);
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(room));
      return mirrorMs(room, client, () => appendBlocks(client, Array.from({ length: n }, (_, i) => ({ clauseId: `n${i}`, heading: "", paragraphs: [[]] }))));
    })();
    const { room, client } = draft(n);
    const renamed = mirrorMs(room, client, () => {
      for (const el of fragmentOf(client, "en").toArray().slice(1)) (el as Y.XmlElement).setAttribute("clauseId", `r-${(el as Y.XmlElement).getAttribute("clauseId")}`);
    });
    const deleted = mirrorMs(room, client, () => fragmentOf(client, "en").delete(1, n));
    return { articles: n, added, renamed, deleted };
  });
  const report = { benchmark: "language-mirror-scale", date: new Date().toISOString(), rows };
  writeResult("language-mirror-scale", report);
  console.log(JSON.stringify(report, null, 2));
}

main();
