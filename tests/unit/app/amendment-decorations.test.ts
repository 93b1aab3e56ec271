// @vitest-environment jsdom
// The amendment decorations in a real ProseMirror view: what a reader sees and hears, that the
// document is never touched, and that the drawing follows list changes, local typing and remote
// changes (the sync binding replaces the whole document).
import { afterEach, describe, expect, it } from "vitest";
import { Editor } from "@tiptap/core";
import { Slice } from "@tiptap/pm/model";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { charterExtensions } from "@/lib/editor/extensions";
import { AmendmentDecorations, SET_AMENDMENT_VIEW, type AmendmentMessages } from "@/app/drafts/[id]/amendments/amendment-decorations";
import type { AmendmentView } from "@/app/drafts/[id]/amendments/amendment-layout";
import { amendmentListSchema, type Amendment } from "@/lib/contracts/amendments";

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

let editor: Editor | null = null;
afterEach(() => editor?.destroy());

const TEXT = "Border management shall respect the human rights and dignity of every migrant.";
function make(): Editor {
  editor = new Editor({
    extensions: [...charterExtensions(), AmendmentDecorations],
    content: `<section data-clause-id="a1"><h3 data-clause-heading>Rights</h3><p>${TEXT}</p></section><section data-clause-id="a2"><h3 data-clause-heading>Other</h3><p>Second article.</p></section>`,
  });
  return editor;
}

let serial = 0;
function amendment(over: { [K in keyof Amendment]?: unknown }): Amendment {
  serial += 1;
  return amendmentListSchema.parse([
    {
      id: `am-${serial}`,
      draftId: "d",
      number: `AM-${String(serial).padStart(3, "0")}`,
      clauseId: "a1",
      lang: "en",
      op: "MOD",
      type: "te",
      status: "submitted",
      outdated: false,
      group: null,
      anchor: { clauseId: "a1", prefix: "respect ", exact: "the human rights", suffix: " and" },
      quote: "the human rights",
      base: "the human rights",
      current: "the human rights",
      supersedes: [],
      position: null,
      modifiedText: null,
      modifiedDoc: null,
      proposedText: "the fundamental rights",
      proposedDoc: null,
      rationale: "Clearer.",
      sponsor: { id: "u1", name: "Aminata Diallo", delegation: "Senegal" },
      cosponsors: [],
      sources: [],
      createdAt: new Date(0).toISOString(),
      submittedAt: new Date(0).toISOString(),
      decision: null,
      ...over,
    },
  ])[0];
}

function show(e: Editor, amendments: Amendment[], view: AmendmentView = "inline") {
  e.view.dispatch(e.state.tr.setMeta(SET_AMENDMENT_VIEW, { amendments, view, messages }));
}
const q = (e: Editor, selector: string) => [...e.view.dom.querySelectorAll(selector)];
const texts = (e: Editor, selector: string) => q(e, selector).map((n) => n.textContent);

