// The language mirror under edits a real editor binding makes and under hostile clients: merges
// the binding writes as "rewrite the later article in place", identical article texts, and a
// change of an article's id alone. Stock y-websocket clients against the real collaboration server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { getSchema } from "@tiptap/core";
import { Fragment } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";
import { initProseMirrorDoc, updateYFragment } from "@tiptap/y-tiptap";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab, type TestClient } from "../helpers/collab";
import { readClauses, type BlockSpec } from "@/lib/editor/ydoc";
import { charterExtensions } from "@/lib/editor/extensions";
import { NODE } from "@/lib/editor/schema";
import { fragmentOf, type TextLang } from "@/lib/editor/languages";
import { structureOf } from "@/lib/editor/align-languages";
import { loadDraftInto } from "@/server/collab/persistence";
import type { Actor } from "@/server/domain/actor";
import { clauseIn } from "../helpers/articles";

const schema = getSchema(charterExtensions());

/** Writes a French text into an article's first paragraph. */
function translate(client: TestClient, clauseId: string, text: string): void {
  (clauseIn(client.doc, "fr", clauseId).get(1) as Y.XmlElement).insert(0, [new Y.XmlText(text)]);
}

/** The editor's "merge with the previous article" (commands.ts), written into Yjs by y-tiptap. */
function mergeWithEditor(doc: Y.Doc, lang: TextLang, clauseId: string): void {
  const fragment = fragmentOf(doc, lang);
  const { doc: pm, meta } = initProseMirrorDoc(fragment, schema);
  let index = -1;
  pm.forEach((node, _offset, i) => {
    if (node.attrs.clauseId === clauseId) index = i;
  });
  let pos = 0;
  for (let i = 0; i < index; i++) pos += pm.child(i).nodeSize;
  const here = pm.child(index);
  const previous = pm.child(index - 1);
  const blocks: ReturnType<typeof pm.child>[] = [];
  here.forEach((child) => {
    if (child.type.name !== NODE.clauseHeading) blocks.push(child);
    else if (child.textContent.trim()) blocks.push(schema.nodes[NODE.paragraph].create(null, child.content));
  });
  const merged = previous.type.create(previous.attrs, previous.content.append(Fragment.fromArray(blocks)));
  const tr = EditorState.create({ doc: pm }).tr.replaceWith(pos - previous.nodeSize, pos + here.nodeSize, merged);
  doc.transact(() => updateYFragment(doc, fragment, tr.doc, meta), "editor");
}

/** The editor's "split the article here" (commands.ts splitClause) at a paragraph, written by y-tiptap. */
function splitWithEditor(doc: Y.Doc, lang: TextLang, clauseId: string, paragraph: number): string {
  const fragment = fragmentOf(doc, lang);
  const { doc: pm, meta } = initProseMirrorDoc(fragment, schema);
  let index = -1;
  pm.forEach((node, _offset, i) => {
    if (node.attrs.clauseId === clauseId) index = i;
  });
  let pos = 0;
  for (let i = 0; i < index; i++) pos += pm.child(i).nodeSize;
  const clause = pm.child(index);
  const first: ReturnType<typeof pm.child>[] = [];
  const second: ReturnType<typeof pm.child>[] = [schema.nodes[NODE.clauseHeading].create()];
  clause.forEach((child, _offset, i) => (i <= paragraph ? first : second).push(child));
  const newId = "split-half";
  const tr = EditorState.create({ doc: pm }).tr.replaceWith(pos, pos + clause.nodeSize, [
    clause.type.create(clause.attrs, first),
    clause.type.create({ clauseId: newId }, second),
  ]);
  doc.transact(() => updateYFragment(doc, fragment, tr.doc, meta), "editor");
  return newId;
}

async function stored(draftId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  await loadDraftInto(draftId, doc);
  return doc;
}

const texts = (doc: Y.Doc, lang: TextLang) => readClauses(doc, lang).map((c) => `${c.clauseId}: ${c.text}`);

