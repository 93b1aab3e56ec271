// @vitest-environment jsdom
// What the editor derives from the document (outline, numbers, placeholder hints, citation flags,
// the reverse-link highlight, clause ids) is recomputed only for what a transaction changed. These
// tests make the changes a user makes and check that every derived value followed.
import { afterEach, describe, expect, it } from "vitest";
import { Editor } from "@tiptap/core";
import type { DecorationSet } from "@tiptap/pm/view";
import { charterExtensions } from "@/lib/editor/extensions";
import { buildOutline, sameOutline, textStartOf } from "@/app/drafts/[id]/outline";
import { HeadingPlaceholder, REFRESH_HEADING_PLACEHOLDER } from "@/app/drafts/[id]/heading-placeholder";
import { CitationStatus, REFRESH_CITATION_STATUS } from "@/app/drafts/[id]/citation-status";
import { ClauseHighlight, HIGHLIGHT_CLAUSE } from "@/app/drafts/[id]/clause-highlight";
import { positionAfter } from "../../helpers/editor-text";

let editor: Editor | null = null;
afterEach(() => editor?.destroy());

let hints = { clauseHeading: "Heading (optional)", chapter: "Chapter title" };
let library = new Map<string, "active" | "withdrawn">([["s1", "active"], ["s2", "withdrawn"]]);

function make(html: string): Editor {
  editor = new Editor({
    extensions: [
      ...charterExtensions(),
      HeadingPlaceholder.configure({ hints: () => hints }),
      CitationStatus.configure({ lookup: (id) => library.get(id) ?? "missing", messages: { missing: "Missing", withdrawn: "Withdrawn" }, dragType: "x" }),
      ClauseHighlight,
    ],
    content: html,
  });
  return editor;
}

const clause = (id: string, heading: string, text: string) => `<section data-clause-id="${id}"><h3 data-clause-heading>${heading}</h3><p>${text}</p></section>`;
const cite = (id: string, key: string) => `<cite data-source-item-id="${id}" data-key="${key}">[${key}]</cite>`;
const THREE = `<h2 data-chapter>Principles</h2>${clause("a", "Scope", "Alpha text.")}${clause("b", "Rights", "Beta text.")}${clause("c", "Final", "Gamma text.")}`;


function typeAt(e: Editor, pos: number, text: string) {
  e.commands.setTextSelection(pos);
  for (const ch of text) e.view.dispatch(e.state.tr.insertText(ch));
}