describe("amendment decorations", () => {
  it("inline: the passage is struck and the proposal shown with its number and sponsor, said in words to screen readers; the document is untouched", () => {
    const e = make();
    const before = JSON.stringify(e.getJSON());
    const mod = amendment({ cosponsors: [{ delegation: "Morocco", at: new Date(0).toISOString() }] });
    show(e, [mod]);
    expect(texts(e, ".amendment-struck")).toEqual(["the human rights"]);
    const [proposal] = q(e, '[data-testid="amendment-proposal"]');
    expect(proposal.getAttribute("contenteditable")).toBe("false");
    expect(proposal.querySelector(".amendment-label")?.textContent).toBe(`${mod.number} · Senegal, Morocco`);
    expect(proposal.querySelector("ins")?.textContent).toBe("the fundamental rights");
    expect(proposal.textContent).toBe(`Amendment proposed: ${mod.number} · Senegal, Morocco replace with: the fundamental rights`);
    expect(texts(e, ".sr-only")).toContain(`Passage amended by ${mod.number} · Senegal, Morocco:`);
    expect(JSON.stringify(e.getJSON())).toBe(before);
    expect(e.state.doc.textContent).toBe(`Rights${TEXT}OtherSecond article.`);
  });

  it("as if accepted hides the base and marks the proposal not adopted; clean draws nothing", () => {
    const e = make();
    const mod = amendment({});
    show(e, [mod], "accepted");
    expect(texts(e, ".amendment-hidden")).toEqual(["the human rights"]);
    expect(q(e, ".amendment-struck")).toHaveLength(0);
    expect(q(e, ".amendment-proposal.amendment-preview .amendment-flag").map((n) => n.textContent)).toEqual(["not adopted"]);
    show(e, [mod], "clean");
    expect(q(e, ".amendment-base, .amendment-proposal")).toHaveLength(0);
  });

  it("alternatives (one server group) are one bracket: [A / B], said as 'or'", () => {
    const e = make();
    const a = amendment({});
    const b = amendment({ proposedText: "all rights", sponsor: { id: "u2", name: "Y", delegation: "Morocco" }, group: a.id });
    show(e, [b, { ...a, group: a.id }]);
    const proposals = q(e, '[data-testid="amendment-proposal"]');
    expect(proposals).toHaveLength(1);
    expect(texts(e, ".amendment-bracket")).toEqual(["[", " / ", "]"]);
    expect(q(e, ".amendment-bracket").every((n) => n.getAttribute("aria-hidden") === "true")).toBe(true);
    expect(proposals[0].textContent).toBe(`Alternatives: [${a.number} · Senegal replace with: the fundamental rights /  or ${b.number} · Morocco replace with: all rights]`);
  });

  it("the amendment under consideration carries the badge, and loses it when the list changes", () => {
    const e = make();
    const mod = amendment({ status: "under_consideration" });
    show(e, [mod]);
    expect(texts(e, ".amendment-proposal.amendment-considered .amendment-badge")).toEqual(["Being considered"]);
    expect(q(e, ".amendment-base.amendment-considered")).toHaveLength(1);
    show(e, [{ ...mod, status: "deferred" }]);
    expect(q(e, ".amendment-considered")).toHaveLength(0);
    expect(q(e, ".amendment-proposal")).toHaveLength(1);
  });

  it("redraws in the new language when the interface language changes", () => {
    const e = make();
    const mod = amendment({});
    show(e, [mod]);
    const french: AmendmentMessages = { ...messages, intro: () => "Amendement proposé :", replaceWith: "remplacer par :" };
    e.view.dispatch(e.state.tr.setMeta(SET_AMENDMENT_VIEW, { messages: french }));
    expect(q(e, '[data-testid="amendment-proposal"]')[0].textContent).toBe(`Amendement proposé : ${mod.number} · Senegal remplacer par : the fundamental rights`);
  });

  it("flags outdated proposals and the sponsor's own private draft", () => {
    const e = make();
    show(e, [amendment({ outdated: true }), amendment({ status: "draft", number: null, submittedAt: null, anchor: { clauseId: "a1", prefix: "", exact: "every migrant", suffix: "" } })]);
    expect(texts(e, ".amendment-flag")).toEqual(["outdated", "private draft"]);
    expect(texts(e, ".amendment-label")).toContain("Draft · Senegal");
  });

  it("a whole-article amendment marks the article's body blocks, not its heading", () => {
    const e = make();
    show(e, [amendment({ anchor: null, op: "SUP", proposedText: "", clauseId: "a2" })]);
    expect(texts(e, "p.amendment-struck")).toEqual(["Second article."]);
    expect(q(e, "h3.amendment-struck")).toHaveLength(0);
    expect(q(e, '[data-clause-id="a2"] .amendment-proposal.amendment-article')).toHaveLength(1);
  });

  it("follows local typing (mapped) and remote changes (resolved again after the whole document is replaced)", () => {
    const e = make();
    show(e, [amendment({})]);
    // Local: type at the start of the paragraph.
    const paragraphStart = 1 + e.state.doc.firstChild!.firstChild!.nodeSize + 1;
    e.view.dispatch(e.state.tr.insertText("Today, ", paragraphStart));
    expect(texts(e, ".amendment-struck")).toEqual(["the human rights"]);
    // Remote: the binding replaces everything; the same text comes back with a word added.
    const tr = e.state.tr.replace(0, e.state.doc.content.size, new Slice(e.state.doc.content, 0, 0));
    tr.insertText("Now ", paragraphStart).setMeta(ySyncPluginKey, { isChangeOrigin: true });
    e.view.dispatch(tr);
    expect(e.state.doc.textContent).toContain("Now Today, Border");
    expect(texts(e, ".amendment-struck")).toEqual(["the human rights"]);
  });
});
