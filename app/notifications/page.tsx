import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireActor } from "../_lib/guard";
import { listNotifications } from "@/server/domain/comments";
import { MarkAllRead } from "./MarkAllRead";

export default async function NotificationsPage() {
  const actor = await requireActor("/notifications");
  const [items, t, format] = await Promise.all([listNotifications(actor), getTranslations("comments"), getFormatter()]);
  return (
    <section className="narrow">
      <h1>{t("notifications")}</h1>
      {items.some((n) => !n.read) && <MarkAllRead label={t("markAllRead")} />}
      {items.length === 0 && <p>{t("noNotifications")}</p>}
      <ul className="notifications" data-testid="notifications">
        {items.map((n) => (
          <li key={n.id} className={n.read ? "" : "unread"} data-type={n.type}>
            <p>
              <strong>{t(`notification.${n.type as "mention" | "reply" | "resolved"}`, { by: n.data.by ?? "?" })}</strong>
              <span className="muted"> · {format.dateTime(n.createdAt, { dateStyle: "medium", timeStyle: "short" })}</span>
            </p>
            {n.data.quote && <p className="muted">«{n.data.quote}»</p>}
            <Link href={`/drafts/${n.data.draftId}?thread=${encodeURIComponent(n.data.threadId ?? "")}`}>{t("open")}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
