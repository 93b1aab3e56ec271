import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { currentActor } from "./_lib/actor";
import { abilities } from "@/server/domain/permissions";
import { LocaleSwitch } from "./_components/LocaleSwitch";
import { SignOutButton } from "./_components/SignOutButton";
import { unreadNotifications } from "@/server/domain/comments/notifications";
import { NotificationBell } from "./notifications/NotificationBell";
import { OfflineSupport } from "./_components/OfflineSupport";
import "./globals.css";

export const metadata: Metadata = {
  title: "Charter workspace — Rabat Process",
  description: "Collaborative drafting of the Charter on humanised border management",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, messages, actor] = await Promise.all([getLocale(), getMessages(), currentActor()]);
  const t = await getTranslations("nav");
  const tApp = await getTranslations("app");
  const tRoles = await getTranslations("roles");
  const can = abilities(actor);
  const unread = await unreadNotifications(actor);
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider locale={locale} messages={messages}>
          <a className="skip" href="#main">{tApp("skip")}</a>
          <header className="topbar">
            <Link prefetch={false} href="/" className="brand">{tApp("name")}</Link>
            {actor && (
              <nav aria-label={t("main")}>
                <Link prefetch={false} href="/drafts">{t("drafts")}</Link>
                <Link prefetch={false} href="/sources">{t("sources")}</Link>
                {can.manageMembers && <Link prefetch={false} href="/admin/members">{t("members")}</Link>}
                {can.importSources && <Link prefetch={false} href="/admin/import">{t("import")}</Link>}
              </nav>
            )}
            <div className="topbar-end">
              <LocaleSwitch />
              {actor ? (
                <>
                  <NotificationBell initialUnread={unread} />
                  <span className="whoami" data-testid="whoami">
                    {actor.name} · {tRoles(actor.role)}
                  </span>
                  <SignOutButton />
                </>
              ) : (
                <Link prefetch={false} href="/login">{t("signIn")}</Link>
              )}
            </div>
          </header>
          <main id="main">{children}</main>
          <OfflineSupport />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
