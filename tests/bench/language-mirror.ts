// tsx tests/bench/language-mirror.ts — what keeping both languages on one structure costs the
// collaboration core (issue 13). The room checks every accepted update: the articles it removes
// (their text, for merges), and after applying it, when it touched a text's top level (a
// StructureWatch on the room's scratch copy), whether the other language needs the same change. Measured per keystroke update on a
// 100-article bilingual draft with an edit history, beside applying the update itself; and what
// one mirror (an article added in English, given to French) costs. Prints JSON (no assertions).
import * as Y from "yjs";
import { appendBlocks } from "@/lib/editor/ydoc";
import { StructureWatch, alignLanguages, articlesRemovedBy, sharedStructure } from "@/lib/editor/align-languages";
import { fragmentOf } from "@/lib/editor/languages";
import { percentile, round2, writeResult } from "./lib";

const CLAUSES = 100;
const HISTORY = 20_000;
const SAMPLES = 5_000;

function textOf(doc: Y.Doc, lang: "en" | "fr", clause: number): Y.XmlText {
  const paragraph = (fragmentOf(doc, lang).get(clause) as Y.XmlElement).get(1) as Y.XmlElement;
  if (paragraph.length === 0) paragraph.insert(0, [new Y.XmlText("")]);
  return paragraph.get(0) as Y.XmlText;
}

function summary(times: number[]) {
  return { p50Us: round2(percentile(times, 50)), p99Us: round2(percentile(times, 99)), meanUs: round2(times.reduce((a, b) => a + b, 0) / times.length) };
}

function main() {
  const writer = new Y.Doc();
  appendBlocks(writer, Array.from({ length: CLAUSES }, (_, i) => ({ clauseId: `a${i}`, heading: `Article ${i + 1}`, paragraphs: [["The parties shall cooperate on the humane management of borders. ".repeat(3)]] })));
  alignLanguages(writer);
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const edit = () => {
    const t = textOf(writer, random() < 0.5 ? "en" : "fr", Math.floor(random() * CLAUSES));
    if (random() < 0.2 && t.length > 0) t.delete(Math.floor(random() * t.length), 1);
    else t.insert(Math.floor(random() * (t.length + 1)), "x");
  };
  for (let i = 0; i < HISTORY; i++) edit();
  const base = Y.encodeStateAsUpdate(writer);
  const updates: Uint8Array[] = [];
  writer.on("update", (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < SAMPLES; i++) edit();

  const room = new Y.Doc();
  Y.applyUpdate(room, base);
  const watch = new StructureWatch(room);
  const apply: number[] = [];
  const check: number[] = [];
  for (const u of updates) {
    const decoded = Y.decodeUpdate(u);
    let start = performance.now();
    const history = { previous: watch.previous, removedTexts: decoded.ds.clients.size ? articlesRemovedBy(room, decoded.ds) : undefined };
    let checking = performance.now() - start;
    start = performance.now();
    Y.applyUpdate(room, u);
    apply.push((performance.now() - start) * 1000);
    start = performance.now();
    if (watch.touched) {
      alignLanguages(room, history);
      watch.settle();
    }
    checking += performance.now() - start;
    check.push(checking * 1000);
  }

  const mirror: number[] = [];
  for (let i = 0; i < 50; i++) {
    const history = { previous: sharedStructure(room) };
    appendBlocks(room, [{ heading: `New ${i}`, paragraphs: [["Added in English."]] }]);
    const start = performance.now();
    alignLanguages(room, history);
    mirror.push((performance.now() - start) * 1000);
  }
  const applyS = summary(apply);
  const checkS = summary(check);
  const report = {
    benchmark: "language-mirror",
    date: new Date().toISOString(),
    clauses: CLAUSES,
    historyEdits: HISTORY,
    samples: SAMPLES,
    perKeystroke: { apply: applyS, structureCheck: checkS, checkToApplyP50Ratio: round2(checkS.p50Us / applyS.p50Us) },
    mirrorOfAnAddedArticle: summary(mirror),
  };
  writeResult("language-mirror", report);
  console.log(JSON.stringify(report, null, 2));
}

main();
