// Open amendments drawn over the text (issue 12, item 3): decorations only. Nothing here writes to
// the document or to Yjs: the text changes only when the chair accepts an amendment, on the server.
//
// Cost: the decorations are built when the list, the view or the language changes (a meta
// transaction) and when a remote change arrives (the sync binding replaces the whole document, so
// mapping would drop every decoration; anchors are resolved again in the new state instead). A
// local keystroke only maps the existing set through the transaction (tests/bench/amendment-decorations.ts).
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Node as PMNode } from "@tiptap/pm/model";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { NODE } from "@/lib/editor/schema";
import type { Amendment } from "@/lib/contracts/amendments";
import type { TextLang } from "@/lib/editor/languages";
import { rangeOfQuoteInClause, rangeOfRelativePositions } from "../comment-anchors";
import { layoutAmendments, type AmendmentOption, type AmendmentView, type ProposalWidget, type Range, type TextMark } from "./amendment-layout";

/** Words the decorations show or say to screen readers, in the reader's language. */
export interface AmendmentMessages {
  /** "AM-012 · Senegal, Morocco" (a private draft has no number yet). */
  label(number: string | null, delegations: string): string;
  /** Said before the proposals: "Amendment proposed:" or "Alternatives:". */
  intro(options: number): string;
  /** Said before a struck or hidden passage: "Passage amended by AM-012:". */
  passage(labels: string): string;
  /** "replace with:", said before a MOD's text. */
  replaceWith: string;
  /** "add:", said before an ADD's text. */
  add: string;
  deletion: string;
  noChange: string;
  or: string;
  outdated: string;
  privateDraft: string;
  notAdopted: string;
  beingConsidered: string;
}

export interface AmendmentViewInput {
  amendments: readonly Amendment[];
  view: AmendmentView;
  /** The text this editor shows: only its amendments are drawn. */
  lang: TextLang;
  messages: AmendmentMessages | null;
}

interface PluginState extends AmendmentViewInput {
  set: DecorationSet;
}

/** Meta of a transaction that changes what is drawn (any subset of the input). */
export const SET_AMENDMENT_VIEW = "setAmendmentView";
export const amendmentDecorationsKey = new PluginKey<PluginState>("amendmentDecorations");

/** The articles of a document by id, with their positions (one pass for every amendment). */
function articlesOf(doc: PMNode): Map<string, { node: PMNode; offset: number }> {
  const articles = new Map<string, { node: PMNode; offset: number }>();
  doc.forEach((node, offset) => {
    if (node.type.name === NODE.clause && !articles.has(node.attrs.clauseId as string)) articles.set(node.attrs.clauseId as string, { node, offset });
  });
  return articles;
}

/**
 * Where an amendment is in this state: its passage (relative positions first, then its quote in
 * its article, as for comments), or a whole-article amendment's article body.
 */
function placeAmendment(state: EditorState, articles: Map<string, { node: PMNode; offset: number }>, a: Amendment): Range | null {
  const article = articles.get(a.anchor?.clauseId ?? a.clauseId);
  if (a.anchor) return rangeOfRelativePositions(state, a.anchor) ?? (article ? rangeOfQuoteInClause(article.node, article.offset, a.anchor) : null);
  if (!article) return null;
  const first = article.node.firstChild;
  const bodyStart = article.offset + 1 + (first?.type.name === NODE.clauseHeading ? first.nodeSize : 0);
  return { from: bodyStart, to: article.offset + article.node.nodeSize - 1 };
}

export function buildAmendmentDecorations(state: EditorState, input: AmendmentViewInput): DecorationSet {
  const { messages } = input;
  if (!messages || !input.amendments.length || input.view === "clean") return DecorationSet.empty;
  const articles = articlesOf(state.doc);
  const layout = layoutAmendments(input.amendments, (a) => placeAmendment(state, articles, a), input.view, input.lang);
  const labelsOf = new Map(layout.widgets.map((w) => [w.key, w.options.map((o) => messages.label(o.number, o.delegations.join(", "))).join(", ")]));
  const decorations: Decoration[] = [];
  for (const mark of layout.marks) decorations.push(...markDecorations(state.doc, mark, messages.passage(labelsOf.get(mark.key) ?? "")));
  for (const widget of layout.widgets) decorations.push(proposalDecoration(widget, messages));
  return decorations.length ? DecorationSet.create(state.doc, decorations) : DecorationSet.empty;
}

function markClass(mark: TextMark): string {
  return `amendment-base amendment-${mark.style}${mark.considered ? " amendment-considered" : ""}`;
}

function markDecorations(doc: PMNode, mark: TextMark, spoken: string): Decoration[] {
  const attrs = { class: markClass(mark), "data-amendment-group": mark.key };
  const found: Decoration[] = [];
  if (mark.wholeArticle) {
    // The article's body blocks, each as a whole (the heading stays as it is).
    doc.nodesBetween(mark.from, mark.to, (node, pos, parent) => {
      if (parent?.type.name !== NODE.clause) return true;
      found.push(Decoration.node(pos, pos + node.nodeSize, attrs));
      return false;
    });
  } else {
    found.push(Decoration.inline(mark.from, mark.to, attrs));
  }
  // A struck passage is read out as it stands: say first that it is the amended passage.
  if (mark.style === "struck") {
    found.push(Decoration.widget(mark.from, () => srOnly(spoken), { side: 1, key: `start:${mark.key}:${spoken}`, ignoreSelection: true }));
  }
  return found;
}

