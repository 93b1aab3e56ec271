// npm run bench:export — time to export a 200-clause draft with citations in every format
// (median of 5 runs after a warm-up). Prints JSON and writes tests/bench/results/export-latest.json.
import { benchDatabase, benchUsers, percentile, round2, writeResult } from "./lib";

const CLAUSES = Number(process.env.BENCH_CLAUSES ?? 200);

async function main() {
  await benchDatabase("bench-export");
  const { createDraft } = await import("@/server/domain/drafts");
  const { SYSTEM_ACTOR } = await import("@/server/domain/actor");
  const { ensureMarrakeshImported } = await import("@/server/import/import-document");
  const { searchSources } = await import("@/server/domain/sources");
  const { exportDraft } = await import("@/server/export");
  const { closePdfBrowser } = await import("@/server/export/pdf");
  await ensureMarrakeshImported(SYSTEM_ACTOR);
  const { secretariat: actor } = await benchUsers(0);
  const items = await searchSources(actor, {});
  const sentence = "The signatories shall ensure that border management respects the rights and dignity of every migrant. ";
  const blocks = [];
  for (let i = 0; i < CLAUSES; i++) {
    if (i % 20 === 0) blocks.push({ chapter: `Chapter ${i / 20 + 1}` });
    const item = items[i % items.length];
    blocks.push({ clauseId: `c${i}`, heading: `Heading ${i + 1}`, paragraphs: [[sentence.repeat(3), { cite: { sourceItemId: item.id, key: item.key } }]] });
  }
  const draft = await createDraft(actor, { title: "Bench export" }, blocks);
  const results: Record<string, { medianMs: number; bytes: number }> = {};
  for (const format of ["md", "html", "akn", "docx", "pdf"]) {
    await exportDraft(actor, draft.id, { format }); // warm-up (Chromium start for PDF)
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const file = await exportDraft(actor, draft.id, { format });
      times.push(performance.now() - start);
      bytes = file.body.length;
    }
    results[format] = { medianMs: round2(percentile(times, 50)), bytes };
  }
  await closePdfBrowser();
  const report = { benchmark: "export", date: new Date().toISOString(), clauses: CLAUSES, citations: CLAUSES, results };
  writeResult("export", report);
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}
void main();