describe("bilingual structure: edits a real binding makes, and hostile ones", () => {
  let collab: RunningCollab;
  let secretariat: Actor, member: Actor, chair: Actor;

  beforeAll(async () => {
    await useFreshDatabase();
    secretariat = await makeActor("secretariat");
    member = await makeActor("member");
    chair = await makeActor("chair");
    collab = await startCollab();
  });
  afterAll(async () => {
    await collab.stop();
  });

  async function session(articles: BlockSpec[]) {
    const draftId = (await makeDraft(secretariat, "Edges", articles)).id;
    const english = await connectAs(collab, member, draftId);
    const french = await connectAs(collab, chair, draftId);
    await Promise.all([waitForSync(english), waitForSync(french)]);
    return { draftId, english, french, done: () => [english, french].forEach((c) => c.destroy()) };
  }

  it("merging an article into the one before keeps its French text when the binding rewrites the later article in place", async () => {
    // The later article has more paragraphs: y-tiptap keeps its element, gives it the earlier
    // article's id and content, and deletes the earlier article's element.
    const s = await session([
      { clauseId: "art-1", heading: "Scope", paragraphs: [["It applies at borders."]] },
      { clauseId: "art-2", heading: "", paragraphs: [["Rescue at sea."], ["No pushbacks."], ["Access to asylum."]] },
      { clauseId: "art-3", heading: "Children", paragraphs: [["Children come first."]] },
    ]);
    translate(s.french, "art-1", "Elle s'applique aux frontières.");
    translate(s.french, "art-2", "Sauvetage en mer.");
    await waitFor(() => readClauses(s.english.doc, "fr").find((c) => c.clauseId === "art-2")?.text.startsWith("Sauvetage"), 5000, "French texts");
    mergeWithEditor(s.english.doc, "en", "art-2");
    await waitFor(() => structureOf(s.french.doc, "fr").length === 2, 5000, "merged in French");
    expect(structureOf(s.french.doc, "fr")).toEqual(["clause:art-1", "clause:art-3"]);
    const french = readClauses(s.french.doc, "fr").find((c) => c.clauseId === "art-1")!.text;
    expect(french).toContain("Elle s'applique aux frontières.");
    expect(french).toContain("Sauvetage en mer.");
    await waitFor(async () => texts(await stored(s.draftId), "fr").join("|").includes("Sauvetage en mer."), 5000, "stored");
    s.done();
  });

  it("deleting an article whose text repeats the end of the one before deletes its French text, not appends it", async () => {
    const s = await session([
      { clauseId: "art-1", heading: "Reserved", paragraphs: [["To be drafted."]] },
      { clauseId: "art-2", heading: "Reserved", paragraphs: [["To be drafted."]] },
      { clauseId: "art-3", heading: "Children", paragraphs: [["Children come first."]] },
    ]);
    translate(s.french, "art-1", "À rédiger.");
    translate(s.french, "art-2", "Texte français de l'article 2.");
    await waitFor(() => readClauses(s.english.doc, "fr").find((c) => c.clauseId === "art-2")?.text.startsWith("Texte"), 5000, "French texts");
    s.english.doc.transact(() => {
      const en = fragmentOf(s.english.doc, "en");
      en.delete(en.toArray().indexOf(clauseIn(s.english.doc, "en", "art-2")), 1);
    });
    await waitFor(() => structureOf(s.french.doc, "fr").length === 2, 5000, "deleted in French");
    expect(texts(s.french.doc, "fr")).toEqual(["art-1: À rédiger.", "art-3: "]);
    s.done();
  });

  it("an article whose id alone changes keeps its French text", async () => {
    const s = await session([
      { clauseId: "art-1", heading: "Scope", paragraphs: [["It applies at borders."]] },
      { clauseId: "art-2", heading: "Dignity", paragraphs: [["Everyone is treated with dignity."]] },
    ]);
    translate(s.french, "art-2", "Chacun est traité avec dignité.");
    await waitFor(() => readClauses(s.english.doc, "fr").find((c) => c.clauseId === "art-2")?.text.startsWith("Chacun"), 5000, "French text");
    clauseIn(s.english.doc, "en", "art-2").setAttribute("clauseId", "art-2b");
    await waitFor(() => structureOf(s.french.doc, "fr").includes("clause:art-2b"), 5000, "renamed in French");
    expect(structureOf(s.french.doc, "fr")).toEqual(["clause:art-1", "clause:art-2b"]);
    expect(texts(s.french.doc, "fr")).toEqual(["art-1: ", "art-2b: Chacun est traité avec dignité."]);
    s.done();
  });

  it("splitting an article keeps its French text with the first half, whichever element the binding keeps", async () => {
    // Most paragraphs go to the second half: y-tiptap rewrites the old element into that half
    // (giving it the new id) and inserts a new element under the old id for the first half.
    const s = await session([
      { clauseId: "art-1", heading: "Scope", paragraphs: [["It applies at borders."], ["Rescue at sea."], ["No pushbacks."], ["Access to asylum."]] },
      { clauseId: "art-2", heading: "Children", paragraphs: [["Children come first."]] },
    ]);
    translate(s.french, "art-1", "Elle s'applique aux frontières.");
    await waitFor(() => readClauses(s.english.doc, "fr")[0]?.text.startsWith("Elle"), 5000, "French text");
    const newId = splitWithEditor(s.english.doc, "en", "art-1", 1);
    await waitFor(() => structureOf(s.french.doc, "fr").length === 3, 5000, "split in French");
    expect(structureOf(s.french.doc, "fr")).toEqual(["clause:art-1", `clause:${newId}`, "clause:art-2"]);
    expect(texts(s.french.doc, "fr")).toEqual(["art-1: Elle s'applique aux frontières.", `${newId}: `, "art-2: "]);
    s.done();
  });
});