function proposalDecoration(widget: ProposalWidget, messages: AmendmentMessages): Decoration {
  // Same key, same DOM: ProseMirror keeps a widget whose key did not change (the words say
  // which language it was drawn in).
  const key = `proposal:${widget.key}:${JSON.stringify([widget.options, widget.preview, widget.considered, widget.wholeArticle, messages.intro(1), messages.replaceWith])}`;
  // side -1: the proposal stays with the passage it amends when someone types right after it.
  return Decoration.widget(widget.at, () => proposalDom(widget, messages), { side: -1, key, ignoreSelection: true });
}

function el(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text; // text, never HTML
  return node;
}

function srOnly(text: string): HTMLElement {
  const node = el("span", "sr-only", text);
  node.setAttribute("contenteditable", "false");
  return node;
}

function proposalDom(widget: ProposalWidget, messages: AmendmentMessages): HTMLElement {
  const root = el("span", `amendment-proposal${widget.preview ? " amendment-preview" : ""}${widget.considered ? " amendment-considered" : ""}${widget.wholeArticle ? " amendment-article" : ""}`);
  root.setAttribute("contenteditable", "false");
  root.dataset.testid = "amendment-proposal";
  root.dataset.amendmentGroup = widget.key;
  root.append(el("span", "sr-only", `${messages.intro(widget.options.length)} `));
  const alternatives = widget.options.length > 1;
  if (alternatives) root.append(decorative("["));
  widget.options.forEach((option, i) => {
    if (i > 0) {
      root.append(decorative(" / "));
      root.append(el("span", "sr-only", ` ${messages.or} `));
    }
    root.append(optionDom(option, widget.preview, messages));
  });
  if (alternatives) root.append(decorative("]"));
  if (widget.considered) root.append(el("span", "amendment-badge", messages.beingConsidered));
  return root;
}

/** Brackets and slashes: seen, not read out (the spoken text says "or"). */
function decorative(text: string): HTMLElement {
  const node = el("span", "amendment-bracket", text);
  node.setAttribute("aria-hidden", "true");
  return node;
}

function optionDom(option: AmendmentOption, preview: boolean, messages: AmendmentMessages): HTMLElement {
  const node = el("span", `amendment-option amendment-op-${option.op.toLowerCase()}${option.outdated ? " amendment-outdated" : ""}`);
  node.dataset.amendmentId = option.id;
  node.dataset.op = option.op;
  node.dataset.status = option.status;
  node.append(el("span", "amendment-label", messages.label(option.number, option.delegations.join(", "))));
  node.append(document.createTextNode(" "));
  if (option.op === "MOD" || option.op === "ADD") {
    node.append(el("span", "sr-only", `${option.op === "MOD" ? messages.replaceWith : messages.add} `));
    // Paragraphs of the proposal, kept apart by a pilcrow inside one line of text.
    node.append(el("ins", "amendment-text", option.text.split(/\n{2,}/).join(" ¶ ")));
  } else {
    node.append(el("span", "amendment-op", option.op === "SUP" ? messages.deletion : messages.noChange));
  }
  const flags = [
    option.status === "draft" ? messages.privateDraft : null,
    option.outdated ? messages.outdated : null,
    preview ? messages.notAdopted : null,
  ].filter((f): f is string => f !== null);
  for (const flag of flags) node.append(el("span", `amendment-flag${flag === messages.outdated ? " amendment-flag-outdated" : ""}`, flag));
  return node;
}

function isRemoteChange(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return meta?.isChangeOrigin === true;
}

/** The plugin itself (also run without an editor by tests/bench/amendment-decorations.ts). */
export function amendmentDecorationsPlugin(): Plugin<PluginState> {
  return new Plugin<PluginState>({
    key: amendmentDecorationsKey,
    state: {
      init: () => ({ amendments: [], view: "inline", lang: "en", messages: null, set: DecorationSet.empty }),
      apply: (tr, current, _old, state) => {
        const input = tr.getMeta(SET_AMENDMENT_VIEW) as Partial<AmendmentViewInput> | undefined;
        if (input) {
          const next = { ...current, ...input };
          return { ...next, set: buildAmendmentDecorations(state, next) };
        }
        if (!tr.docChanged || !current.amendments.length || current.view === "clean") return current;
        if (isRemoteChange(tr)) return { ...current, set: buildAmendmentDecorations(state, current) };
        return { ...current, set: current.set.map(tr.mapping, tr.doc) };
      },
    },
    props: { decorations: (state) => amendmentDecorationsKey.getState(state)?.set },
  });
}

/** Draws the amendments given by `SET_AMENDMENT_VIEW` transactions (see useAmendmentDecorations). */
export const AmendmentDecorations = Extension.create({
  name: "amendmentDecorations",
  addProseMirrorPlugins: () => [amendmentDecorationsPlugin()],
});
