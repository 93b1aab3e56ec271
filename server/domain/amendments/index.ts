// Amendments: a delegation proposes a change to an article (anchored like a comment), keeps it as
// a private draft or submits it (numbered AM-001, AM-002… per draft), other delegations join as
// co-sponsors, and the sponsor may withdraw it until it is decided. The chair's decisions and
// their application to the live text: decide.ts, apply.ts; live facts (outdated, alternatives):
// alternatives.ts.
import * as Y from "yjs";
import { db } from "@/server/db/client";
import { amendmentsRepo, type AmendmentRow } from "@/server/db/repositories/amendments";
import { draftsRepo } from "@/server/db/repositories/drafts";
import { anchorOnPassage, resolveAnchor } from "@/lib/comments/anchor";
import type { CommentAnchor } from "@/lib/contracts/comments";
import { readClauses } from "@/lib/editor/ydoc";
import type { TextLang } from "@/lib/editor/languages";
import { sameQuote } from "@/lib/comments/quote";
import {
  amendmentLabel,
  amendmentPatchSchema,
  amendmentQuerySchema,
  isUndecided,
  newAmendmentSchema,
  UNDECIDED_STATUSES,
  type AddPosition,
  type AmendmentOp,
  type AmendmentStatus,
} from "@/lib/contracts/amendments";
import type { Actor } from "../actor";
import { DomainError, notFound } from "../errors";
import { authorize, can } from "../permissions";
import { recordAudit } from "../audit/record";
import { parseInput } from "../validate";
import { currentDraftState, signalDraft } from "../live-documents";
import { liveFacts, type LiveFacts } from "./alternatives";
import { decideAmendment, recordBase } from "./decide";
import { checkProposedText, textAtPositions } from "./apply";
import { isPassage } from "./passages";

const NO_FACTS: LiveFacts = { current: "", outdated: false, group: null };

function toAmendmentDto(row: AmendmentRow, facts: LiveFacts = NO_FACTS) {
  return {
    id: row.id,
    draftId: row.draftId,
    number: row.number === null ? null : amendmentLabel(row.number),
    clauseId: row.clauseId,
    lang: row.lang,
    op: row.op as AmendmentOp,
    position: row.position as AddPosition | null,
    type: row.type as "ge" | "te" | "ed",
    status: row.status as AmendmentStatus,
    outdated: facts.outdated,
    group: facts.group,
    anchor: row.anchor,
    quote: row.anchor?.exact ?? "",
    // A private draft has no base yet: it is the quoted passage until submission.
    base: row.baseText ?? row.anchor?.exact ?? "",
    current: facts.current,
    supersedes: row.supersedes,
    proposedText: row.proposedText,
    proposedDoc: row.proposedDoc,
    modifiedText: row.modifiedText,
    modifiedDoc: row.modifiedDoc,
    rationale: row.rationale,
    // The delegation it was proposed for, even if the person has since changed delegation.
    sponsor: { id: row.sponsor.id, name: row.sponsor.name, delegation: row.sponsorDelegation },
    cosponsors: row.cosponsors.map((c) => ({ delegation: c.delegation, at: c.createdAt })),
    sources: row.sources.map((s) => ({ id: s.sourceItem.id, key: s.sourceItem.key })),
    createdAt: row.createdAt,
    submittedAt: row.submittedAt,
    decision:
      row.decidedAt && row.decidedBy
        ? { by: row.decidedBy.name, at: row.decidedAt, observation: row.observation, reading: row.reading }
        : null,
  };
}
export type AmendmentDto = ReturnType<typeof toAmendmentDto>;

const seeSubject = (row: AmendmentRow) => ({ sponsorId: row.sponsor.id, sponsorDelegation: row.sponsorDelegation, status: row.status });

/** An amendment the actor may see; someone else's private draft is "not found", like a missing one. */
async function loadVisible(actor: Actor | null, amendmentId: string): Promise<AmendmentRow> {
  authorize(actor, "draft:read");
  const row = await amendmentsRepo.find(db(), amendmentId);
  if (!row || !can(actor, "amendment:see", seeSubject(row))) throw notFound("The amendment");
  return row;
}

/** Chair and secretariat may speak for no delegation; their proposals are then theirs by office. */
function sponsorDelegationOf(actor: Actor): string {
  if (actor.delegation) return actor.delegation;
  if (actor.role === "chair") return "Chair";
  if (actor.role === "secretariat") return "Secretariat";
  throw new DomainError("invalid", "Your account speaks for no delegation. Ask the secretariat to set your delegation.");
}

/**
 * True when the anchor's relative positions name Yjs items the server has never received: text
 * typed offline whose update is still on its way. Resolving such an anchor now would fall back to
 * the quote, not find it and refuse the proposal for good; "not yet" lets the client try again.
 */
function refersToTextNotReceived(doc: Y.Doc, anchor: { start?: unknown; end?: unknown }): boolean {
  return [anchor.start, anchor.end].some((json) => {
    if (json === undefined) return false;
    try {
      const item = Y.createRelativePositionFromJSON(json).item;
      return item !== null && Y.getState(doc.store, item.client) <= item.clock;
    } catch {
      return false; // a malformed position falls back to the quote, as for comments
    }
  });
}

