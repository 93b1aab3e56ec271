// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { Editor } from "@tiptap/core";
import { charterExtensions } from "@/lib/editor/extensions";
import { positionAfter } from "../../helpers/editor-text";

let editor: Editor | null = null;
afterEach(() => editor?.destroy());

function make(html: string): Editor {
  editor = new Editor({ extensions: charterExtensions(), content: html });
  return editor;
}

const clauses = (e: Editor) => {
  const out: { id: string; heading: string; text: string }[] = [];
  e.state.doc.forEach((n) => {
    if (n.type.name !== "clause") return;
    const [heading, ...rest] = n.children;
    out.push({ id: n.attrs.clauseId, heading: heading.textContent, text: rest.map((c) => c.textContent).join("|") });
  });
  return out;
};

/** Puts the cursor right after `needle` in the document text. */
function cursorAfter(e: Editor, needle: string) {
  e.commands.setTextSelection(positionAfter(e, needle));
}

const TWO = '<section data-clause-id="a"><h3 data-clause-heading>Scope</h3><p>First sentence. Second sentence.</p></section><section data-clause-id="b"><h3 data-clause-heading>Rights</h3><p>Rights text.</p></section>';

describe("clause commands", () => {
  it("adds an article after the current one with a fresh id", () => {
    const e = make(TWO);
    cursorAfter(e, "First");
    expect(e.commands.addClause()).toBe(true);
    const list = clauses(e);
    expect(list.map((c) => c.id.slice(0, 3))).toEqual(["a", "cl-", "b"]);
    expect(new Set(list.map((c) => c.id)).size).toBe(3);
  });

  it("splits an article at the cursor: the second half gets its own id and an empty heading", () => {
    const e = make(TWO);
    cursorAfter(e, "First sentence.");
    expect(e.commands.splitClause()).toBe(true);
    const [first, second, third] = clauses(e);
    expect(first).toEqual({ id: "a", heading: "Scope", text: "First sentence." });
    expect(second.heading).toBe("");
    expect(second.text).toBe(" Second sentence.");
    expect(second.id).not.toBe("a");
    expect(third.id).toBe("b");
  });

  it("refuses to split at the very start, where the first half would be empty", () => {
    const e = make(TWO);
    cursorAfter(e, "First");
    e.commands.setTextSelection(e.state.selection.from - "First".length);
    expect(e.state.selection.$from.parent.type.name).toBe("paragraph");
    expect(e.state.selection.$from.parentOffset).toBe(0);
    expect(e.commands.splitClause()).toBe(false);
    expect(clauses(e)).toHaveLength(2);
  });

  it("merges an article into the previous one, keeping the previous id and the heading as text", () => {
    const e = make(TWO);
    cursorAfter(e, "Rights text");
    expect(e.commands.mergeClauseWithPrevious()).toBe(true);
    expect(clauses(e)).toEqual([{ id: "a", heading: "Scope", text: "First sentence. Second sentence.|Rights|Rights text." }]);
  });

  it("moves articles up and down and keeps ids", () => {
    const e = make(TWO);
    cursorAfter(e, "Rights text");
    expect(e.commands.moveClause("up")).toBe(true);
    expect(clauses(e).map((c) => c.id)).toEqual(["b", "a"]);
    expect(e.commands.moveClause("up")).toBe(false); // already first
    expect(e.commands.moveClause("down")).toBe(true);
    expect(clauses(e).map((c) => c.id)).toEqual(["a", "b"]);
  });

  it("deletes an article; deleting the last one leaves an empty article", () => {
    const e = make(TWO);
    cursorAfter(e, "Rights");
    e.commands.deleteClause();
    expect(clauses(e).map((c) => c.id)).toEqual(["a"]);
    e.commands.deleteClause();
    const left = clauses(e);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ heading: "", text: "" });
  });

  it("gives a pasted duplicate of an article a new id", () => {
    const e = make(TWO);
    e.commands.insertContentAt(e.state.doc.content.size, '<section data-clause-id="a"><h3 data-clause-heading>Copy</h3><p>Copied.</p></section>');
    const ids = clauses(e).map((c) => c.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toBe("a");
  });
});
