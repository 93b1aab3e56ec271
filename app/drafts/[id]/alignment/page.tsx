import { getFormatter, getTranslations } from "next-intl/server";
import { orNotFound } from "../../../_lib/not-found";
import { requireActor } from "../../../_lib/guard";
import { getDraft } from "@/server/domain/drafts";
import { listAlignment } from "@/server/domain/alignment";
import { can } from "@/server/domain/permissions";
import { DraftHeader } from "../DraftTabs";
import { AlignmentFlag } from "./AlignmentFlag";
import { AlignmentConfirm } from "./AlignmentConfirm";
import { AlignmentLive } from "./AlignmentLive";
import { formatWhen, personLabel } from "./when";

/** Every article with the alignment of its English and French texts; confirm for those who may edit. */
export default async function AlignmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/drafts/${id}/alignment`);
  const [draft, entries] = await orNotFound(Promise.all([getDraft(actor, id), listAlignment(actor, id)]));
  const [t, format] = await Promise.all([getTranslations("alignment"), getFormatter()]);
  // The one rule for typing into the text (permissions "text:edit") decides who may confirm.
  const canConfirm = can(actor, "text:edit", { phase: draft.phase });
  /** "12:40 by Amina Diallo (Senegal)", or `none` when it never happened. */
  const when = (at: string | Date | null, by: { name: string; delegation: string } | null, none: string) =>
    !at ? none : by ? t("whenBy", { time: formatWhen(format, at), who: personLabel(by) }) : formatWhen(format, at);
  return (
    <section>
      <DraftHeader draftId={id} title={draft.title} current="alignment" />
      <h2>{t("title")}</h2>
      <p className="muted">{t("intro")}</p>
      <AlignmentLive draftId={id} />
      {entries.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <table className="register-table alignment-table" data-testid="alignment-table">
          <caption className="sr-only">{t("title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("articleColumn")}</th>
              <th scope="col">{t("headingEn")}</th>
              <th scope="col">{t("headingFr")}</th>
              <th scope="col">{t("statusColumn")}</th>
              <th scope="col">{t("enChange")}</th>
              <th scope="col">{t("frChange")}</th>
              <th scope="col">{t("confirmedColumn")}</th>
              {canConfirm && <th scope="col">{t("actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.clauseId} data-testid="alignment-row" data-clause-id={e.clauseId} data-status={e.status}>
                <th scope="row" data-label={t("articleColumn")}>{e.number}</th>
                <td data-label={t("headingEn")} lang="en">{e.en.heading || <span className="muted">{t("untitled")}</span>}</td>
                <td data-label={t("headingFr")} lang="fr">{e.fr.heading || <span className="muted">{t("untitled")}</span>}</td>
                <td data-label={t("statusColumn")} data-testid="alignment-status"><AlignmentFlag status={e.status} withText /></td>
                <td data-label={t("enChange")}>{when(e.en.changedAt, e.en.changedBy, t("unchanged"))}</td>
                <td data-label={t("frChange")}>{when(e.fr.changedAt, e.fr.changedBy, t("unchanged"))}</td>
                <td data-label={t("confirmedColumn")} data-testid="alignment-confirmed">{when(e.confirmedAt, e.confirmedBy, t("never"))}</td>
                {canConfirm && (
                  <td data-label={t("actions")}>
                    {e.status !== "aligned" && !e.status.endsWith("_missing") && <AlignmentConfirm draftId={id} clauseId={e.clauseId} number={e.number} />}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
