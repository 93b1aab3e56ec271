// Comment threads anchored to the Charter's text: create, reply, edit and delete one's own
// messages, resolve and reopen, re-anchor orphans, @mentions and notifications. A thread belongs to
// one language's text (`lang`): its anchor is resolved, and orphaned, against that text only.
import * as Y from "yjs";
import { db, type DbTx } from "@/server/db/client";
import { commentsRepo } from "@/server/db/repositories/comments";
import { draftStateRepo, draftsRepo } from "@/server/db/repositories/drafts";
import { clientsWhoWrote, resolveAnchor } from "@/lib/comments/anchor";
import { newThreadSchema, replySchema, threadPatchSchema, threadQuerySchema, type NotificationData } from "@/lib/contracts/comments";
import { mentionedUserIds } from "@/lib/comments/markup";
import { readClauses } from "@/lib/editor/ydoc";
import type { Actor } from "../actor";
import { DomainError, notFound } from "../errors";
import { authorize } from "../permissions";
import { recordAudit } from "../audit/record";
import { parseInput } from "../validate";
import { currentDraftState, signalDraft } from "../live-documents";
import { notificationsChanged, signedIn, type NotificationRow } from "./notifications";

// Per-user writing limit (new threads, replies and edits alike): 20 a minute is far above human
// pace, far below a flood.
const POSTS_PER_MINUTE = 20;
const recentPosts = new Map<string, number[]>();
function checkRate(actor: Actor) {
  const now = Date.now();
  const list = (recentPosts.get(actor.id) ?? []).filter((t) => now - t < 60_000);
  if (list.length >= POSTS_PER_MINUTE) throw new DomainError("rate_limited", "Too many comments in a minute. Wait a moment and try again.");
  list.push(now);
  recentPosts.set(actor.id, list);
}


type ThreadRow = NonNullable<Awaited<ReturnType<typeof commentsRepo.thread>>>;

function toThreadDto(row: ThreadRow, resolution: ReturnType<typeof resolveAnchor> | null) {
  const orphaned = row.status === "open" && resolution?.status === "orphaned";
  return {
    id: row.id,
    draftId: row.draftId,
    clauseId: resolution?.status === "anchored" ? resolution.clauseId : row.clauseId,
    lang: row.lang,
    anchor: row.anchor,
    status: orphaned ? ("orphaned" as const) : (row.status as "open" | "resolved"),
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    resolvedAt: row.resolvedAt,
    resolvedBy: row.resolvedBy,
    comments: row.comments.map((c) => ({
      id: c.id,
      body: c.deletedAt ? "" : c.body,
      deleted: !!c.deletedAt,
      createdAt: c.createdAt,
      editedAt: c.editedAt,
      author: c.author,
    })),
  };
}
export type ThreadDto = ReturnType<typeof toThreadDto>;

async function docOf(draftId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await currentDraftState(draftId));
  return doc;
}

export async function listThreads(actor: Actor | null, draftId: string, query: unknown = {}): Promise<ThreadDto[]> {
  authorize(actor, "draft:read");
  const filter = parseInput(threadQuerySchema, query);
  if (!(await draftsRepo.exists(db(), draftId))) throw notFound("The draft");
  const rows = await commentsRepo.threads(db(), draftId);
  const doc = await docOf(draftId);
  const clauses = { en: readClauses(doc, "en"), fr: readClauses(doc, "fr") }; // once for all threads
  const threads = rows
    .filter((row) => !filter.lang || row.lang === filter.lang)
    .map((row) => toThreadDto(row, row.status === "open" ? resolveAnchor(doc, row.anchor, row.lang, clauses[row.lang]) : null));
  doc.destroy();
  const author = filter.author?.toLowerCase();
  return threads.filter(
    (t) =>
      (filter.status === "all" || t.status === filter.status) &&
      (!filter.clauseId || t.clauseId === filter.clauseId) &&
      (!author || t.comments.some((c) => c.author.name.toLowerCase().includes(author) || c.author.delegation.toLowerCase().includes(author))),
  );
}

async function mentionRows(actor: Actor, body: string, data: NotificationData, tx: DbTx) {
  const ids = (await commentsRepo.existingUsers(tx, mentionedUserIds(body))).filter((id) => id !== actor.id);
  return ids.map((userId) => ({ userId, type: "mention", data }));
}

/** Whoever wrote the commented text hears of the comment (unless mentioned already, or the commenter). */
async function writerRows(actor: Actor, draftId: string, clientIds: number[], already: NotificationRow[], data: NotificationData, tx: DbTx) {
  const skip = new Set([actor.id, ...already.map((n) => n.userId)]);
  const writers = new Set((await draftStateRepo.usersOfClients(tx, draftId, clientIds)).filter((id) => !skip.has(id)));
  return [...writers].map((userId) => ({ userId, type: "comment", data }));
}

