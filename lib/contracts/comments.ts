// Comment threads, their messages, and notifications.
import { z } from "../zod";
import { MAX_COMMENT_CHARS } from "../comments/markup";
import { userText } from "../text";
import { dateTime, personSchema, textLangSchema } from "./common";

// Anchors (ARCHITECTURE.md, Comments; resolved against the text by lib/comments/anchor.ts)
/** A Yjs item id: two unsigned integers. */
const yIdSchema = z.strictObject({
  client: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  clock: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
/** The JSON of a Y.RelativePosition (Y.relativePositionToJSON): a few numbers, nothing else. */
const relativePositionSchema = z.strictObject({
  type: yIdSchema.nullable().optional(),
  tname: userText().max(64).nullable().optional(),
  item: yIdSchema.nullable().optional(),
  assoc: z.number().int().min(-1).max(1).optional(),
});

/** Anchors are stored with the thread and sent to every reader: small by construction. */
export const MAX_ANCHOR_JSON_CHARS = 8_000;

export const anchorSchema = z
  .strictObject({
    clauseId: userText().min(1).max(64),
    /** JSON of Y.RelativePosition at the start and end of the range; absent for whole-clause comments. */
    start: relativePositionSchema.optional(),
    end: relativePositionSchema.optional(),
    prefix: userText({ multiline: true }).max(200).default(""),
    exact: userText({ multiline: true }).max(2000).default(""),
    suffix: userText({ multiline: true }).max(200).default(""),
  })
  .refine((a) => JSON.stringify(a).length <= MAX_ANCHOR_JSON_CHARS, `An anchor may have at most ${MAX_ANCHOR_JSON_CHARS} characters.`);
export type CommentAnchor = z.infer<typeof anchorSchema>;

// Requests
export const commentBodySchema = userText({ multiline: true })
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string().min(1, "Write something first.").max(MAX_COMMENT_CHARS, `A comment may have at most ${MAX_COMMENT_CHARS} characters.`));
/** POST /api/drafts/:id/comments: `lang` is the text the anchor is in (English unless said). */
export const newThreadSchema = z.object({ anchor: anchorSchema, body: commentBodySchema, lang: textLangSchema.default("en") });
/** POST /api/comments/:threadId/replies, PATCH /api/comments/messages/:messageId */
export const replySchema = z.object({ body: commentBodySchema });
/** PATCH /api/comments/:threadId */
export const threadPatchSchema = z.union([z.object({ status: z.enum(["resolved", "open"]) }), z.object({ anchor: anchorSchema })]);
/** GET /api/drafts/:id/comments?status=&clauseId=&author=&lang= */
export const threadQuerySchema = z.object({
  /** Only the threads on this language's text (all when absent). */
  lang: textLangSchema.optional(),
  status: z.enum(["open", "resolved", "orphaned", "all"]).default("all"),
  clauseId: userText().max(64).optional(),
  author: userText().max(120).optional(),
});
/** POST /api/notifications/read */
export const markReadSchema = z.object({ ids: z.array(userText().max(64)).max(500).optional() });

// Stored JSON
/** `CommentThread.anchor`: stored after `anchorSchema` accepted it. */
export const anchorColumn = anchorSchema;

/**
 * `Notification.data`. Comment activity (comment, mention, reply, resolved) carries the thread and
 * the quote; "amendment_decided" carries the amendment, its number and the status it was given.
 */
export const notificationDataColumn = z.object({
  draftId: z.string(),
  by: z.string(),
  threadId: z.string().optional(),
  /** The message that caused it (absent for resolutions and older notifications). */
  commentId: z.string().optional(),
  quote: z.string().optional(),
  amendmentId: z.string().optional(),
  /** "AM-012" */
  number: z.string().optional(),
  /** accepted, not_accepted… */
  status: z.string().optional(),
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
  /** The text the thread is anchored in. */
  lang: textLangSchema,
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
    /** comment | mention | reply | resolved | amendment_decided */
    type: z.string(),
    data: notificationDataColumn,
    createdAt: dateTime,
    read: z.boolean(),
  }),
);

/** GET /api/notifications/stream: the data of each `unread` event. */
export const unreadEventSchema = z.object({ unread: z.number().int().min(0) });
export type UnreadEvent = z.output<typeof unreadEventSchema>;

/** POST /api/notifications/read */
export const markReadResultSchema = z.object({ marked: z.number().int() });
