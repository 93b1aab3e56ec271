import type { DbTx } from "../client";
import { readJsonColumn, writeJsonColumn } from "../json-column";
import { anchorColumn, notificationDataColumn, type NotificationData } from "@/lib/contracts/comments";
import type { CommentAnchor } from "@/lib/comments/anchor";
import { isTextLang, type TextLang } from "@/lib/editor/languages";

const authorSelect = { select: { id: true, name: true, delegation: true } } as const;
const threadSelect = {
  id: true,
  draftId: true,
  clauseId: true,
  lang: true,
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

/** A thread with its anchor read from JSON (and its language: "en" or "fr", anything else reading as English, the default). */
function readThread<T extends { anchor: string; lang: string }>(row: T): Omit<T, "anchor" | "lang"> & { anchor: CommentAnchor; lang: TextLang } {
  return { ...row, lang: isTextLang(row.lang) ? row.lang : "en", anchor: readJsonColumn(anchorColumn, row.anchor, "CommentThread.anchor") };
}

export type NotificationRow = { userId: string; type: string; data: NotificationData };

export const commentsRepo = {
  createThread: async (tx: DbTx, data: { draftId: string; lang: TextLang; clauseId: string; anchor: CommentAnchor; createdById: string; body: string }) =>
    readThread(
      await tx.commentThread.create({
        data: {
          draftId: data.draftId,
          lang: data.lang,
          clauseId: data.clauseId,
          anchor: writeJsonColumn(anchorColumn, data.anchor),
          createdById: data.createdById,
          comments: { create: { authorId: data.createdById, body: data.body } },
        },
        select: threadSelect,
      }),
    ),
  threads: async (tx: DbTx, draftId: string) =>
    (await tx.commentThread.findMany({ where: { draftId }, orderBy: { createdAt: "asc" }, select: threadSelect })).map(readThread),
  thread: async (tx: DbTx, id: string) => {
    const row = await tx.commentThread.findUnique({ where: { id }, select: threadSelect });
    return row && readThread(row);
  },
  addComment: (tx: DbTx, threadId: string, authorId: string, body: string) =>
    tx.comment.create({ data: { threadId, authorId, body }, select: { id: true } }),
  comment: (tx: DbTx, id: string) =>
    tx.comment.findUnique({ where: { id }, select: { id: true, authorId: true, deletedAt: true, thread: { select: { id: true, draftId: true } } } }),
  editComment: (tx: DbTx, id: string, body: string) => tx.comment.update({ where: { id }, data: { body, editedAt: new Date() }, select: { id: true } }),
  deleteComment: (tx: DbTx, id: string) => tx.comment.update({ where: { id }, data: { body: "", deletedAt: new Date() }, select: { id: true } }),
  setStatus: (tx: DbTx, id: string, status: string, resolvedById: string | null) =>
    tx.commentThread.update({ where: { id }, data: { status, resolvedById, resolvedAt: resolvedById ? new Date() : null }, select: { id: true } }),
  setAnchor: (tx: DbTx, id: string, clauseId: string, anchor: CommentAnchor) =>
    tx.commentThread.update({ where: { id }, data: { clauseId, anchor: writeJsonColumn(anchorColumn, anchor), status: "open" }, select: { id: true } }),
  participants: async (tx: DbTx, threadId: string) =>
    [...new Set((await tx.comment.findMany({ where: { threadId }, select: { authorId: true } })).map((c) => c.authorId))],
  existingUsers: async (tx: DbTx, ids: string[]) => (await tx.user.findMany({ where: { id: { in: ids }, active: true }, select: { id: true } })).map((u) => u.id),
  notify: (tx: DbTx, rows: NotificationRow[]) =>
    rows.length
      ? tx.notification.createMany({ data: rows.map((r) => ({ ...r, data: writeJsonColumn(notificationDataColumn, r.data) })) })
      : Promise.resolve({ count: 0 }),
  notifications: async (tx: DbTx, userId: string) =>
    (
      await tx.notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: 100, select: { id: true, type: true, data: true, createdAt: true, readAt: true } })
    ).map((r) => ({ ...r, data: readJsonColumn(notificationDataColumn, r.data, "Notification.data") })),
  unread: (tx: DbTx, userId: string) => tx.notification.count({ where: { userId, readAt: null } }),
  markRead: (tx: DbTx, userId: string, ids: string[] | null) =>
    tx.notification.updateMany({ where: { userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) }, data: { readAt: new Date() } }),
};
