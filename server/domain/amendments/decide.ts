// The chair's and secretariat's disposition of an amendment (issue 12, item 5): which states may
// follow which (one table), one amendment under consideration per draft, acceptance applied to the
// live text (apply.ts) unless the passage changed since submission, alternatives closed as not
// retained, superseded amendments closed by their compromise, and every decision recorded,
// audit-logged and notified to the sponsor and co-sponsors.
import * as Y from "yjs";
import { db, type DbTx } from "@/server/db/client";
import { withExclusiveLock } from "@/server/db/job-lock";
import { amendmentsRepo, type AmendmentRow } from "@/server/db/repositories/amendments";
import { commentsRepo } from "@/server/db/repositories/comments";
import { amendmentLabel, type AddPosition, type AmendmentPatch, type AmendmentStatus } from "@/lib/contracts/amendments";
import type { CommentAnchor } from "@/lib/contracts/comments";
import { fragmentOf, type TextLang } from "@/lib/editor/languages";
import { sameQuote } from "@/lib/comments/quote";
import type { Actor } from "../actor";
import { DomainError } from "../errors";
import { authorize } from "../permissions";
import { recordAudit } from "../audit/record";
import { currentDraftState, signalDraft } from "../live-documents";
import { applyWithVersions } from "../versions";
import { notificationsChanged, type NotificationRow } from "../comments/notifications";
import { isOpen, liveFacts, OPEN_STATUSES, passageTextIn } from "./alternatives";
import { applicationUpdate, checkProposedText } from "./apply";

/**
 * Which status a decision may give, from each status. Decided ones are final; a deferred amendment
 * comes back under consideration (or to the list); "superseded" is given only by accepting the
 * compromise that supersedes it; drafts are the sponsor's (submit, withdraw: index.ts).
 */
const NEXT: Record<AmendmentStatus, readonly AmendmentStatus[]> = {
  draft: [],
  submitted: ["under_consideration", "accepted", "accepted_modified", "not_accepted", "deferred"],
  under_consideration: ["submitted", "accepted", "accepted_modified", "not_accepted", "deferred"],
  deferred: ["under_consideration", "submitted"],
  accepted: [],
  accepted_modified: [],
  not_accepted: [],
  withdrawn: [],
  superseded: [],
};

const STATUS_WORDS: Record<AmendmentStatus, string> = {
  draft: "a private draft",
  submitted: "submitted",
  under_consideration: "under consideration",
  accepted: "accepted",
  accepted_modified: "accepted as modified",
  not_accepted: "not accepted",
  withdrawn: "withdrawn",
  superseded: "superseded",
  deferred: "deferred",
};

/** Statuses the sponsor and co-sponsors hear about (not the chair's order of work). */
const NOTIFIED: readonly AmendmentStatus[] = ["accepted", "accepted_modified", "not_accepted", "deferred", "superseded"];
const ACCEPTING: readonly AmendmentStatus[] = ["accepted", "accepted_modified"];

const labelOf = (row: { number: number | null }) => (row.number === null ? "This amendment" : amendmentLabel(row.number));

// Decisions on one draft run one at a time, in this process (a queue) and across app processes
// (a lock in the database): accepting two alternatives at once must not apply both.
const draftQueues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(draftId: string, decide: () => Promise<T>): Promise<T> {
  const work = () => withExclusiveLock("amendment-decision", draftId, decide);
  const previous = draftQueues.get(draftId) ?? Promise.resolve();
  const run = previous.then(work, work);
  const settled = run.catch(() => undefined);
  draftQueues.set(draftId, settled);
  void settled.then(() => {
    if (draftQueues.get(draftId) === settled) draftQueues.delete(draftId);
  });
  return run;
}

/** Stores the base text an amendment amends as it reads now (called at submission). */
export async function recordBase(tx: DbTx, row: { id: string; lang: TextLang; clauseId: string; anchor: CommentAnchor | null }, state: Uint8Array) {
  await amendmentsRepo.setBase(tx, row.id, passageTextIn(state, row.clauseId, row.anchor, row.lang));
}

