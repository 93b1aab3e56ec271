// Notifications of comment activity (mentions, replies, resolutions): list, unread count, mark
// read, live changes. Kept apart from the threads (index.ts), which read the live text through
// Yjs: the root layout asks for the unread count on every page and needs none of that.
import { db } from "@/server/db/client";
import { commentsRepo, type NotificationRow } from "@/server/db/repositories/comments";
import { markReadSchema } from "@/lib/contracts/comments";
import type { Actor } from "../actor";
import { DomainError } from "../errors";
import { parseInput } from "../validate";
import { emitDomainEvent, onDomainEvent } from "../events";

export function signedIn(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new DomainError("unauthenticated", "Sign in to continue.");
}

export async function listNotifications(actor: Actor | null) {
  signedIn(actor);
  const rows = await commentsRepo.notifications(db(), actor.id);
  return rows.map((r) => ({ id: r.id, type: r.type, data: r.data, createdAt: r.createdAt, read: !!r.readAt }));
}

export async function unreadNotifications(actor: Actor | null): Promise<number> {
  return actor ? commentsRepo.unread(db(), actor.id) : 0;
}

export async function markNotificationsRead(actor: Actor | null, input: unknown) {
  signedIn(actor);
  const { ids } = parseInput(markReadSchema, input ?? {});
  const { count } = await commentsRepo.markRead(db(), actor.id, ids ?? null);
  if (count > 0) emitDomainEvent("notifications.changed", [actor.id]);
  return { marked: count };
}

export type { NotificationRow };

/** After the transaction committed: the header of each recipient's open pages counts again. */
export function notificationsChanged(rows: NotificationRow[]) {
  if (rows.length) emitDomainEvent("notifications.changed", [...new Set(rows.map((r) => r.userId))]);
}

/** Calls `listener` whenever the actor's notifications change (new ones, read ones). */
export function onNotificationsChanged(actor: Actor, listener: () => void): () => void {
  return onDomainEvent("notifications.changed", (userIds) => {
    if (userIds.includes(actor.id)) listener();
  });
}

