// npx tsx tests/bench/amendment-decorations.ts — the cost of drawing amendments in the text
// (app/drafts/[id]/amendments/amendment-decorations.ts) on a 1,000-article draft with 50 open
// amendments, against the same editor state without the plugin:
// - build: the decorations built from the list (what a new list, view or language costs);
// - keystroke: one local character typed in an article in the middle (the plugin maps its set);
// - remote change: a change as the sync binding dispatches it (the whole document replaced, meta
//   `isChangeOrigin`): the plugin resolves every anchor again in the new state.
// ProseMirror state only, no DOM and no Yjs binding (the browser adds both): anchors resolve by
// their quote inside their article, the binding's fallback path. Prints JSON; times in ms.
import { getSchema } from "@tiptap/core";
import { EditorState, type Plugin } from "@tiptap/pm/state";
import { Slice } from "@tiptap/pm/model";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { charterExtensions } from "@/lib/editor/extensions";
import { amendmentListSchema, type Amendment } from "@/lib/contracts/amendments";
import { amendmentDecorationsPlugin, amendmentDecorationsKey, SET_AMENDMENT_VIEW, type AmendmentMessages } from "@/app/drafts/[id]/amendments/amendment-decorations";
import type { AmendmentView } from "@/app/drafts/[id]/amendments/amendment-layout";
import { percentile, round2 } from "./lib";

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 1000);
const AMENDMENTS = Number(process.env.BENCH_AMENDMENTS ?? 50);
const KEYSTROKES = Number(process.env.BENCH_KEYS ?? 500);
const REMOTE_CHANGES = Number(process.env.BENCH_REMOTE ?? 50);
const BUILDS = Number(process.env.BENCH_BUILDS ?? 30);
const PARAGRAPH = "The signatories shall ensure that border management respects the rights and dignity of every migrant, whatever their status.";
const PASSAGES = ["border management", "the rights and dignity", "every migrant", "whatever their status"];

const schema = getSchema(charterExtensions());
const messages: AmendmentMessages = {
  label: (n, d) => `${n ?? "Draft"} · ${d}`,
  intro: (n) => (n > 1 ? "Alternatives:" : "Amendment proposed:"),
  passage: (l) => `Passage amended by ${l}:`,
  replaceWith: "replace with:",
  add: "add:",
  deletion: "delete",
  noChange: "no change",
  or: "or",
  outdated: "outdated",
  privateDraft: "private draft",
  notAdopted: "not adopted",
  beingConsidered: "Being considered",
};

function buildDoc() {
  const clauses = [];
  for (let i = 0; i < ARTICLES; i++) {
    clauses.push(
      schema.nodes.clause.create({ clauseId: `art-${i}` }, [
        schema.nodes.clauseHeading.create(null, schema.text(`Article heading ${i}`)),
        schema.nodes.paragraph.create(null, schema.text(PARAGRAPH)),
      ]),
    );
  }
  return schema.nodes.doc.create(null, clauses);
}