async function notifyDecision(tx: DbTx, actor: Actor, row: { id: string; draftId: string; number: number | null }, status: AmendmentStatus): Promise<NotificationRow[]> {
  if (!NOTIFIED.includes(status)) return [];
  const data = { draftId: row.draftId, amendmentId: row.id, number: labelOf(row), status, by: actor.name };
  const rows = (await amendmentsRepo.concerned(tx, row.id)).filter((userId) => userId !== actor.id).map((userId) => ({ userId, type: "amendment_decided", data }));
  await commentsRepo.notify(tx, rows);
  return rows;
}

/** PATCH /api/amendments/:id with a disposition status (chair, secretariat). */
export async function decideAmendment(actor: Actor | null, loaded: AmendmentRow, patch: AmendmentPatch): Promise<void> {
  authorize(actor, "amendment:decide");
  const to = patch.status;
  if (to === "accepted_modified" && !patch.modifiedText && !patch.modifiedDoc) {
    throw new DomainError("invalid", "Accepting as modified needs the text as the committee agreed it (modifiedText).");
  }
  if (to === "accepted_modified") checkProposedText(patch.modifiedDoc ?? null, patch.modifiedText ?? "");
  await oneAtATime(loaded.draftId, async () => {
    // Read again in turn: the decision before this one may have closed it (an alternative accepted).
    const row = (await amendmentsRepo.find(db(), loaded.id)) ?? loaded;
    const from = row.status as AmendmentStatus;
    if (!NEXT[from].includes(to)) {
      throw new DomainError("conflict", `${labelOf(row)} is ${STATUS_WORDS[from]}; it cannot become ${STATUS_WORDS[to]}.`);
    }
    await (ACCEPTING.includes(to) ? accept(actor, row, patch) : record(actor, row, patch));
  });
  signalDraft(loaded.draftId, "amendments");
}

const decisionOf = (actor: Actor, patch: AmendmentPatch) => ({ decidedById: actor.id, observation: patch.observation || null, reading: patch.reading || null });

/** A decision that leaves the text alone (not accepted, deferred, under consideration, back to the list). */
async function record(actor: Actor, row: AmendmentRow, patch: AmendmentPatch) {
  const notified = await db().$transaction(async (tx) => {
    // Putting one under consideration or back on the list is the chair's order of work, not a decision.
    const decides = patch.status !== "under_consideration" && patch.status !== "submitted";
    const moved = decides
      ? await amendmentsRepo.decide(tx, row.id, [row.status], patch.status, decisionOf(actor, patch))
      : await amendmentsRepo.reopen(tx, row.id, [row.status], patch.status);
    if (!moved) throw new DomainError("conflict", `${labelOf(row)} has just been changed by someone else. Look at it again.`);
    // One at a time, so everyone sees which amendment is being considered.
    if (patch.status === "under_consideration") await amendmentsRepo.returnConsidered(tx, row.draftId, row.id);
    await recordAudit(tx, actor, "amendment.decide", { type: "draft", id: row.draftId }, { amendmentId: row.id, number: row.number, from: row.status, status: patch.status, observation: patch.observation ?? null, reading: patch.reading ?? null });
    return notifyDecision(tx, actor, row, patch.status);
  });
  notificationsChanged(notified);
}

/**
 * Acceptance: refused while the passage differs from its base; then the decision is claimed (so a
 * concurrent decision cannot apply it twice), applied to the live text (checked against the base
 * again on the state it applies to), and its alternatives and superseded amendments are closed.
 */
