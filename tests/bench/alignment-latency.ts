// npx tsx tests/bench/alignment-latency.ts — how soon an article's alignment status follows its
// text (issue 13: "within about 2 seconds"), with the collaboration server's shipped debounce and
// max-wait, on a 100-article draft: from one English edit of a confirmed article to the API
// answering fr_outdated, and the same while someone keeps typing (a keystroke every 100 ms).
// Prints JSON (no assertions) and writes tests/bench/results/alignment-latency-latest.json.
import * as Y from "yjs";
import { benchDatabase, benchUsers, finishBench, latencySummary } from "./lib";

const ARTICLES = 100;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 10);

async function main() {
  await benchDatabase("bench-alignment");
  const { createDraft } = await import("@/server/domain/drafts");
  const { confirmAlignment, listAlignment } = await import("@/server/domain/alignment");
  const { startCollab, connectAs, waitForSync, waitFor } = await import("../helpers/collab");
  const { fragmentOf } = await import("@/lib/editor/languages");
  const { secretariat, members } = await benchUsers(1);
  const blocks = Array.from({ length: ARTICLES }, (_, i) => ({ clauseId: `a${i}`, heading: `Article ${i + 1}`, paragraphs: [["The parties shall cooperate on the humane management of borders."]] }));
  const draft = await createDraft(secretariat, { title: "Bench alignment" }, blocks);
  const collab = await startCollab({ indexDebounceMs: 400 }); // max-wait: the server's default
  const client = await connectAs(collab, members[0], draft.id);
  await waitForSync(client);
  const paragraph = (lang: "en" | "fr", i: number) => ((fragmentOf(client.doc, lang).get(i) as Y.XmlElement).get(1) as Y.XmlElement);
  const type = (lang: "en" | "fr", i: number, words: string) => {
    const p = paragraph(lang, i);
    const last = p.length ? p.get(p.length - 1) : null;
    if (last instanceof Y.XmlText) last.insert(last.length, words);
    else p.insert(p.length, [new Y.XmlText(words)]);
  };
  const statusOf = async (i: number) => (await listAlignment(secretariat, draft.id))[i].status;
  // Every article translated and confirmed first.
  for (let i = 0; i < SAMPLES * 2; i++) type("fr", i, "Les parties coopèrent.");
  await waitFor(async () => (await listAlignment(secretariat, draft.id)).slice(0, SAMPLES * 2).every((e) => e.status === "fr_outdated"), 10_000, "translations indexed");
  for (let i = 0; i < SAMPLES * 2; i++) await confirmAlignment(secretariat, draft.id, `a${i}`);

  const oneEdit: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    type("en", i, " Edited.");
    await waitFor(async () => (await statusOf(i)) === "fr_outdated", 10_000, "fr_outdated");
    oneEdit.push(performance.now() - start);
  }
  const whileTyping: number[] = [];
  for (let i = SAMPLES; i < SAMPLES * 2; i++) {
    const start = performance.now();
    let n = 0;
    const typing = setInterval(() => type("en", i, ` ${++n}`), 100);
    await waitFor(async () => (await statusOf(i)) === "fr_outdated", 10_000, "fr_outdated while typing");
    whileTyping.push(performance.now() - start);
    clearInterval(typing);
    await new Promise((r) => setTimeout(r, 600)); // let the burst settle before the next sample
  }
  client.destroy();
  await collab.stop();
  finishBench("alignment-latency", {
    articles: ARTICLES,
    samples: SAMPLES,
    oneEditToStatusMs: latencySummary(oneEdit, [50, 90]),
    whileTypingToStatusMs: latencySummary(whileTyping, [50, 90]),
  });
}

void main();
