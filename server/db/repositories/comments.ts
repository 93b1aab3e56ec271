import type { DbTx } from "../client";

const authorSelect = { select: { id: true, name: true, delegation: true } } as const;
const threadSelect = {
  id: true,
  draftId: true,
  clauseId: true,
  anchor: true,
  status: true,
  createdAt: true,
  resolvedAt: true,
  createdBy: authorSelect,
  resolvedBy: authorSelect,
  comments: {
    orderBy: { createdAt: "asc" as const },
    select: { id: true, body: true, createdAt: true, editedAt: true, deletedAt: true, author: authorSelect },
  },
} as const;

export const commentsRepo = {
  createThread: (tx: DbTx, data: { draftId: string; clauseId: string; anchor: string; createdById: string; body: string }) =>
    tx.commentThread.create({
      data: { draftId: data.draftId, clauseId: data.clauseId, anchor: data.anchor, createdById: data.createdById, comments: { create: { authorId: data.createdById, body: data.body } } },
      select: threadSelect,
    }),
  threads: (tx: DbTx, draftId: string) => tx.commentThread.findMany({ where: { draftId }, orderBy: { createdAt: "asc" }, select: threadSelect }),
  thread: (tx: DbTx, id: string) => tx.commentThread.findUnique({ where: { id }, select: threadSelect }),
  addComment: (tx: DbTx, threadId: string, authorId: string, body: string) =>
    tx.comment.create({ data: { threadId, authorId, body }, select: { id: true } }),
  comment: (tx: DbTx, id: string) =>
    tx.comment.findUnique({ where: { id }, select: { id: true, authorId: true, deletedAt: true, thread: { select: { id: true, draftId: true } } } }),
  editComment: (tx: DbTx, id: string, body: string) => tx.comment.update({ where: { id }, data: { body, editedAt: new Date() }, select: { id: true } }),
  deleteComment: (tx: DbTx, id: string) => tx.comment.update({ where: { id }, data: { body: "", deletedAt: new Date() }, select: { id: true } }),
  setStatus: (tx: DbTx, id: string, status: string, resolvedById: string | null) =>
    tx.commentThread.update({ where: { id }, data: { status, resolvedById, resolvedAt: resolvedById ? new Date() : null }, select: { id: true } }),
  setAnchor: (tx: DbTx, id: string, clauseId: string, anchor: string) =>
    tx.commentThread.update({ where: { id }, data: { clauseId, anchor, status: "open" }, select: { id: true } }),
  participants: async (tx: DbTx, threadId: string) =>
    [...new Set((await tx.comment.findMany({ where: { threadId }, select: { authorId: true } })).map((c) => c.authorId))],
  existingUsers: async (tx: DbTx, ids: string[]) => (await tx.user.findMany({ where: { id: { in: ids }, active: true }, select: { id: true } })).map((u) => u.id),
  notify: (tx: DbTx, rows: { userId: string; type: string; data: string }[]) => (rows.length ? tx.notification.createMany({ data: rows }) : Promise.resolve({ count: 0 })),
  notifications: (tx: DbTx, userId: string) =>
    tx.notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: 100, select: { id: true, type: true, data: true, createdAt: true, readAt: true } }),
  unread: (tx: DbTx, userId: string) => tx.notification.count({ where: { userId, readAt: null } }),
  markRead: (tx: DbTx, userId: string, ids: string[] | null) =>
    tx.notification.updateMany({ where: { userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) }, data: { readAt: new Date() } }),
};