/** 50 amendments over the draft: every operation, a few whole articles, a few pairs of alternatives. */
function buildAmendments(): Amendment[] {
  const ops = ["MOD", "SUP", "ADD", "NOC"] as const;
  const list = [];
  for (let i = 0; i < AMENDMENTS; i++) {
    const article = Math.floor((i * ARTICLES) / AMENDMENTS);
    const op = ops[i % ops.length];
    const whole = i % 10 === 9;
    const exact = PASSAGES[i % PASSAGES.length];
    list.push({
      id: `am-${i}`,
      draftId: "d",
      number: `AM-${String(i + 1).padStart(3, "0")}`,
      clauseId: `art-${article}`,
      op,
      type: "te",
      status: i % 7 === 0 ? "under_consideration" : "submitted",
      outdated: i % 11 === 0,
      // every fifth one is an alternative to the one before it, on the same article and passage
      group: i % 5 === 4 ? `am-${i - 1}` : i % 5 === 3 ? `am-${i}` : null,
      anchor: whole ? null : { clauseId: `art-${article}`, prefix: "", exact, suffix: "" },
      quote: whole ? "" : exact,
      base: whole ? PARAGRAPH : exact,
      current: whole ? PARAGRAPH : exact,
      supersedes: [],
      position: null,
      modifiedText: null,
      modifiedDoc: null,
      proposedText: op === "MOD" || op === "ADD" ? "a proposed wording of several words" : "",
      proposedDoc: null,
      rationale: "Reasons.",
      sponsor: { id: "u", name: "N", delegation: `Delegation ${i % 9}` },
      cosponsors: [],
      sources: [],
      createdAt: new Date(0).toISOString(),
      submittedAt: new Date(0).toISOString(),
      decision: null,
    });
  }
  // Alternatives share the article and passage of the group's first amendment.
  for (const a of list) {
    if (a.group && a.group !== a.id) {
      const first = list.find((b) => b.id === a.group)!;
      Object.assign(a, { clauseId: first.clauseId, anchor: first.anchor && { ...first.anchor }, op: "MOD", proposedText: "another wording" });
    }
  }
  return amendmentListSchema.parse(list);
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function summary(values: number[]) {
  return { p50: round2(percentile(values, 50)), p95: round2(percentile(values, 95)), max: round2(Math.max(...values)) };
}

function measure(plugins: Plugin[], amendments: Amendment[], view: AmendmentView) {
  let state = EditorState.create({ schema, doc: buildDoc(), plugins });
  const builds: number[] = [];
  if (plugins.length) {
    for (let i = 0; i < BUILDS; i++) {
      // A fresh list each time (as a refetch gives): nothing cached by identity.
      const list = amendments.map((a) => ({ ...a }));
      builds.push(time(() => (state = state.apply(state.tr.setMeta(SET_AMENDMENT_VIEW, { amendments: list, view, messages })))));
    }
  }
  const drawn = plugins.length ? (amendmentDecorationsKey.getState(state)?.set.find().length ?? 0) : 0;

  // Typing in the paragraph of the middle article (an amended one when there are amendments).
  let middle = 0;
  state.doc.forEach((node, offset, index) => {
    if (index === Math.floor(ARTICLES / 2)) middle = offset + 1 + node.firstChild!.nodeSize + 1 + 10;
  });
  const keystrokes: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    const at = middle + i;
    keystrokes.push(time(() => (state = state.apply(state.tr.insertText("x", at)))));
  }

  // A remote change as y-tiptap dispatches it: the whole content replaced by (mostly the same) nodes.
  const remote: number[] = [];
  for (let i = 0; i < REMOTE_CHANGES; i++) {
    const tr = state.tr.replace(0, state.doc.content.size, new Slice(state.doc.content, 0, 0)).setMeta(ySyncPluginKey, { isChangeOrigin: true });
    remote.push(time(() => (state = state.apply(tr))));
  }
  const after = plugins.length ? (amendmentDecorationsKey.getState(state)?.set.find().length ?? 0) : 0;
  return { build: plugins.length ? summary(builds) : null, keystroke: summary(keystrokes), remoteChange: summary(remote), decorations: drawn, decorationsAfterRemoteChanges: after };
}

const amendments = buildAmendments();
// Warm-up (JIT) of both paths before measuring.
measure([amendmentDecorationsPlugin()], amendments, "inline");
measure([], amendments, "inline");

const report = {
  articles: ARTICLES,
  amendments: AMENDMENTS,
  baseline: measure([], amendments, "inline"),
  inline: measure([amendmentDecorationsPlugin()], amendments, "inline"),
  asIfAccepted: measure([amendmentDecorationsPlugin()], amendments, "accepted"),
  clean: measure([amendmentDecorationsPlugin()], amendments, "clean"),
  unit: "ms",
  node: process.version,
};
console.log(JSON.stringify(report, null, 2));
