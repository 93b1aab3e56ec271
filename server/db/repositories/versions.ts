import type { DbTx } from "../client";

const metaSelect = {
  id: true,
  draftId: true,
  kind: true,
  name: true,
  note: true,
  summary: true,
  createdAt: true,
  author: { select: { id: true, name: true, delegation: true } },
} as const;

export const versionsRepo = {
  create: (tx: DbTx, data: { draftId: string; kind: string; name: string | null; note: string | null; yjsState: Uint8Array; docJson: Uint8Array; summary: string; authorId: string | null }) =>
    tx.version.create({ data: { ...data, yjsState: Buffer.from(data.yjsState), docJson: Buffer.from(data.docJson) }, select: metaSelect }),
  list: (tx: DbTx, draftId: string) => tx.version.findMany({ where: { draftId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: metaSelect }),
  find: (tx: DbTx, draftId: string, id: string) =>
    tx.version.findFirst({ where: { id, draftId }, select: { ...metaSelect, yjsState: true, docJson: true } }),
  latest: (tx: DbTx, draftId: string) =>
    tx.version.findFirst({ where: { draftId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { ...metaSelect, yjsState: true, docJson: true } }),
  /** Versions after `from` up to and including `to` (by time): whose edits a comparison covers. */
  between: (tx: DbTx, draftId: string, after: Date, upTo: Date | null) =>
    tx.version.findMany({
      where: { draftId, createdAt: { gt: after, ...(upTo ? { lte: upTo } : {}) } },
      orderBy: { createdAt: "asc" },
      select: { summary: true },
    }),
  withStates: (tx: DbTx, draftId: string) =>
    tx.version.findMany({ where: { draftId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { ...metaSelect, yjsState: true } }),
  usersByIds: (tx: DbTx, ids: string[]) => tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, delegation: true } }),
};
