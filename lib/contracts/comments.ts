// Comment threads, their messages, and notifications.
import { z } from "../zod";
import { anchorSchema } from "../comments/anchor";
import { MAX_COMMENT_CHARS } from "../comments/markup";
import { userText } from "../text";
import { dateTime, personSchema } from "./common";

// Requests
export const commentBodySchema = userText({ multiline: true })
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string().min(1, "Write something first.").max(MAX_COMMENT_CHARS, `A comment may have at most ${MAX_COMMENT_CHARS} characters.`));
/** POST /api/drafts/:id/comments */
export const newThreadSchema = z.object({ anchor: anchorSchema, body: commentBodySchema });
/** POST /api/comments/:threadId/replies, PATCH /api/comments/messages/:messageId */
export const replySchema = z.object({ body: commentBodySchema });
/** PATCH /api/comments/:threadId */
export const threadPatchSchema = z.union([z.object({ status: z.enum(["resolved", "open"]) }), z.object({ anchor: anchorSchema })]);
/** GET /api/drafts/:id/comments?status=&clauseId=&author= */
export const threadQuerySchema = z.object({
  status: z.enum(["open", "resolved", "orphaned", "all"]).default("all"),
  clauseId: userText().max(64).optional(),
  author: userText().max(120).optional(),
});
/** POST /api/notifications/read */
export const markReadSchema = z.object({ ids: z.array(userText().max(64)).max(500).optional() });

// Stored JSON
/** `CommentThread.anchor`: stored after `anchorSchema` accepted it. */
export const anchorColumn = anchorSchema;

/** `Notification.data` */
export const notificationDataColumn = z.object({
  draftId: z.string(),
  threadId: z.string(),
  /** The message that caused it (absent for resolutions and older notifications). */
  commentId: z.string().optional(),
  by: z.string(),
  quote: z.string(),
});
export type NotificationData = z.output<typeof notificationDataColumn>;

// Responses
export const commentMessageSchema = z.object({
  id: z.string(),
  body: z.string(),
  deleted: z.boolean(),
  createdAt: dateTime,
  editedAt: dateTime.nullable(),
  author: personSchema,
});

/** GET /api/comments/:threadId and every write on a thread (GET /api/drafts/:id/comments: a list) */
export const threadSchema = z.object({
  id: z.string(),
  draftId: z.string(),
  clauseId: z.string().nullable(),
  anchor: anchorSchema,
  status: z.enum(["open", "resolved", "orphaned"]),
  createdAt: dateTime,
  createdBy: personSchema,
  resolvedAt: dateTime.nullable(),
  resolvedBy: personSchema.nullable(),
  comments: z.array(commentMessageSchema),
});
export type Thread = z.output<typeof threadSchema>;
export const threadListSchema = z.array(threadSchema);

/** GET /api/notifications */
export const notificationListSchema = z.array(
  z.object({
    id: z.string(),
    /** comment | mention | reply | resolved */
    type: z.string(),
    data: notificationDataColumn,
    createdAt: dateTime,
    read: z.boolean(),
  }),
);

/** POST /api/notifications/read */
export const markReadResultSchema = z.object({ marked: z.number().int() });
