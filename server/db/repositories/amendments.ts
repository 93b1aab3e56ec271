import type { DbTx } from "../client";
import { readJsonColumn, writeJsonColumn } from "../json-column";
import { amendmentAnchorColumn, amendmentDocColumn, amendmentSupersedesColumn } from "@/lib/contracts/amendments";
import type { CommentAnchor } from "@/lib/contracts/comments";
import type { PMJsonValue } from "@/lib/contracts/versions";
import { isTextLang, type TextLang } from "@/lib/editor/languages";

const personSelect = { select: { id: true, name: true, delegation: true } } as const;
const amendmentSelect = {
  id: true,
  draftId: true,
  number: true,
  clauseId: true,
  lang: true,
  op: true,
  position: true,
  type: true,
  anchor: true,
  proposedDoc: true,
  proposedText: true,
  rationale: true,
  status: true,
  sponsorDelegation: true,
  createdAt: true,
  submittedAt: true,
  decidedAt: true,
  observation: true,
  reading: true,
  modifiedDoc: true,
  modifiedText: true,
  baseText: true,
  supersedes: true,
  sponsor: personSelect,
  decidedBy: personSelect,
  cosponsors: { orderBy: { createdAt: "asc" as const }, select: { delegation: true, createdAt: true } },
  sources: { select: { sourceItem: { select: { id: true, key: true } } } },
} as const;

/** The column holds "en" or "fr" (written from textLangSchema); anything else reads as English, the default. */
const textLangOf = (lang: string): TextLang => (isTextLang(lang) ? lang : "en");

/** A row with its JSON columns read through their schemas. */
function readAmendment<T extends { lang: string; anchor: string | null; proposedDoc: string | null; modifiedDoc: string | null; supersedes: string }>(row: T) {
  return {
    ...row,
    lang: textLangOf(row.lang),
    anchor: row.anchor === null ? null : readJsonColumn(amendmentAnchorColumn, row.anchor, "Amendment.anchor"),
    proposedDoc: row.proposedDoc === null ? null : readJsonColumn(amendmentDocColumn, row.proposedDoc, "Amendment.proposedDoc"),
    modifiedDoc: row.modifiedDoc === null ? null : readJsonColumn(amendmentDocColumn, row.modifiedDoc, "Amendment.modifiedDoc"),
    supersedes: readJsonColumn(amendmentSupersedesColumn, row.supersedes, "Amendment.supersedes"),
  };
}

/** What deciding needs to know about the other open amendments of a draft (alternatives, outdated). */
const openSelect = { id: true, number: true, clauseId: true, lang: true, op: true, anchor: true, status: true, baseText: true } as const;

export type NewAmendmentRow = {
  draftId: string;
  clauseId: string;
  lang: TextLang;
  op: string;
  position: string | null;
  type: string;
  anchor: CommentAnchor | null;
  proposedText: string;
  proposedDoc: PMJsonValue | null;
  rationale: string;
  sponsorId: string;
  sponsorDelegation: string;
  cosponsors: string[];
  sourceItemIds: string[];
  /** A compromise: the ids of the amendments it supersedes. */
  supersedes?: string[];
};

export type DecisionFields = {
  decidedById: string;
  observation: string | null;
  reading: string | null;
  modifiedText?: string | null;
  modifiedDoc?: PMJsonValue | null;
};

const find = async (tx: DbTx, id: string) => {
  const row = await tx.amendment.findUnique({ where: { id }, select: amendmentSelect });
  return row && readAmendment(row);
};
export type AmendmentRow = NonNullable<Awaited<ReturnType<typeof find>>>;

