// npx tsx tests/bench/move-carry.ts — the cost of keeping concurrent edits of a moved article, on a
// 100-clause draft with an editing history (5,000 single-character edits): the hook's overhead on
// an ordinary update (no move recorded / a move recorded), recording a move, and carrying one late
// keystroke (built on a copy of the live state, so its cost grows with the document). In memory,
// no database: the carry is applied as the server would after storing it. Prints JSON.
import * as Y from "yjs";
import { getSchema } from "@tiptap/core";
import { EditorState } from "@tiptap/pm/state";
import { initProseMirrorDoc, updateYFragment } from "@tiptap/y-tiptap";
import { appendBlocks } from "@/lib/editor/ydoc";
import { charterExtensions } from "@/lib/editor/extensions";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { MoveCarry } from "@/server/collab/move-carry";
import { percentile, round2 } from "./lib";

const CLAUSES = 100;
const EDITS = 5000;
const ROUNDS = 50;

function paragraphText(doc: Y.Doc, index: number): Y.XmlText {
  return ((doc.getXmlFragment(YDOC_FIELD).get(index) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText;
}

function moveDown(doc: Y.Doc, index: number): void {
  const fragment = doc.getXmlFragment(YDOC_FIELD);
  const { doc: pm, meta } = initProseMirrorDoc(fragment, getSchema(charterExtensions()));
  let pos = 0;
  for (let i = 0; i < index; i++) pos += pm.child(i).nodeSize;
  const node = pm.child(index);
  const tr = EditorState.create({ doc: pm }).tr.delete(pos, pos + node.nodeSize);
  tr.insert(pos + pm.child(index + 1).nodeSize, node);
  doc.transact(() => updateYFragment(doc, fragment, tr.doc, meta));
}

async function main() {
  const author = new Y.Doc();
  const sentence = "The signatories shall ensure that border management respects the rights and dignity of every migrant. ";
  appendBlocks(author, Array.from({ length: CLAUSES }, (_, i) => ({ clauseId: `c${i}`, heading: `Article ${i}`, paragraphs: [[sentence.repeat(3)]] })));
  for (let e = 0; e < EDITS; e++) {
    const t = paragraphText(author, (e * 37) % CLAUSES);
    t.insert((e * 13) % t.length, "x");
  }
  const carries: number[] = [];
  const moves = new MoveCarry();
  const room = moves.doc;
  moves.onCarry(async (update) => moves.apply(update, Y.decodeUpdate(update), "server", "u2"));
  Y.applyUpdate(room, Y.encodeStateAsUpdate(author));
  const stateBytes = Y.encodeStateAsUpdate(room).length;

  const timeApply = (update: Uint8Array, userId: string) => {
    const start = performance.now();
    moves.apply(update, Y.decodeUpdate(update), null, userId);
    return performance.now() - start;
  };
  const plainUpdate = (doc: Y.Doc, index: number) => {
    let update: Uint8Array | null = null;
    const take = (u: Uint8Array) => (update = u);
    doc.once("update", take);
    paragraphText(doc, index).insert(0, "y");
    return update!;
  };

  const plainNoRecord = Array.from({ length: ROUNDS }, (_, i) => timeApply(plainUpdate(author, 50 + (i % 10)), "u1"));

  // The mover and a typist who has not seen the move.
  const plain = new Y.Doc(); // the same updates without the hook, for comparison
  Y.applyUpdate(plain, Y.encodeStateAsUpdate(room));
  const plainMoveTimes: number[] = [];
  const typist = new Y.Doc();
  Y.applyUpdate(typist, Y.encodeStateAsUpdate(room));
  const recordTimes: number[] = [];
  const lateTimes: number[] = [];
  for (let r = 0; r < 10; r++) {
    const index = 10 + r * 5;
    let moveUpdate: Uint8Array | null = null;
    author.once("update", (u: Uint8Array) => (moveUpdate = u));
    moveDown(author, index);
    Y.applyUpdate(typist, Y.encodeStateAsUpdate(room)); // typist up to date before this move only
    Y.applyUpdate(plain, Y.encodeStateAsUpdate(room));
    const plainStart = performance.now();
    Y.applyUpdate(plain, moveUpdate!);
    plainMoveTimes.push(performance.now() - plainStart);
    recordTimes.push(timeApply(moveUpdate!, "u1"));
    await moves.settled();
    let late: Uint8Array | null = null;
    typist.once("update", (u: Uint8Array) => (late = u));
    paragraphText(typist, index).insert(5, "z");
    const start = performance.now();
    moves.apply(late!, Y.decodeUpdate(late!), null, "u2");
    await moves.settled(); // builds the carry on a copy of the state and applies it
    lateTimes.push(performance.now() - start);
    carries.push(moves.stats.carried);
    Y.applyUpdate(author, Y.encodeStateAsUpdate(room));
  }
  const plainWithRecords = Array.from({ length: ROUNDS }, (_, i) => timeApply(plainUpdate(author, 70 + (i % 10)), "u1"));

  const summary = (xs: number[]) => ({ p50: round2(percentile(xs, 50)), p95: round2(percentile(xs, 95)), max: round2(Math.max(...xs)) });
  console.log(
    JSON.stringify(
      {
        clauses: CLAUSES,
        edits: EDITS,
        stateBytes,
        ordinaryUpdateMs: { noMoveRecorded: summary(plainNoRecord), tenMovesRecorded: summary(plainWithRecords) },
        applyMoveWithoutHookMs: summary(plainMoveTimes),
        recordMoveMs: summary(recordTimes),
        carryLateKeystrokeMs: summary(lateTimes),
        carried: moves.stats.carried,
        moves: moves.stats.moves,
      },
      null,
      2,
    ),
  );
}

void main();