async function accept(actor: Actor, row: AmendmentRow, patch: AmendmentPatch) {
  const open = await amendmentsRepo.open(db(), row.draftId, row.clauseId);
  const all = await liveFacts(row.draftId, [row, ...open.filter((a) => a.id !== row.id)]);
  const facts = all.get(row.id)!;
  if (facts.outdated) throw outdatedError(row, facts.current);
  const alternatives = facts.group ? open.filter((a) => a.id !== row.id && all.get(a.id)?.group === facts.group) : [];
  const label = labelOf(row);

  const claimed = await db().$transaction((tx) => amendmentsRepo.decide(tx, row.id, [row.status], patch.status, {
    ...decisionOf(actor, patch),
    ...(patch.status === "accepted_modified" ? { modifiedText: patch.modifiedText ?? null, modifiedDoc: patch.modifiedDoc ?? null } : {}),
  }));
  if (!claimed) throw new DomainError("conflict", `${label} has just been changed by someone else. Look at it again.`);

  const modified = patch.status === "accepted_modified";
  // A modified NOC or SUP puts the agreed text in place of the passage.
  const op = modified && row.op !== "ADD" ? "MOD" : (row.op as "ADD" | "MOD" | "SUP" | "NOC");
  // Once the update is in the text, a later failure (storing the version) must not undo the
  // decision the text already shows; a failure before (storing the update itself) must.
  let computed: Uint8Array | null = null;
  try {
    if (op !== "NOC") {
      await applyWithVersions(
        actor,
        row.draftId,
        (state) => {
          // The text may have changed since the check above: compare on the state it applies to.
          const current = passageTextIn(state, row.clauseId, row.anchor, row.lang);
          if (row.baseText !== null && !sameQuote(current, row.baseText)) throw outdatedError(row, current);
          const update = applicationUpdate(state, {
            lang: row.lang,
            clauseId: row.clauseId,
            op,
            anchor: row.anchor,
            position: row.position as AddPosition | null,
            doc: modified ? (patch.modifiedDoc ?? null) : row.proposedDoc,
            text: modified ? (patch.modifiedText ?? "") : row.proposedText,
          });
          computed = update;
          return update;
        },
        { name: `${label} (${row.sponsorDelegation}) ${modified ? "accepted as modified" : "accepted"}`, amendmentId: row.id },
      );
    }
  } catch (error) {
    if (!computed || !(await liveTextHolds(row.draftId, row.lang, computed))) await db().$transaction((tx) => amendmentsRepo.undecide(tx, row.id, { status: row.status, decidedById: row.decidedBy?.id ?? null, decidedAt: row.decidedAt, observation: row.observation, reading: row.reading }));
    throw error;
  }

  const notified = await db().$transaction(async (tx) => {
    await recordAudit(tx, actor, "amendment.decide", { type: "draft", id: row.draftId }, { amendmentId: row.id, number: row.number, from: row.status, status: patch.status, observation: patch.observation ?? null, reading: patch.reading ?? null });
    const rows = await notifyDecision(tx, actor, row, patch.status);
    const closings = [
      ...row.supersedes.map((id) => ({ id, status: "superseded" as const, observation: `Superseded by ${label}` })),
      ...alternatives.filter((a) => !row.supersedes.includes(a.id)).map((a) => ({ id: a.id, status: "not_accepted" as const, observation: `Not retained: ${label} accepted` })),
    ];
    for (const closing of closings) {
      const other = await amendmentsRepo.find(tx, closing.id);
      if (!other || !isOpen(other.status)) continue;
      if (!(await amendmentsRepo.decide(tx, other.id, OPEN_STATUSES, closing.status, { decidedById: actor.id, observation: closing.observation, reading: patch.reading || null }))) continue;
      await recordAudit(tx, actor, "amendment.decide", { type: "draft", id: row.draftId }, { amendmentId: other.id, number: other.number, from: other.status, status: closing.status, observation: closing.observation, because: row.id });
      rows.push(...(await notifyDecision(tx, actor, other, closing.status)));
    }
    return rows;
  });
  notificationsChanged(notified);
}

/** True when the live text already holds `update` (applying it again changes nothing). */
async function liveTextHolds(draftId: string, lang: TextLang, update: Uint8Array): Promise<boolean> {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, await currentDraftState(draftId));
    const before = fragmentOf(doc, lang).toString();
    Y.applyUpdate(doc, update);
    return fragmentOf(doc, lang).toString() === before;
  } finally {
    doc.destroy();
  }
}

function outdatedError(row: AmendmentRow, current: string) {
  const now = current ? `now reads “${current}”` : "is no longer in the text";
  return new DomainError("outdated", `${labelOf(row)} is outdated: the text it amends ${now} (it read “${row.baseText ?? ""}”). Nothing was changed.`);
}
