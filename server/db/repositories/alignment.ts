import type { DbTx } from "../client";

const person = { select: { id: true, name: true, delegation: true } } as const;

export const alignmentRepo = {
  /** What the indexer compares with: each article's hashes, change stamps, confirmation and lead. */
  statesOf: (tx: DbTx, draftId: string) =>
    tx.articleAlignment.findMany({
      where: { draftId },
      select: {
        clauseId: true,
        enHash: true,
        frHash: true,
        enChangedAt: true,
        enChangedById: true,
        frChangedAt: true,
        frChangedById: true,
        confirmedEnHash: true,
        confirmedFrHash: true,
        lead: true,
      },
    }),
  /** The rows with the people behind them, for the list. */
  listWithPeople: (tx: DbTx, draftId: string, clauseId?: string) =>
    tx.articleAlignment.findMany({
      where: clauseId === undefined ? { draftId } : { draftId, clauseId },
      select: {
        clauseId: true,
        enHash: true,
        frHash: true,
        enChangedAt: true,
        frChangedAt: true,
        confirmedEnHash: true,
        confirmedFrHash: true,
        confirmedAt: true,
        lead: true,
        enChangedBy: person,
        frChangedBy: person,
        confirmedBy: person,
      },
    }),
  /**
   * Records a confirmation: both hashes as they are now. A row the indexer has not written yet is
   * created with those hashes (the indexer fills in who changed what later).
   */
  confirm: (tx: DbTx, draftId: string, clauseId: string, hashes: { enHash: string; frHash: string }, by: string | null, at: Date) =>
    tx.articleAlignment.upsert({
      where: { draftId_clauseId: { draftId, clauseId } },
      create: { draftId, clauseId, ...hashes, confirmedEnHash: hashes.enHash, confirmedFrHash: hashes.frHash, confirmedAt: at, confirmedById: by },
      update: { confirmedEnHash: hashes.enHash, confirmedFrHash: hashes.frHash, confirmedAt: at, confirmedById: by, lead: null },
      select: { clauseId: true },
    }),
};