export const amendmentsRepo = {
  create: async (tx: DbTx, data: NewAmendmentRow) => {
    const created = await tx.amendment.create({
      data: {
        draftId: data.draftId,
        clauseId: data.clauseId,
        lang: data.lang,
        op: data.op,
        position: data.position,
        type: data.type,
        anchor: data.anchor === null ? null : writeJsonColumn(amendmentAnchorColumn, data.anchor),
        proposedDoc: data.proposedDoc === null ? null : writeJsonColumn(amendmentDocColumn, data.proposedDoc),
        proposedText: data.proposedText,
        rationale: data.rationale,
        sponsorId: data.sponsorId,
        sponsorDelegation: data.sponsorDelegation,
        supersedes: writeJsonColumn(amendmentSupersedesColumn, data.supersedes ?? []),
        // Delegations named by the sponsor are recorded as named by the sponsor.
        cosponsors: { create: data.cosponsors.map((delegation) => ({ delegation, userId: data.sponsorId })) },
        sources: { create: data.sourceItemIds.map((sourceItemId) => ({ sourceItemId })) },
      },
      select: { id: true },
    });
    return created.id;
  },
  find,
  /** `delegation`: amendments it sponsors or co-sponsors. */
  list: async (tx: DbTx, draftId: string, filter: { status?: string; clauseId?: string; delegation?: string; lang?: TextLang }) =>
    (
      await tx.amendment.findMany({
        where: {
          draftId,
          ...(filter.lang ? { lang: filter.lang } : {}),
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.clauseId ? { clauseId: filter.clauseId } : {}),
          ...(filter.delegation
            ? { OR: [{ sponsorDelegation: filter.delegation }, { cosponsors: { some: { delegation: filter.delegation } } }] }
            : {}),
        },
        // Submitted ones in number order, then private drafts by age.
        orderBy: [{ number: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
        select: amendmentSelect,
      })
    ).map(readAmendment),
  /**
   * Marks a private draft submitted and gives it the draft's next number, in the caller's
   * transaction; null when it was no longer a draft. The number comes from one UPDATE on the
   * draft row (a row lock on PostgreSQL, the write lock on SQLite), so two submissions never
   * read the same last number; the unique (draftId, number) index backs that.
   */
  submit: async (tx: DbTx, id: string, draftId: string): Promise<number | null> => {
    const moved = await tx.amendment.updateMany({ where: { id, status: "draft" }, data: { status: "submitted", submittedAt: new Date() } });
    if (moved.count === 0) return null;
    const draft = await tx.draft.update({ where: { id: draftId }, data: { lastAmendmentNumber: { increment: 1 } }, select: { lastAmendmentNumber: true } });
    await tx.amendment.update({ where: { id }, data: { number: draft.lastAmendmentNumber }, select: { id: true } });
    return draft.lastAmendmentNumber;
  },
  /** Moves to `to` only from one of `from` (checked in the same statement); false when it had moved on. */
  transition: async (tx: DbTx, id: string, from: readonly string[], to: string) =>
    (await tx.amendment.updateMany({ where: { id, status: { in: [...from] } }, data: { status: to } })).count === 1,
  /** Records the decision, moving only from one of `from`; false when it had moved on meanwhile. */
  decide: async (tx: DbTx, id: string, from: readonly string[], to: string, d: DecisionFields) =>
    (
      await tx.amendment.updateMany({
        where: { id, status: { in: [...from] } },
        data: {
          status: to,
          decidedById: d.decidedById,
          decidedAt: new Date(),
          observation: d.observation,
          reading: d.reading,
          ...(d.modifiedText !== undefined ? { modifiedText: d.modifiedText } : {}),
          ...(d.modifiedDoc !== undefined ? { modifiedDoc: d.modifiedDoc === null ? null : writeJsonColumn(amendmentDocColumn, d.modifiedDoc) } : {}),
        },
      })
    ).count === 1,
  /** Back on the chair's list (under consideration, submitted): a deferral's record no longer stands. */
  reopen: async (tx: DbTx, id: string, from: readonly string[], to: string) =>
    (
      await tx.amendment.updateMany({
        where: { id, status: { in: [...from] } },
        data: { status: to, decidedById: null, decidedAt: null, observation: null, reading: null },
      })
    ).count === 1,
  /** Puts back what a decision replaced when applying it to the text failed (nothing else was written). */
  undecide: (tx: DbTx, id: string, before: { status: string; decidedById: string | null; decidedAt: Date | null; observation: string | null; reading: string | null }) =>
    tx.amendment.update({ where: { id }, data: { ...before, modifiedText: null, modifiedDoc: null }, select: { id: true } }),
  /** The text it amends as it reads at submission. */
  setBase: (tx: DbTx, id: string, baseText: string) => tx.amendment.update({ where: { id }, data: { baseText }, select: { id: true } }),
  /** Submitted and not yet decided (deferred included): the field the chair works through. */
  open: async (tx: DbTx, draftId: string, clauseId?: string) =>
    (
      await tx.amendment.findMany({
        where: { draftId, status: { in: ["submitted", "under_consideration", "deferred"] }, ...(clauseId ? { clauseId } : {}) },
        orderBy: { number: "asc" },
        select: openSelect,
      })
    ).map((r) => ({ ...r, lang: textLangOf(r.lang), anchor: r.anchor === null ? null : readJsonColumn(amendmentAnchorColumn, r.anchor, "Amendment.anchor") })),
  /** Moves every amendment of a draft under consideration (but `except`) back to submitted. */
  returnConsidered: (tx: DbTx, draftId: string, except: string) =>
    tx.amendment.updateMany({ where: { draftId, status: "under_consideration", id: { not: except } }, data: { status: "submitted" } }),
  /**
   * The people to tell of a decision: the sponsor and the active members of every co-sponsoring
   * delegation (a delegation co-sponsors, whether the sponsor named it or one of its members joined).
   */
  concerned: async (tx: DbTx, id: string) => {
    const row = await tx.amendment.findUnique({ where: { id }, select: { sponsorId: true, cosponsors: { select: { delegation: true } } } });
    if (!row) return [];
    const delegations = row.cosponsors.map((c) => c.delegation);
    const members = delegations.length
      ? await tx.user.findMany({ where: { delegation: { in: delegations }, active: true }, select: { id: true } })
      : [];
    return [...new Set([row.sponsorId, ...members.map((m) => m.id)])];
  },
  addCosponsor: (tx: DbTx, amendmentId: string, delegation: string, userId: string) =>
    tx.amendmentCosponsor.create({ data: { amendmentId, delegation, userId }, select: { id: true } }),
  hasCosponsor: async (tx: DbTx, amendmentId: string, delegation: string) =>
    (await tx.amendmentCosponsor.count({ where: { amendmentId, delegation } })) > 0,
  /** Names that are some active user's delegation (co-sponsors must be real delegations). */
  knownDelegations: async (tx: DbTx, names: string[]) =>
    new Set(
      (await tx.user.findMany({ where: { delegation: { in: names }, active: true }, select: { delegation: true }, distinct: ["delegation"] })).map(
        (u) => u.delegation,
      ),
    ),
  existingSourceItems: async (tx: DbTx, ids: string[]) =>
    new Set((await tx.sourceItem.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((s) => s.id)),
  draftPhase: async (tx: DbTx, draftId: string) => (await tx.draft.findUnique({ where: { id: draftId }, select: { phase: true } }))?.phase ?? null,
};
