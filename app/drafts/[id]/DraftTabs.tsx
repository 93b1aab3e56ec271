import Link from "next/link";
import { useTranslations } from "next-intl";

export type DraftTab = "text" | "coverage" | "alignment" | "history" | "comments" | "register" | "session";

/** Text · Coverage · Alignment · History · Comments · Amendments · Session of one draft. Works in server and client components. */
export function DraftTabs({ draftId, title, current }: { draftId: string; title: string; current: DraftTab }) {
  const tC = useTranslations("coverage");
  const tH = useTranslations("history");
  const tM = useTranslations("comments");
  const tR = useTranslations("register");
  const tS = useTranslations("session");
  const tA = useTranslations("alignment");
  const tabs = [
    { id: "text", label: tC("editorTab"), href: `/drafts/${draftId}` },
    { id: "coverage", label: tC("tab"), href: `/drafts/${draftId}/coverage` },
    { id: "alignment", label: tA("tab"), href: `/drafts/${draftId}/alignment` },
    { id: "history", label: tH("tab"), href: `/drafts/${draftId}/history` },
    { id: "comments", label: tM("tab"), href: `/drafts/${draftId}/comments` },
    { id: "register", label: tR("tab"), href: `/drafts/${draftId}/amendments/register` },
    { id: "session", label: tS("tab"), href: `/drafts/${draftId}/session` },
  ] as const;
  return (
    <nav className="tabs" aria-label={title}>
      {tabs.map((tab) =>
        tab.id === current ? <span key={tab.id} aria-current="page">{tab.label}</span> : <Link key={tab.id} href={tab.href} prefetch={false}>{tab.label}</Link>,
      )}
    </nav>
  );
}

/** The heading of every page of a draft: its title and the tabs. */
export function DraftHeader({ draftId, title, current }: { draftId: string; title: string; current: DraftTab }) {
  return (
    <div className="editor-header">
      <h1>{title}</h1>
      <DraftTabs draftId={draftId} title={title} current={current} />
    </div>
  );
}