/**
 * The article (and passage) must be in the text as it is now. Answers the anchor to store: a
 * quote-only anchor (an API client sends no positions) is fixed to positions on the quoted
 * passage now, so that it follows later edits (outdated, current text) like an editor's.
 */
async function checkTarget(draftId: string, lang: TextLang, clauseId: string, anchor: CommentAnchor | undefined): Promise<CommentAnchor | undefined> {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, await currentDraftState(draftId));
    const clauses = readClauses(doc, lang);
    if (!clauses.some((c) => c.clauseId === clauseId)) throw new DomainError("invalid", "The article is no longer in the draft. Choose it again.");
    if (anchor && refersToTextNotReceived(doc, anchor)) {
      throw new DomainError("text_pending", "The selected text has not reached the server yet (it was typed offline). The proposal is sent again once the text is saved.");
    }
    if (anchor) {
      // The quote is what the register, the tables and the chair read; acceptance replaces what
      // the positions cover. The two must be the same text (read as the editor quotes it: a
      // passage across a citation or two paragraphs is not found by quote in the article's text).
      const covered = isPassage(anchor) ? textAtPositions(doc, clauseId, anchor, lang) : null;
      if (covered !== null && !sameQuote(covered, anchor.exact.trim())) {
        throw new DomainError("invalid", "The quoted passage is not the selected text. Select it again.");
      }
      const resolution = covered !== null ? null : resolveAnchor(doc, anchor, lang, clauses);
      if (resolution && (resolution.status === "orphaned" || resolution.clauseId !== clauseId)) {
        throw new DomainError("invalid", "The selected text is no longer in this article. Select it again.");
      }
      if ((anchor.start === undefined || anchor.end === undefined) && anchor.exact) return anchorOnPassage(doc, clauseId, anchor.exact, anchor, lang) ?? anchor;
    }
    return anchor;
  } finally {
    doc.destroy();
  }
}

export async function createAmendment(actor: Actor | null, draftId: string, input: unknown): Promise<AmendmentDto> {
  authorize(actor, "amendment:propose");
  const proposal = parseInput(newAmendmentSchema, input);
  if (proposal.op === "ADD" || proposal.op === "MOD") checkProposedText(proposal.proposedDoc ?? null, proposal.proposedText);
  const sponsorDelegation = sponsorDelegationOf(actor);
  const phase = await amendmentsRepo.draftPhase(db(), draftId);
  if (phase === null) throw notFound("The draft");
  if (phase === "frozen") throw new DomainError("conflict", "The draft is frozen: no new amendments.");
  const anchor = await checkTarget(draftId, proposal.lang, proposal.clauseId, proposal.anchor);

  const cosponsors = [...new Set(proposal.cosponsors)];
  if (cosponsors.includes(sponsorDelegation)) throw new DomainError("invalid", `${sponsorDelegation} sponsors this amendment already; co-sponsors are other delegations.`);
  const sourceItemIds = [...new Set(proposal.sources)];
  const supersedes = [...new Set(proposal.supersedes)];
  // A compromise text is the chair's or secretariat's.
  if (supersedes.length) authorize(actor, "amendment:decide");
  const state = proposal.submit ? await currentDraftState(draftId) : null;

  const id = await db().$transaction(async (tx) => {
    const known = await amendmentsRepo.knownDelegations(tx, cosponsors);
    const unknown = cosponsors.filter((d) => !known.has(d));
    if (unknown.length) throw new DomainError("invalid", `No delegation is called ${unknown.map((d) => `"${d}"`).join(", ")}.`);
    const existing = await amendmentsRepo.existingSourceItems(tx, sourceItemIds);
    const missing = sourceItemIds.filter((s) => !existing.has(s));
    if (missing.length) throw new DomainError("invalid", `Unknown source item: ${missing.join(", ")}.`);
    const open = new Set((await amendmentsRepo.open(tx, draftId)).map((a) => a.id));
    const notOpen = supersedes.filter((id) => !open.has(id));
    if (notOpen.length) throw new DomainError("invalid", `A compromise supersedes submitted amendments of this draft that are not yet decided; not: ${notOpen.join(", ")}.`);

    const created = await amendmentsRepo.create(tx, {
      draftId,
      clauseId: proposal.clauseId,
      lang: proposal.lang,
      op: proposal.op,
      position: proposal.op === "ADD" ? (proposal.position ?? "after") : null,
      type: proposal.type,
      anchor: anchor ?? null,
      proposedText: proposal.proposedText,
      proposedDoc: proposal.proposedDoc ?? null,
      rationale: proposal.rationale,
      sponsorId: actor.id,
      sponsorDelegation,
      cosponsors,
      sourceItemIds,
      supersedes,
    });
    await recordAudit(tx, actor, "amendment.create", { type: "draft", id: draftId }, { amendmentId: created, op: proposal.op, clauseId: proposal.clauseId, lang: proposal.lang });
    if (state) {
      const number = await amendmentsRepo.submit(tx, created, draftId);
      await recordBase(tx, { id: created, lang: proposal.lang, clauseId: proposal.clauseId, anchor: anchor ?? null }, state);
      await recordAudit(tx, actor, "amendment.submit", { type: "draft", id: draftId }, { amendmentId: created, number });
    }
    return created;
  });
  signalDraft(draftId, "amendments");
  return getAmendment(actor, id);
}

