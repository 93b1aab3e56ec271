"use client";
// One notification: opening it marks it read (the header's count follows) and shows the text of
// the comment that caused it, with a link to the thread in the draft.
import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { threadSchema, type Thread } from "@/lib/contracts/comments";
import { callJson, postJson } from "../_components/api";
import { CommentBody } from "../_components/CommentBody";

export interface NotificationView {
  id: string;
  read: boolean;
  title: string;
  when: string;
  quote: string | null;
  draftId: string;
  threadId: string;
  commentId: string | null;
}

type ThreadMessage = Thread["comments"][number];

export function NotificationItem({ n }: { n: NotificationView }) {
  const t = useTranslations("comments");
  const [read, setRead] = useState(n.read);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<ThreadMessage | null | "loading">(null);

  async function toggle() {
    const opening = !open;
    setOpen(opening);
    if (!opening) return;
    if (!read) {
      const marked = await postJson(`/api/notifications/read`, { ids: [n.id] });
      if (marked.ok) setRead(true);
    }
    if (message && message !== "loading") return;
    setMessage("loading");
    const thread = await callJson(`/api/comments/${encodeURIComponent(n.threadId)}`, { response: threadSchema });
    if (!thread.ok) return setMessage(null);
    // The message that caused it; a resolution (or an older notification) shows the thread's opening message.
    const found = thread.data.comments.find((m) => m.id === n.commentId) ?? thread.data.comments[0] ?? null;
    setMessage(found && !found.deleted ? found : null);
  }

  return (
    <li className={read ? "" : "unread"} data-testid="notification" data-read={read}>
      <p>
        <button type="button" className="link-button" aria-expanded={open} onClick={() => void toggle()}>
          <strong>{n.title}</strong>
        </button>
        {!read && <span className="badge">{t("notificationUnread")}</span>}
        <span className="muted"> · {n.when}</span>
      </p>
      {n.quote && <p className="muted">«{n.quote}»</p>}
      {open && (
        <div className="notification-detail" data-testid="notification-detail">
          {message === "loading" ? (
            <p role="status">{t("notificationLoading")}</p>
          ) : message ? (
            <blockquote className="message-body">
              <p className="message-head"><strong>{message.author.name}</strong>{message.author.delegation && <span className="muted"> · {message.author.delegation}</span>}</p>
              <CommentBody body={message.body} />
            </blockquote>
          ) : (
            <p className="muted">{t("notificationGone")}</p>
          )}
          <Link href={`/drafts/${encodeURIComponent(n.draftId)}?thread=${encodeURIComponent(n.threadId)}`}>{t("openInDraft")}</Link>
        </div>
      )}
    </li>
  );
}
