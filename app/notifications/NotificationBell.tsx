"use client";
// The header's link to the notifications, with the unread count kept live.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useUnreadCount } from "./live-unread";

export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const t = useTranslations("comments");
  const unread = useUnreadCount(initialUnread);
  return (
    <Link href="/notifications" prefetch={false} className="bell" data-testid="bell" data-unread={unread} aria-label={t("bellLabel", { count: unread })}>
      {t("notifications")}
      {unread > 0 && <span className="count" aria-hidden="true">{unread}</span>}
    </Link>
  );
}
