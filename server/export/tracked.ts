// The compilation of open amendments as Word tracked changes: which characters of which paragraph
// each amendment deletes (w:del), what it inserts where (w:ins), and which amendments cannot be
// shown in the text (their passage is gone, or another amendment already changes it: Word cannot
// delete the same characters twice) and go to an annex instead. The DOCX renderer draws it.
//
// Operations: MOD = w:del of the passage + w:ins of the proposal after it; SUP = w:del only;
// ADD = w:ins only, before or after the anchored passage as its position says (or, when no passage
// was selected, as new paragraphs at the end of the article, or before it for "before", where
// acceptance inserts the new article: apply.ts); NOC = no revision, only a Word comment over the passage. Every
// amendment also carries a Word comment (number, sponsors, reasons) by the sponsoring delegation.
// A whole-article MOD deletes every paragraph of the article's body and inserts the proposal as
// new paragraphs; a whole-article SUP deletes the heading and the body.
import type { AmendmentOp } from "@/lib/contracts/amendments";
import { articleSegments, type AmendmentPlace } from "./amendment-places";
import type { Chapter } from "./model";

export interface TrackedAmendment {
  number: string;
  op: AmendmentOp;
  type: string;
  /** The sponsoring delegation: the revision's author in Word. */
  author: string;
  cosponsors: string[];
  /** When it was submitted: the revision's date. */
  date: Date;
  /** The proposed text, one string per paragraph. */
  proposed: string[];
  rationale: string;
  /** The passage as quoted at proposal ("" for a whole article). */
  quote: string;
  /** ADD: before or after the passage ("after" when not given). */
  position?: "before" | "after" | null;
}

export interface SegmentChange {
  amendment: TrackedAmendment;
  /** del: characters [start, end) are deleted; ins: `text` is inserted at `start`; note: a comment over [start, end). */
  kind: "del" | "ins" | "note";
  start: number;
  end: number;
  text: string;
  /** The amendment's Word comment starts / ends with this change. */
  opensNote: boolean;
  closesNote: boolean;
  /** A whole-article change deletes the paragraph itself, not only its characters. */
  removesParagraph: boolean;
}

export interface AppendedParagraphs {
  amendment: TrackedAmendment;
  paragraphs: string[];
  opensNote: boolean;
  /** Before the article (a whole-article ADD "before"), not after its body. */
  before: boolean;
}

export interface UnplacedAmendment {
  amendment: TrackedAmendment;
  article: number | null;
  /** null: its passage is no longer in the text; otherwise the amendment already shown there. */
  alternativeTo: string | null;
}

export interface TrackedChanges {
  /** By `${clauseId}/${segment key}` (see articleSegments). */
  segments: Map<string, SegmentChange[]>;
  /** New paragraphs after an article's body (or before the article), by clauseId. */
  appended: Map<string, AppendedParagraphs[]>;
  unplaced: UnplacedAmendment[];
}

export const segmentId = (clauseId: string, key: string) => `${clauseId}/${key}`;

function clash(a: SegmentChange, b: SegmentChange): boolean {
  if (a.kind === "note" || b.kind === "note") return false;
  if (a.kind === "del" && b.kind === "del") return a.start < b.end && b.start < a.end;
  const [del, ins] = a.kind === "del" ? [a, b] : [b, a];
  return del.kind === "del" && ins.start > del.start && ins.start < del.end;
}

/** The amendment's changes in the text (before conflicts are checked). */
function changesOf(amendment: TrackedAmendment, place: Exclude<AmendmentPlace, { kind: "gone" }>, chapters: Chapter[]) {
  const changes: { id: string; change: SegmentChange }[] = [];
  let appended: AppendedParagraphs | null = null;
  const add = (key: string, kind: SegmentChange["kind"], start: number, end: number, text = "") =>
    changes.push({
      id: segmentId(place.clauseId, key),
      change: { amendment, kind, start, end, text, opensNote: false, closesNote: false, removesParagraph: place.kind === "article" && kind === "del" },
    });

  if (place.kind === "passage") {
    // A passage across paragraphs has a part in each: deleted part by part, the proposal after the last.
    const { parts } = place;
    const [first, last] = [parts[0], parts[parts.length - 1]];
    if (amendment.op === "MOD" || amendment.op === "SUP") for (const p of parts) add(p.segment, "del", p.start, p.end);
    if (amendment.op === "MOD") add(last.segment, "ins", last.end, last.end, amendment.proposed.join("\n"));
    else if (amendment.op === "ADD") {
      const [segment, at] = amendment.position === "before" ? [first.segment, first.start] : [last.segment, last.end];
      add(segment, "ins", at, at, amendment.proposed.join("\n"));
    } else if (amendment.op === "NOC") for (const p of parts) add(p.segment, "note", p.start, p.end);
  } else {
    const article = chapters.flatMap((c) => c.articles).find((a) => a.clauseId === place.clauseId)!;
    const segments = articleSegments(article).filter((s) => s.text.length > 0);
    const body = segments.filter((s) => s.key !== "heading");
    if (amendment.op === "MOD" || amendment.op === "SUP") {
      for (const s of amendment.op === "SUP" ? segments : body) add(s.key, "del", 0, s.text.length);
    }
    if (amendment.op === "MOD" || amendment.op === "ADD") {
      appended = { amendment, paragraphs: amendment.proposed, opensNote: changes.length === 0, before: amendment.op === "ADD" && amendment.position === "before" };
    }
    if (amendment.op === "NOC") add("heading", "note", 0, article.heading.length);
  }
  if (changes.length) changes[0].change.opensNote = true;
  if (!appended && changes.length) changes[changes.length - 1].change.closesNote = true;
  return { changes, appended };
}

/** Places the open amendments (in number order: the first one on a passage is shown, later ones go to the annex). */
export function planTrackedChanges(chapters: Chapter[], amendments: { amendment: TrackedAmendment; place: AmendmentPlace }[]): TrackedChanges {
  const plan: TrackedChanges = { segments: new Map(), appended: new Map(), unplaced: [] };
  for (const { amendment, place } of amendments) {
    if (place.kind === "gone") {
      plan.unplaced.push({ amendment, article: place.article, alternativeTo: null });
      continue;
    }
    const { changes, appended } = changesOf(amendment, place, chapters);
    const blocking = changes
      .flatMap(({ id, change }) => (plan.segments.get(id) ?? []).filter((other) => clash(change, other)))
      .map((other) => other.amendment.number)[0];
    if (blocking) {
      plan.unplaced.push({ amendment, article: place.article, alternativeTo: blocking });
      continue;
    }
    for (const { id, change } of changes) (plan.segments.get(id) ?? plan.segments.set(id, []).get(id)!).push(change);
    if (appended) (plan.appended.get(place.clauseId) ?? plan.appended.set(place.clauseId, []).get(place.clauseId)!).push(appended);
  }
  return plan;
}
