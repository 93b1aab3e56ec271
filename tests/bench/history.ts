// npm run bench:history — the cost of automatic versions on a 100-clause bilingual draft (English
// and French text per article): time to create each of 1,000 versions (one small edit between
// them, alternately in English and French), storage per version, and the time to compare the
// first with the last in both languages. Prints JSON and writes tests/bench/results/history-latest.json.
import * as Y from "yjs";
import { benchDatabase, benchUsers, percentile, round2, writeResult } from "./lib";

const VERSIONS = Number(process.env.BENCH_VERSIONS ?? 1000);
const CLAUSES = 100;

async function main() {
  const db = await benchDatabase("bench-history");
  const { createDraft } = await import("@/server/domain/drafts");
  const { createAutoVersion, compareVersions, listVersions } = await import("@/server/domain/versions");
  const { fragmentOf } = await import("@/lib/editor/languages");
  const { appendBlocks } = await import("@/lib/editor/ydoc");
  const { secretariat } = await benchUsers(0);
  const draft = await createDraft(secretariat, { title: "Bench history" });
  // a realistic 100-clause text (about 400 characters each)
  const doc = new Y.Doc();
  const sentence = "The signatories shall ensure that border management respects the rights and dignity of every migrant and that vulnerable persons are identified and referred. ";
  const phrase = "Les signataires veillent à ce que la gestion des frontières respecte les droits et la dignité de chaque migrant et que les personnes vulnérables soient identifiées et orientées. ";
  appendBlocks(doc, Array.from({ length: CLAUSES }, (_, i) => ({ clauseId: `c${i}`, heading: `Article heading ${i}`, paragraphs: [[sentence.repeat(2) + `Clause ${i}.`]] })));
  appendBlocks(doc, Array.from({ length: CLAUSES }, (_, i) => ({ clauseId: `c${i}`, heading: `Titre de l'article ${i}`, paragraphs: [[phrase.repeat(2) + `Article ${i}.`]] })), null, "fr");
  const textsOf = (lang: "en" | "fr") => fragmentOf(doc, lang).toArray().map((c) => ((c as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText);
  const texts = [...textsOf("en"), ...textsOf("fr")];

  const times: number[] = [];
  for (let v = 0; v < VERSIONS; v++) {
    const t = texts[(v % 2) * CLAUSES + ((v * 37) % CLAUSES)]; // English, then French
    t.insert(t.length, ` edit ${v}`); // one small edit in one clause between versions
    const state = Y.encodeStateAsUpdate(doc);
    const start = performance.now();
    await createAutoVersion(draft.id, state, { [`c${(v * 37) % CLAUSES}`]: [secretariat.id] }, "bench");
    times.push(performance.now() - start);
  }
  const storage = (await db.$queryRawUnsafe<{ bytes: number; docbytes: number; n: number }[]>(
    'SELECT SUM(LENGTH("yjsState")) AS bytes, SUM(LENGTH("docJson")) + SUM(COALESCE(LENGTH("docJsonFr"), 0)) AS docbytes, COUNT(*) AS n FROM "Version" WHERE "draftId" = ?',
    draft.id,
  ))[0];
  const versions = await listVersions(secretariat, draft.id);
  const first = versions[versions.length - 1].id;
  const last = versions[0].id;
  const compareTimes: number[] = [];
  let changed = 0;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const comparison = await compareVersions(secretariat, draft.id, { from: first, to: last, lang: "both" });
    compareTimes.push(performance.now() - start);
    changed = comparison.summary.changed;
  }
  const report = {
    benchmark: "history",
    date: new Date().toISOString(),
    clauses: CLAUSES,
    languages: ["en", "fr"],
    versions: Number(storage.n),
    liveStateBytes: Y.encodeStateAsUpdate(doc).length,
    createVersionMs: { p50: round2(percentile(times, 50)), p95: round2(percentile(times, 95)), total: Math.round(times.reduce((a, b) => a + b, 0)) },
    storage: {
      yjsStateBytesTotal: Number(storage.bytes),
      docJsonBytesTotal: Number(storage.docbytes), // English and French JSON
      bytesPerVersion: Math.round((Number(storage.bytes) + Number(storage.docbytes)) / Number(storage.n)),
    },
    compareFirstToLastMs: { min: round2(Math.min(...compareTimes)), median: round2(percentile(compareTimes, 50)) },
    changedClausesFirstToLast: changed,
  };
  writeResult("history", report);
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}
void main();
