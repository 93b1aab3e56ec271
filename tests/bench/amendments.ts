// npm run bench:amendments — the cost of the live facts (current text, outdated, groups)
// on a 200-article draft with 400 submitted amendments (half on passages, half on whole articles):
// listing them all (one Y.Doc per list), getting one, and accepting one through the stored update
// log (median of runs). Prints JSON and writes tests/bench/results/amendments-latest.json.
import * as Y from "yjs";
import { benchDatabase, benchUsers, percentile, round2, writeResult } from "./lib";

const CLAUSES = Number(process.env.BENCH_CLAUSES ?? 200);
const AMENDMENTS = Number(process.env.BENCH_AMENDMENTS ?? 400);

async function main() {
  await benchDatabase("bench-amendments");
  const { createDraft } = await import("@/server/domain/drafts");
  const { createAmendment, listAmendments, getAmendment, updateAmendment } = await import("@/server/domain/amendments");
  const { currentDraftState } = await import("@/server/domain/live-documents");
  const { YDOC_FIELD } = await import("@/lib/editor/schema");
  const { secretariat: actor } = await benchUsers(0);
  const sentence = "The signatories shall ensure that border management respects the rights and dignity of every migrant.";
  const blocks = Array.from({ length: CLAUSES }, (_, i) => ({ clauseId: `c${i}`, heading: `Heading ${i + 1}`, paragraphs: [[`${sentence} Clause ${i}.`]] }));
  const draft = await createDraft(actor, { title: "Bench amendments" }, blocks);

  const doc = new Y.Doc();
  Y.applyUpdate(doc, await currentDraftState(draft.id));
  const textOf = (i: number) => ((doc.getXmlFragment(YDOC_FIELD).get(i) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText;
  const ids: string[] = [];
  for (let n = 0; n < AMENDMENTS; n++) {
    const i = n % CLAUSES;
    const onPassage = n % 2 === 0;
    const text = textOf(i);
    const at = text.toString().indexOf("dignity");
    const anchor = {
      clauseId: `c${i}`,
      start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at)),
      end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at + "dignity".length, -1)),
      prefix: "rights and ",
      exact: "dignity",
      suffix: " of every",
    };
    const created = await createAmendment(actor, draft.id, onPassage
      ? { clauseId: `c${i}`, op: "MOD", anchor, proposedText: "inherent dignity", rationale: "Bench.", submit: true }
      : { clauseId: `c${i}`, op: "NOC", rationale: "Bench.", submit: true });
    ids.push(created.id);
  }
  doc.destroy();

  const time = async (runs: number, work: (i: number) => Promise<unknown>) => {
    await work(0); // warm-up
    const times: number[] = [];
    for (let i = 1; i <= runs; i++) {
      const start = performance.now();
      await work(i);
      times.push(performance.now() - start);
    }
    return round2(percentile(times, 50));
  };
  const listMs = await time(5, () => listAmendments(actor, draft.id));
  const getMs = await time(10, (i) => getAmendment(actor, ids[i * 2]));
  // Passage amendments of different articles, so each acceptance applies text.
  const acceptMs = await time(5, (i) => updateAmendment(actor, ids[(i + 50) * 2], { status: "accepted" }));
  const report = { benchmark: "amendments", date: new Date().toISOString(), clauses: CLAUSES, amendments: AMENDMENTS, medianMs: { list: listMs, getOne: getMs, acceptWithoutLiveRoom: acceptMs } };
  writeResult("amendments", report);
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}
void main();