export async function getAmendment(actor: Actor | null, amendmentId: string): Promise<AmendmentDto> {
  const row = await loadVisible(actor, amendmentId);
  return toAmendmentDto(row, (await liveFacts(row.draftId, [row])).get(row.id));
}

export async function listAmendments(actor: Actor | null, draftId: string, query: unknown = {}): Promise<AmendmentDto[]> {
  authorize(actor, "draft:read");
  const filter = parseInput(amendmentQuerySchema, query);
  if (!(await draftsRepo.exists(db(), draftId))) throw notFound("The draft");
  const rows = await amendmentsRepo.list(db(), draftId, filter);
  const visible = rows.filter((row) => can(actor, "amendment:see", seeSubject(row)));
  const facts = await liveFacts(draftId, visible);
  return visible.map((row) => toAmendmentDto(row, facts.get(row.id)));
}

/** The sponsor submits a private draft: from now on everyone sees it, under its number. */
export async function submitAmendment(actor: Actor | null, amendmentId: string): Promise<AmendmentDto> {
  const row = await loadVisible(actor, amendmentId);
  authorize(actor, "amendment:submit", seeSubject(row));
  const phase = await amendmentsRepo.draftPhase(db(), row.draftId);
  if (phase === "frozen") throw new DomainError("conflict", "The draft is frozen: no new amendments.");
  const state = await currentDraftState(row.draftId);
  await db().$transaction(async (tx) => {
    const number = await amendmentsRepo.submit(tx, amendmentId, row.draftId);
    if (number === null) throw new DomainError("conflict", "This amendment has been submitted already.");
    await recordBase(tx, row, state);
    await recordAudit(tx, actor, "amendment.submit", { type: "draft", id: row.draftId }, { amendmentId, number });
  });
  signalDraft(row.draftId, "amendments");
  return getAmendment(actor, amendmentId);
}

/** A member joins for her delegation (never the sponsor's own) while the amendment is undecided. */
export async function cosponsorAmendment(actor: Actor | null, amendmentId: string): Promise<AmendmentDto> {
  const row = await loadVisible(actor, amendmentId);
  authorize(actor, "amendment:cosponsor", seeSubject(row));
  if (row.status === "draft" || !isUndecided(row.status)) {
    throw new DomainError("conflict", "Only a submitted amendment that is not yet decided can be co-sponsored.");
  }
  await db().$transaction(async (tx) => {
    if (await amendmentsRepo.hasCosponsor(tx, amendmentId, actor.delegation)) {
      throw new DomainError("conflict", `${actor.delegation} co-sponsors this amendment already.`);
    }
    await amendmentsRepo.addCosponsor(tx, amendmentId, actor.delegation, actor.id);
    await recordAudit(tx, actor, "amendment.cosponsor", { type: "draft", id: row.draftId }, { amendmentId, delegation: actor.delegation });
  });
  signalDraft(row.draftId, "amendments");
  return getAmendment(actor, amendmentId);
}

/** The sponsor withdraws it until the chair or secretariat has decided. */
export async function withdrawAmendment(actor: Actor | null, amendmentId: string): Promise<AmendmentDto> {
  const row = await loadVisible(actor, amendmentId);
  if (row.sponsor.id === actor?.id && !isUndecided(row.status)) {
    throw new DomainError("conflict", "This amendment has been decided or withdrawn already; it can no longer be withdrawn.");
  }
  authorize(actor, "amendment:withdraw", seeSubject(row));
  await db().$transaction(async (tx) => {
    // Checked again in the update itself: a decision may have landed since the read above.
    if (!(await amendmentsRepo.transition(tx, amendmentId, UNDECIDED_STATUSES, "withdrawn"))) {
      throw new DomainError("conflict", "This amendment has just been decided; it can no longer be withdrawn.");
    }
    await recordAudit(tx, actor, "amendment.withdraw", { type: "draft", id: row.draftId }, { amendmentId });
  });
  signalDraft(row.draftId, "amendments");
  return getAmendment(actor, amendmentId);
}

/**
 * PATCH /api/amendments/:id: the sponsor submits or withdraws; every other status is a
 * decision of the chair or secretariat.
 */
export async function updateAmendment(actor: Actor | null, amendmentId: string, input: unknown): Promise<AmendmentDto> {
  const patch = parseInput(amendmentPatchSchema, input);
  if (patch.status === "withdrawn") return withdrawAmendment(actor, amendmentId);
  const row = await loadVisible(actor, amendmentId);
  // "submitted" from a private draft is the sponsor's submission; from the chair's list
  // (under consideration, deferred) it puts the amendment back among the others.
  if (patch.status === "submitted" && row.status === "draft") return submitAmendment(actor, amendmentId);
  await decideAmendment(actor, row, patch);
  return getAmendment(actor, amendmentId);
}
