import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { orNotFound } from "../../../../../_lib/not-found";
import { requireActor } from "../../../../../_lib/guard";
import { getDraft } from "@/server/domain/drafts";
import { clauseHistory } from "@/server/domain/versions";
import { DraftHeader } from "../../../DraftTabs";
import { versionLabel } from "../../version-label";

export default async function ClauseHistoryPage({ params }: { params: Promise<{ id: string; clauseId: string }> }) {
  const { id, clauseId: rawClauseId } = await params;
  const clauseId = decodeURIComponent(rawClauseId);
  const actor = await requireActor(`/drafts/${id}/history`);
  const [draft, entries] = await orNotFound(Promise.all([getDraft(actor, id), clauseHistory(actor, id, clauseId)]));
  const [t, tA, tL, format] = await Promise.all([getTranslations("history"), getTranslations("amendmentExport.history"), getTranslations("historyLanguages"), getFormatter()]);
  const latest = [...entries].reverse().find((e) => e.number !== null);
  return (
    <section>
      <DraftHeader draftId={id} title={draft.title} current="history" />
      <p><Link href={`/drafts/${id}/history`}>← {t("backToHistory")}</Link></p>
      <h2>{t("clauseHistoryTitle", { clauseId: latest ? String(latest.number) : clauseId })}</h2>
      <ol className="timeline">
        {[...entries].reverse().map((e) => (
          <li key={e.versionId} className="version" data-testid="clause-version" data-changed-langs={e.changedLangs.join(" ")}>
            <div className="version-head">
              <strong>{e.kind === "auto" && !e.name ? t("auto") : versionLabel({ ...e, amendment: e.amendments[0] ?? null }, t, (d) => format.dateTime(d))}</strong>
              <span className="muted">{format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short" })}</span>
              {e.number !== null && <span className="badge">{t("article", { number: e.number })}</span>}
              <span className="badge" data-testid="changed-langs">{tL("changedIn", { langs: e.changedLangs.map((l) => tL(`langName.${l}`)).join(", ") })}</span>
            </div>
            {e.text === null ? (
              <p className="muted">{t("deletedHere")}</p>
            ) : (
              <div className="clause-texts">
                <div data-lang="en">
                  <h4>{tL("textName.en")}</h4>
                  <div lang="en"><p><strong>{e.heading}</strong></p><p>{e.text}</p></div>
                </div>
                <div data-lang="fr">
                  <h4>{tL("textName.fr")}</h4>
                  {e.fr === null ? <p className="muted">{tL("noFrench")}</p> : e.fr.heading || e.fr.text ? <div lang="fr"><p><strong>{e.fr.heading}</strong></p><p>{e.fr.text}</p></div> : <p className="muted">{tL("untranslated")}</p>}
                </div>
              </div>
            )}
            {e.amendments.length > 0 && (
              <ul className="accepted-amendments" aria-label={tA("heading")} data-testid="accepted-amendments">
                {e.amendments.map((a) => <li key={a.number}>{tA(a.status, { number: a.number, delegation: a.delegation })}</li>)}
              </ul>
            )}
            <p className="muted">{e.authors.length ? t("changedBy", { names: e.authors.join(", ") }) : t("noEditors")}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
