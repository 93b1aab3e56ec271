// Where and how open amendments are drawn in the text, as plain data (no editor, no DOM): the
// decorations plugin turns this into ProseMirror decorations, and unit tests read it directly.
// Amendments are never written into the shared document: the text changes only when the chair
// accepts one (server side), so everything here is a view over the text.
import type { Amendment, AmendmentOp, AmendmentStatus } from "@/lib/contracts/amendments";
import type { TextLang } from "@/lib/editor/languages";
import { inEditorText } from "../text-language";

/** inline: base struck, proposal beside it · accepted: as if adopted · clean: the text alone. */
export const AMENDMENT_VIEWS = ["inline", "accepted", "clean"] as const;
export type AmendmentView = (typeof AMENDMENT_VIEWS)[number];

/**
 * Drawn in the text: everything not yet decided, and deferred ones (still open for a later
 * reading). A private draft only ever reaches its sponsor (the server filters the list).
 */
const DRAWN_STATUSES: readonly AmendmentStatus[] = ["draft", "submitted", "under_consideration", "deferred"];

export interface Range {
  from: number;
  to: number;
}

/** One proposal as the reader sees it: "AM-012 · Senegal, Morocco", what it does, its state. */
export interface AmendmentOption {
  id: string;
  /** "AM-012"; null for the sponsor's own private draft. */
  number: string | null;
  /** Sponsor first, then co-sponsors. */
  delegations: string[];
  op: AmendmentOp;
  /** The proposed text, paragraphs separated by a blank line ("" for SUP and NOC). */
  text: string;
  status: AmendmentStatus;
  outdated: boolean;
}

/** The base text of a passage (or of a whole article's body): struck, hidden or just marked. */
export interface TextMark extends Range {
  key: string;
  style: "struck" | "hidden" | "noted";
  wholeArticle: boolean;
  considered: boolean;
}

/** The proposals on one passage, drawn where the passage ends: `[option A / option B]` for alternatives. */
export interface ProposalWidget {
  key: string;
  at: number;
  wholeArticle: boolean;
  options: AmendmentOption[];
  /** "As if accepted": shown in place of the text, marked as not adopted. */
  preview: boolean;
  considered: boolean;
}

export interface AmendmentLayout {
  marks: TextMark[];
  widgets: ProposalWidget[];
}

const EMPTY: AmendmentLayout = { marks: [], widgets: [] };

export function isDrawn(a: Pick<Amendment, "status">): boolean {
  return DRAWN_STATUSES.includes(a.status);
}

/** Plain text of a proposal: its text, or the text of its ProseMirror JSON (blocks separated by a blank line). */
export function proposalText(a: Pick<Amendment, "proposedText" | "proposedDoc">): string {
  if (a.proposedText) return a.proposedText;
  if (!a.proposedDoc) return "";
  const blocks: string[] = [];
  const walk = (node: unknown, into: string[]): string => {
    const n = node as { type?: string; text?: string; content?: unknown[] };
    if (typeof n.text === "string") return n.text;
    const inner = (n.content ?? []).map((child) => walk(child, into)).join("");
    if (n.type === "paragraph" || n.type === "clauseHeading" || n.type === "listItem") {
      if (inner.trim()) into.push(inner);
      return "";
    }
    return inner;
  };
  walk(a.proposedDoc, blocks);
  return blocks.join("\n\n");
}

function optionOf(a: Amendment): AmendmentOption {
  return {
    id: a.id,
    number: a.number,
    delegations: [a.sponsor.delegation, ...a.cosponsors.map((c) => c.delegation)],
    op: a.op,
    text: a.op === "ADD" || a.op === "MOD" ? proposalText(a) : "",
    status: a.status,
    outdated: a.outdated,
  };
}

/** Numbered ones in number order ("AM-002" < "AM-010": zero-padded), private drafts last. */
function byNumber(a: Amendment, b: Amendment): number {
  if (a.number === b.number) return a.createdAt < b.createdAt ? -1 : 1;
  if (a.number === null) return 1;
  if (b.number === null) return -1;
  return a.number.length - b.number.length || (a.number < b.number ? -1 : 1);
}

/**
 * Lays out the amendments to draw in `view`. `resolve` says where an amendment is in the text
 * now (its passage, or for a whole-article amendment the article's body), or null when it cannot
 * be found (it is then listed in the side panel, not drawn). Alternatives are the amendments the
 * server put in one `group`: that is the one rule for what counts as the same passage. Only the
 * amendments of the text shown (`lang`) are drawn: the other text's are not in this one.
 */
export function layoutAmendments(amendments: readonly Amendment[], resolve: (a: Amendment) => Range | null, view: AmendmentView, lang: TextLang = "en"): AmendmentLayout {
  if (view === "clean") return EMPTY;
  const groups = new Map<string, { members: Amendment[]; range: Range | null }>();
  for (const a of amendments) {
    if (!isDrawn(a) || !inEditorText(a, lang)) continue;
    const range = resolve(a);
    if (!range || range.to < range.from) continue;
    const key = a.group ?? a.id;
    const group = groups.get(key);
    if (!group) groups.set(key, { members: [a], range: { ...range } });
    else {
      group.members.push(a);
      group.range = { from: Math.min(group.range!.from, range.from), to: Math.max(group.range!.to, range.to) };
    }
  }

  const layout: AmendmentLayout = { marks: [], widgets: [] };
  const ordered = [...groups.entries()].sort(([, a], [, b]) => a.range!.from - b.range!.from || a.range!.to - b.range!.to);
  for (const [key, { members, range }] of ordered) {
    members.sort(byNumber);
    const { from, to } = range!;
    const wholeArticle = members.every((a) => a.anchor === null);
    const considered = members.some((a) => a.status === "under_consideration");
    // A passage some option would replace or delete: the base is what those options change.
    const replaces = members.some((a) => a.op === "MOD" || a.op === "SUP");
    const preview = view === "accepted";
    if (to > from) {
      const style = !replaces ? "noted" : preview ? "hidden" : "struck";
      layout.marks.push({ key, from, to, style, wholeArticle, considered });
    }
    layout.widgets.push({ key, at: to, wholeArticle, options: members.map(optionOf), preview, considered });
  }
  return layout;
}

/** The amendment the chair has put before the committee, if any (the first by number). */
export function amendmentUnderConsideration(amendments: readonly Amendment[]): Amendment | null {
  return [...amendments].filter((a) => a.status === "under_consideration").sort(byNumber)[0] ?? null;
}
