"use client";
// A decision on an amendment one sponsors or co-sponsors: what was decided, by whom, and a link to
// the draft at that amendment. Following the link marks it read (the header's count follows).
import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { postJson } from "../_components/api";

export interface AmendmentNotificationView {
  id: string;
  read: boolean;
  title: string;
  when: string;
  draftId: string;
  amendmentId: string;
}

export function AmendmentNotification({ n }: { n: AmendmentNotificationView }) {
  const t = useTranslations("decision");
  const [read, setRead] = useState(n.read);
  function markRead() {
    if (read) return;
    setRead(true);
    void postJson(`/api/notifications/read`, { ids: [n.id] });
  }
  return (
    <li className={read ? "" : "unread"} data-testid="notification" data-kind="amendment_decided" data-read={read}>
      <p>
        <strong>{n.title}</strong>
        {!read && <span className="badge">{t("unread")}</span>}
        <span className="muted"> · {n.when}</span>
      </p>
      <Link href={`/drafts/${encodeURIComponent(n.draftId)}?amendment=${encodeURIComponent(n.amendmentId)}`} onClick={markRead}>
        {t("openDraft")}
      </Link>
    </li>
  );
}
