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
};