export async function createThread(actor: Actor | null, draftId: string, input: unknown) {
  authorize(actor, "draft:comment");
  const { anchor, body, lang } = parseInput(newThreadSchema, input);
  // Before resolving the anchor: a missing draft is a 404, not an "orphaned anchor" 400.
  if (!(await draftsRepo.exists(db(), draftId))) throw notFound("The draft");
  checkRate(actor);
  const doc = await docOf(draftId);
  const resolution = resolveAnchor(doc, anchor, lang);
  const writers = clientsWhoWrote(doc, anchor);
  doc.destroy();
  if (resolution.status === "orphaned") throw new DomainError("invalid", "The commented text is no longer in the draft. Select it again.");
  let notified: NotificationRow[] = [];
  const thread = await db().$transaction(async (tx) => {
    if (!(await draftsRepo.exists(tx, draftId))) throw notFound("The draft");
    const created = await commentsRepo.createThread(tx, { draftId, lang, clauseId: resolution.clauseId, anchor, createdById: actor.id, body });
    // commentId: the notification opens on the message that caused it.
    const data = { draftId, threadId: created.id, commentId: created.comments[0]?.id, by: actor.name, quote: anchor.exact.slice(0, 140) };
    notified = await mentionRows(actor, body, data, tx);
    notified.push(...(await writerRows(actor, draftId, writers, notified, data, tx)));
    await commentsRepo.notify(tx, notified);
    await recordAudit(tx, actor, "comment.thread_create", { type: "draft", id: draftId }, { threadId: created.id });
    return created;
  });
  notificationsChanged(notified);
  signalDraft(draftId, "comments");
  return toThreadDto(thread, resolution);
}

async function loadThread(threadId: string) {
  const thread = await commentsRepo.thread(db(), threadId);
  if (!thread) throw notFound("The comment thread");
  return thread;
}

export async function replyToThread(actor: Actor | null, threadId: string, input: unknown) {
  authorize(actor, "draft:comment");
  const { body } = parseInput(replySchema, input);
  const thread = await loadThread(threadId);
  checkRate(actor);
  let notified: NotificationRow[] = [];
  await db().$transaction(async (tx) => {
    const comment = await commentsRepo.addComment(tx, threadId, actor.id, body);
    const data = { draftId: thread.draftId, threadId, commentId: comment.id, by: actor.name, quote: thread.anchor.exact.slice(0, 140) };
    const mentioned = await mentionRows(actor, body, data, tx);
    const others = (await commentsRepo.participants(tx, threadId)).filter((id) => id !== actor.id && !mentioned.some((m) => m.userId === id));
    notified = [...mentioned, ...others.map((userId) => ({ userId, type: "reply", data }))];
    await commentsRepo.notify(tx, notified);
  });
  notificationsChanged(notified);
  signalDraft(thread.draftId, "comments");
  return getThread(actor, threadId);
}

export async function getThread(actor: Actor | null, threadId: string) {
  authorize(actor, "draft:read");
  const thread = await loadThread(threadId);
  const doc = await docOf(thread.draftId);
  const dto = toThreadDto(thread, thread.status === "open" ? resolveAnchor(doc, thread.anchor, thread.lang) : null);
  doc.destroy();
  return dto;
}

/** Resolve or reopen (leads: any thread; others: their own), or re-anchor an orphan (editors). */
export async function updateThread(actor: Actor | null, threadId: string, input: unknown) {
  signedIn(actor); // before looking anything up: anonymous callers learn nothing about ids
  const thread = await loadThread(threadId);
  const patch = parseInput(threadPatchSchema, input);
  let notified: NotificationRow[] = [];
  if ("status" in patch) {
    authorize(actor, "comment:resolve", { threadAuthorId: thread.createdBy.id });
    await db().$transaction(async (tx) => {
      await commentsRepo.setStatus(tx, threadId, patch.status, patch.status === "resolved" ? actor.id : null);
      if (patch.status === "resolved") {
        const data = { draftId: thread.draftId, threadId, by: actor.name, quote: thread.anchor.exact.slice(0, 140) };
        const others = (await commentsRepo.participants(tx, threadId)).filter((id) => id !== actor.id);
        notified = others.map((userId) => ({ userId, type: "resolved", data }));
        await commentsRepo.notify(tx, notified);
      }
      await recordAudit(tx, actor, `comment.${patch.status === "resolved" ? "resolve" : "reopen"}`, { type: "draft", id: thread.draftId }, { threadId });
    });
    notificationsChanged(notified);
  } else {
    authorize(actor, "draft:edit");
    const doc = await docOf(thread.draftId);
    // Re-anchored in the thread's own text: a comment on the French text stays one.
    const resolution = resolveAnchor(doc, patch.anchor, thread.lang);
    doc.destroy();
    if (resolution.status === "orphaned") throw new DomainError("invalid", "Select text that is in the draft to re-anchor the thread.");
    await db().$transaction(async (tx) => {
      await commentsRepo.setAnchor(tx, threadId, resolution.clauseId, patch.anchor);
      await recordAudit(tx, actor, "comment.reanchor", { type: "draft", id: thread.draftId }, { threadId });
    });
  }
  signalDraft(thread.draftId, "comments");
  return getThread(actor, threadId);
}

export async function editMessage(actor: Actor | null, messageId: string, input: unknown) {
  signedIn(actor);
  const message = await commentsRepo.comment(db(), messageId);
  if (!message || message.deletedAt) throw notFound("The comment");
  authorize(actor, "comment:edit", { authorId: message.authorId });
  const { body } = parseInput(replySchema, input);
  checkRate(actor);
  await commentsRepo.editComment(db(), messageId, body);
  signalDraft(message.thread.draftId, "comments");
  return getThread(actor, message.thread.id);
}

/** Deleting leaves a "deleted" marker in the thread, so replies keep their context. */
export async function deleteMessage(actor: Actor | null, messageId: string) {
  signedIn(actor);
  const message = await commentsRepo.comment(db(), messageId);
  if (!message || message.deletedAt) throw notFound("The comment");
  authorize(actor, "comment:edit", { authorId: message.authorId });
  await commentsRepo.deleteComment(db(), messageId);
  signalDraft(message.thread.draftId, "comments");
  return getThread(actor, message.thread.id);
}

// Notifications have their own module: pages read the unread count without loading Yjs.
export { listNotifications, markNotificationsRead, onNotificationsChanged, unreadNotifications } from "./notifications";
