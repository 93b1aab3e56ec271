import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireActor } from "../../../../_lib/guard";
import { getDraft } from "@/server/domain/drafts";
import { getVersion } from "@/server/domain/versions";
import { DomainError } from "@/server/domain/errors";
import { DraftTabs } from "../../DraftTabs";
import { VersionView } from "./VersionView";
import { ExportMenu } from "../../ExportMenu";

export default async function VersionPage({ params }: { params: Promise<{ id: string; versionId: string }> }) {
  const { id, versionId } = await params;
  const actor = await requireActor(`/drafts/${id}/history/${versionId}`);
  const load = async () => Promise.all([getDraft(actor, id), getVersion(actor, id, versionId)]);
  const [draft, version] = await load().catch((e) => {
    if (e instanceof DomainError && e.code === "not_found") notFound();
    throw e;
  });
  const [t, format] = await Promise.all([getTranslations("history"), getFormatter()]);
  return (
    <section>
      <div className="editor-header">
        <h1>{draft.title}</h1>
        <DraftTabs draftId={id} title={draft.title} current="history" />
      </div>
      <p><Link href={`/drafts/${id}/history`}>← {t("backToHistory")}</Link></p>
      <h2>{version.name ?? t("auto")}</h2>
      <p className="notice" role="note">{t("readOnlyVersion", { date: format.dateTime(version.createdAt, { dateStyle: "long", timeStyle: "short" }) })}</p>
      <ExportMenu draftId={id} versionId={version.id} />
      <VersionView doc={version.doc} />
    </section>
  );
}