/** The decorations of every plugin, as "class@text of the decorated node" strings. */
function decorated(e: Editor): string[] {
  const out: string[] = [];
  for (const plugin of e.state.plugins) {
    const set = plugin.props.decorations?.call(plugin, e.state) as DecorationSet | null | undefined;
    for (const d of set?.find() ?? []) {
      const attrs = (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
      const node = e.state.doc.nodeAt(d.from);
      out.push(`${attrs.class}${attrs["data-placeholder"] ? `(${attrs["data-placeholder"]})` : ""}@${node?.type.name}:${node?.textContent ?? ""}`);
    }
  }
  return out.filter((s) => !s.startsWith("undefined")).sort();
}

const outlineText = (e: Editor) => buildOutline(e.state.doc).map((x) => (x.kind === "clause" ? `${x.number}. ${x.label}` : `# ${x.label}`));

describe("outline", () => {
  it("numbers articles and follows heading edits, splits, merges and moves", () => {
    const e = make(THREE);
    expect(outlineText(e)).toEqual(["# Principles", "1. Scope", "2. Rights", "3. Final"]);
    const before = buildOutline(e.state.doc);

    typeAt(e, positionAfter(e, "Beta text."), " More words.");
    expect(sameOutline(before, buildOutline(e.state.doc))).toBe(true); // body text: nothing to redraw

    typeAt(e, positionAfter(e, "Rights"), " of migrants");
    expect(outlineText(e)).toEqual(["# Principles", "1. Scope", "2. Rights of migrants", "3. Final"]);

    e.commands.setTextSelection(positionAfter(e, "Alpha"));
    e.commands.splitClause();
    expect(outlineText(e)).toEqual(["# Principles", "1. Scope", "2. ", "3. Rights of migrants", "4. Final"]);

    e.commands.mergeClauseWithPrevious();
    expect(outlineText(e)).toEqual(["# Principles", "1. Scope", "2. Rights of migrants", "3. Final"]);

    e.commands.setTextSelection(positionAfter(e, "Gamma"));
    e.commands.moveClause("up");
    expect(outlineText(e)).toEqual(["# Principles", "1. Scope", "2. Final", "3. Rights of migrants"]);

    typeAt(e, positionAfter(e, "Principles"), " and scope");
    expect(outlineText(e)[0]).toBe("# Principles and scope");
  });

  it("finds an entry's text where it is now, however much text was typed before it", () => {
    const e = make(THREE);
    const [chapter, , rights] = buildOutline(e.state.doc);
    typeAt(e, positionAfter(e, "Alpha text."), " A long addition before the next article.");
    expect(e.state.doc.resolve(textStartOf(e.state.doc, rights)!).parent.textContent).toBe("Rights");
    expect(e.state.doc.resolve(textStartOf(e.state.doc, chapter)!).parent.textContent).toBe("Principles");
    expect(textStartOf(e.state.doc, { kind: "clause", id: "gone", label: "" })).toBeNull();
  });
});

describe("heading placeholder", () => {
  it("appears in the empty heading a split leaves, goes when it is typed into, and follows the language", () => {
    hints = { clauseHeading: "Heading (optional)", chapter: "Chapter title" };
    const e = make(THREE);
    expect(decorated(e)).toEqual([]);
    e.commands.setTextSelection(positionAfter(e, "Alpha"));
    e.commands.splitClause();
    expect(decorated(e)).toEqual(["is-empty(Heading (optional))@clauseHeading:"]);

    typeAt(e, positionAfter(e, "Gamma text."), " Elsewhere."); // another article: the hint stays
    expect(decorated(e)).toEqual(["is-empty(Heading (optional))@clauseHeading:"]);

    hints = { clauseHeading: "Intitulé (facultatif)", chapter: "Titre du chapitre" };
    e.view.dispatch(e.state.tr.setMeta(REFRESH_HEADING_PLACEHOLDER, true));
    expect(decorated(e)).toEqual(["is-empty(Intitulé (facultatif))@clauseHeading:"]);

    const emptyHeading = buildOutline(e.state.doc).find((x) => x.kind === "clause" && !x.label)!;
    typeAt(e, textStartOf(e.state.doc, emptyHeading)!, "Named");
    expect(decorated(e)).toEqual([]);
  });
});

describe("citation flags", () => {
  it("flag a citation inserted, pasted or moved later, and follow the library when it is refreshed", () => {
    library = new Map([["s1", "active"], ["s2", "withdrawn"]]);
    const e = make(`${clause("a", "Scope", `Alpha ${cite("s1", "K1")} text.`)}${clause("b", "Rights", `Beta ${cite("s2", "K2")} text.`)}`);
    expect(decorated(e)).toEqual(["citation-withdrawn@citation:"]);

    e.commands.setTextSelection(positionAfter(e, "Alpha"));
    e.commands.insertContent({ type: "citation", attrs: { sourceItemId: "gone", key: "K9" } });
    expect(decorated(e)).toEqual(["citation-missing@citation:", "citation-withdrawn@citation:"]);

    e.commands.setTextSelection(positionAfter(e, "Beta"));
    e.commands.moveClause("up");
    expect(decorated(e)).toEqual(["citation-missing@citation:", "citation-withdrawn@citation:"]);

    library = new Map([["s1", "withdrawn"], ["s2", "active"], ["gone", "active"]]);
    e.view.dispatch(e.state.tr.setMeta(REFRESH_CITATION_STATUS, true));
    expect(decorated(e)).toEqual(["citation-withdrawn@citation:"]);
    const flagged = e.state.doc.nodeAt(e.state.plugins.flatMap((p) => ((p.props.decorations?.call(p, e.state) as DecorationSet | null)?.find() ?? []))[0].from)!;
    expect(flagged.attrs.sourceItemId).toBe("s1");
  });
});

describe("reverse-link highlight", () => {
  it("stays on its article while it is edited and after the article is moved", () => {
    const e = make(THREE);
    e.view.dispatch(e.state.tr.setMeta(HIGHLIGHT_CLAUSE, "b"));
    const highlighted = () => decorated(e).filter((d) => d.startsWith("clause-target"));
    expect(highlighted()).toEqual(["clause-target@clause:RightsBeta text."]);
    typeAt(e, positionAfter(e, "Beta text."), " More.");
    expect(highlighted()).toEqual(["clause-target@clause:RightsBeta text. More."]);
    e.commands.setTextSelection(positionAfter(e, "Beta"));
    e.commands.moveClause("up"); // recreated above "Scope" (delete + insert)
    expect(highlighted()).toEqual(["clause-target@clause:RightsBeta text. More."]);
    e.commands.moveClause("down");
    expect(highlighted()).toEqual(["clause-target@clause:RightsBeta text. More."]);
    e.view.dispatch(e.state.tr.setMeta(HIGHLIGHT_CLAUSE, null));
    expect(highlighted()).toEqual([]);
  });
});

describe("clause ids", () => {
  it("stay put while typing, and a duplicate made by any kind of step gets a fresh one", () => {
    const e = make(THREE);
    const ids = () => buildOutline(e.state.doc).filter((x) => x.kind === "clause").map((x) => x.id);
    typeAt(e, positionAfter(e, "Beta"), "!");
    expect(ids()).toEqual(["a", "b", "c"]);
    // an attribute step (not a replacement) giving article c the id of article a
    const posOfC = textStartOf(e.state.doc, { kind: "clause", id: "c", label: "" })! - 2;
    e.view.dispatch(e.state.tr.setNodeAttribute(posOfC, "clauseId", "a"));
    const after = ids();
    expect(after.slice(0, 2)).toEqual(["a", "b"]);
    expect(after[2]).not.toBe("a");
    expect(new Set(after).size).toBe(3);
  });
});
