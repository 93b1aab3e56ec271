// @vitest-environment jsdom
// An anchor made from the editor's selection covers exactly the selected text: its relative
// positions, read back by the server (lib/comments/anchor) or by the editor (rangeOfAnchor), give
// the quote and nothing more. Amendments replace that range when accepted, so one character too
// many would delete the space before the passage.
import { afterEach, describe, expect, it } from "vitest";
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import * as Y from "yjs";
import { charterExtensions } from "@/lib/editor/extensions";
import { appendBlocks } from "@/lib/editor/ydoc";
import { anchorFromSelection, rangeOfAnchor } from "@/app/drafts/[id]/comment-anchors";
import { proposalTarget } from "@/app/drafts/[id]/amendments/proposal-target";

const SENTENCE = "Border management shall respect the human rights and dignity of every migrant.";

let editor: Editor | null = null;
afterEach(() => editor?.destroy());

function collaborativeEditor(): { editor: Editor; doc: Y.Doc } {
  const doc = new Y.Doc();
  appendBlocks(doc, [
    { clauseId: "a1", heading: "Dignity", paragraphs: [[SENTENCE]] },
    { clauseId: "a2", heading: "Cooperation", paragraphs: [["States shall cooperate."], ["Second paragraph."]] },
  ]);
  editor = new Editor({ extensions: [...charterExtensions(), Collaboration.configure({ document: doc })] });
  return { editor, doc };
}

function select(e: Editor, text: string) {
  let from = -1;
  e.state.doc.descendants((node, pos) => {
    if (from < 0 && node.isText && node.text!.includes(text)) from = pos + node.text!.indexOf(text);
  });
  e.commands.setTextSelection({ from, to: from + text.length });
}

/** The text between the anchor's relative positions, as the server reads it. */
function textOfRelativeRange(doc: Y.Doc, anchor: { start?: unknown; end?: unknown }): string {
  const start = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor.start), doc)!;
  const end = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor.end), doc)!;
  return (start.type as Y.XmlText).toString().slice(start.index, end.index);
}

describe("anchors from the selection", () => {
  it("cover exactly the selected words, at the start and at the end", () => {
    const { editor: e, doc } = collaborativeEditor();
    select(e, "human rights and dignity");
    const anchor = anchorFromSelection(e)!;
    expect(anchor).toMatchObject({ clauseId: "a1", exact: "human rights and dignity", prefix: expect.stringMatching(/Border management shall respect the $/), suffix: " of every migrant." });
    expect(textOfRelativeRange(doc, anchor)).toBe("human rights and dignity");
    const range = rangeOfAnchor(e, anchor, "a1")!;
    expect(e.state.doc.textBetween(range.from, range.to)).toBe("human rights and dignity");
  });

  it("keep covering the passage when text is typed just before and just after it", () => {
    const { editor: e, doc } = collaborativeEditor();
    select(e, "human rights");
    const anchor = anchorFromSelection(e)!;
    const text = ((doc.getXmlFragment("default").get(0) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText;
    const at = text.toString().indexOf("human rights");
    text.insert(at + "human rights".length, " X");
    text.insert(at, "Y ");
    expect(textOfRelativeRange(doc, anchor)).toBe("human rights");
  });

  it("start a proposal from the passage, or from the whole article", () => {
    const { editor: e } = collaborativeEditor();
    select(e, "shall cooperate");
    const passage = proposalTarget(e, false)!;
    expect(passage).toMatchObject({ clauseId: "a2", articleNumber: 2, anchor: { exact: "shall cooperate" } });
    expect(JSON.stringify(passage.startDoc)).toContain('"text":"shall cooperate"');
    const article = proposalTarget(e, true)!;
    expect(article).toMatchObject({ clauseId: "a2", articleNumber: 2, anchor: null });
    expect(e.schema.nodeFromJSON(article.startDoc).textContent).toBe("CooperationStates shall cooperate.Second paragraph.");
  });
});
