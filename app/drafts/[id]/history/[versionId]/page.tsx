import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { orNotFound } from "../../../../_lib/not-found";
import { requireActor } from "../../../../_lib/guard";
import { getDraft } from "@/server/domain/drafts";
import { getVersion } from "@/server/domain/versions";
import { DraftHeader } from "../../DraftTabs";
import { VersionView } from "./VersionView";
import { ExportMenu } from "../../ExportMenu";
import { versionLabel } from "../version-label";

export default async function VersionPage({ params }: { params: Promise<{ id: string; versionId: string }> }) {
  const { id, versionId } = await params;
  const actor = await requireActor(`/drafts/${id}/history/${versionId}`);
  const [draft, version] = await orNotFound(Promise.all([getDraft(actor, id), getVersion(actor, id, versionId)]));
  const [t, tL, format] = await Promise.all([getTranslations("history"), getTranslations("historyLanguages"), getFormatter()]);
  return (
    <section>
      <DraftHeader draftId={id} title={draft.title} current="history" />
      <p><Link href={`/drafts/${id}/history`}>← {t("backToHistory")}</Link></p>
      <h2>{versionLabel({ ...version, restoredFrom: version.summary.restoredFrom }, t, (d) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }))}</h2>
      <p className="notice" role="note">{t("readOnlyVersion", { date: format.dateTime(version.createdAt, { dateStyle: "long", timeStyle: "short" }) })}</p>
      <ExportMenu draftId={id} versionId={version.id} />
      <h3>{tL("textName.en")}</h3>
      <VersionView doc={version.doc} lang="en" label={tL("textName.en")} />
      <h3>{tL("textName.fr")}</h3>
      {version.docFr ? <VersionView doc={version.docFr} lang="fr" label={tL("textName.fr")} /> : <p className="muted" data-testid="no-french">{tL("noFrench")}</p>}
    </section>
  );
}
