import { getFormatter, getTranslations } from "next-intl/server";
import { requireActor } from "../_lib/guard";
import { listNotifications } from "@/server/domain/comments/notifications";
import { MarkAllRead } from "./MarkAllRead";
import { NotificationItem } from "./NotificationItem";
import { LiveRefresh } from "./LiveRefresh";
import { AmendmentNotification } from "./AmendmentNotification";

export default async function NotificationsPage() {
  const actor = await requireActor("/notifications");
  const [items, t, tDecision, format] = await Promise.all([listNotifications(actor), getTranslations("comments"), getTranslations("decision"), getFormatter()]);
  return (
    <section className="narrow">
      <LiveRefresh />
      <h1>{t("notifications")}</h1>
      {items.some((n) => !n.read) && <MarkAllRead label={t("markAllRead")} />}
      {items.length === 0 && <p>{t("noNotifications")}</p>}
      <ul className="notifications" data-testid="notifications">
        {items.map((n) =>
          n.type === "amendment_decided" ? (
            <AmendmentNotification
              key={n.id}
              n={{
                id: n.id,
                read: n.read,
                title: tDecision("notification", { by: n.data.by, number: n.data.number ?? "?", status: n.data.status ?? "" }),
                when: format.dateTime(n.createdAt, { dateStyle: "medium", timeStyle: "short" }),
                draftId: n.data.draftId,
                amendmentId: n.data.amendmentId ?? "",
              }}
            />
          ) : (
            <NotificationItem
              key={n.id}
              n={{
                id: n.id,
                read: n.read,
                title: t(`notification.${n.type as "comment" | "mention" | "reply" | "resolved"}`, { by: n.data.by ?? "?" }),
                when: format.dateTime(n.createdAt, { dateStyle: "medium", timeStyle: "short" }),
                quote: n.data.quote ?? null,
                draftId: n.data.draftId ?? "",
                threadId: n.data.threadId ?? "",
                commentId: n.data.commentId ?? null,
              }}
            />
          ),
        )}
      </ul>
    </section>
  );
}
