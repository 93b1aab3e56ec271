import type { DbTx } from "../client";

export const auditRepo = {
  append: (
    tx: DbTx,
    entry: { actorId: string | null; action: string; subjectType: string; subjectId?: string | null; data?: unknown },
  ) =>
    tx.auditLog.create({
      data: {
        actorId: entry.actorId,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId ?? null,
        data: JSON.stringify(entry.data ?? {}),
      },
      select: { id: true },
    }),
  list: (tx: DbTx, filter: { subjectType?: string; subjectId?: string; take?: number }) =>
    tx.auditLog.findMany({
      where: { subjectType: filter.subjectType, subjectId: filter.subjectId },
      orderBy: { createdAt: "desc" },
      take: filter.take ?? 100,
      select: { id: true, action: true, subjectType: true, subjectId: true, data: true, createdAt: true, actor: { select: { name: true, delegation: true } } },
    }),
};
