// node --expose-gc --import tsx tests/bench/collab-validate.ts — what refusing poison updates costs the collaboration core: each
// accepted update is first applied to a scratch copy of the room's document (issue 11, item 9).
// Measures, per keystroke update on a 100-clause draft with an edit history: the extra apply on
// the scratch copy, the "anything new?" check, and, for comparison, copying the document per
// update; plus the scratch copy's memory. Prints JSON (no assertions).
import * as Y from "yjs";
import { appendBlocks } from "@/lib/editor/ydoc";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { percentile, round2, writeResult } from "./lib";

const CLAUSES = 100;
const HISTORY = 20_000; // random edits made before measuring, so the document has a real history
const SAMPLES = 5_000;

function textOf(doc: Y.Doc, clause: number): Y.XmlText {
  return ((doc.getXmlFragment(YDOC_FIELD).get(clause) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText;
}

function timeEach(updates: Uint8Array[], run: (u: Uint8Array) => void): { p50Us: number; p99Us: number; meanUs: number } {
  const times: number[] = [];
  for (const u of updates) {
    const start = performance.now();
    run(u);
    times.push((performance.now() - start) * 1000);
  }
  return { p50Us: round2(percentile(times, 50)), p99Us: round2(percentile(times, 99)), meanUs: round2(times.reduce((a, b) => a + b, 0) / times.length) };
}

function heapUsed(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed;
}

async function main() {
  const writer = new Y.Doc();
  appendBlocks(writer, Array.from({ length: CLAUSES }, (_, i) => ({ clauseId: `a${i}`, heading: `Article ${i + 1}`, paragraphs: [["The parties shall cooperate on the humane management of borders. ".repeat(3)]] })));
  let seed = 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const edit = () => {
    const t = textOf(writer, Math.floor(random() * CLAUSES));
    if (random() < 0.2 && t.length > 0) t.delete(Math.floor(random() * t.length), 1);
    else t.insert(Math.floor(random() * (t.length + 1)), "x");
  };
  for (let i = 0; i < HISTORY; i++) edit();
  const base = Y.encodeStateAsUpdate(writer);
  const updates: Uint8Array[] = [];
  writer.on("update", (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < SAMPLES; i++) edit();

  const live = new Y.Doc();
  Y.applyUpdate(live, base);
  const before = heapUsed();
  const shadow = new Y.Doc();
  Y.applyUpdate(shadow, base);
  const shadowBytes = heapUsed() - before;

  const liveApply = timeEach(updates, (u) => Y.applyUpdate(live, u));
  const scratchApply = timeEach(updates, (u) => Y.applyUpdate(shadow, u));
  const decodeAndCheck = timeEach(updates, (u) => {
    const decoded = Y.decodeUpdate(u);
    for (const s of decoded.structs) if (s.id.clock + s.length > Y.getState(shadow.store, s.id.client)) return;
  });
  // what copying the document costs: once per room with writers, and again after a refused update
  const copyPerUpdate = timeEach(updates.slice(0, 20), (u) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
    Y.applyUpdate(copy, u);
    copy.destroy();
  });
  const report = {
    benchmark: "collab-validate",
    date: new Date().toISOString(),
    clauses: CLAUSES,
    historyEdits: HISTORY,
    samples: SAMPLES,
    stateBytes: base.length,
    perUpdate: { liveApply, scratchApply, decodeAndNewsCheck: decodeAndCheck },
    scratchCopyBuild: copyPerUpdate,
    scratchCopyHeapMiB: global.gc ? round2(shadowBytes / 1048576) : "run with --expose-gc",
  };
  writeResult("validate", report);
  console.log(JSON.stringify(report, null, 2));
}

void main();
