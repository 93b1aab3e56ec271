import type { DbTx } from "../client";

export const coverageRepo = {
  decisions: (tx: DbTx, draftId: string) =>
    tx.coverageDecision.findMany({
      where: { draftId },
      select: { sourceItemId: true, reason: true, decidedAt: true, decidedBy: { select: { name: true } } },
    }),
  upsertDecision: (tx: DbTx, data: { draftId: string; sourceItemId: string; reason: string; decidedById: string }) =>
    tx.coverageDecision.upsert({
      where: { draftId_sourceItemId: { draftId: data.draftId, sourceItemId: data.sourceItemId } },
      create: data,
      update: { reason: data.reason, decidedById: data.decidedById, decidedAt: new Date() },
      select: { sourceItemId: true },
    }),
  deleteDecision: (tx: DbTx, draftId: string, sourceItemId: string) =>
    tx.coverageDecision.deleteMany({ where: { draftId, sourceItemId } }),
};
