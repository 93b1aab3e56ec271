"use client";
// The draft page's count of articles per alignment status and its first lines, e.g.
// "Article 7: French text out of date since 12:40, changed by Amina Diallo (Senegal)".
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { ALIGNMENT_STATUS_ORDER, leadingSide } from "./order";
import { AlignmentFlag } from "./AlignmentFlag";
import { formatWhen, personLabel } from "./when";
import type { AlignmentEntry } from "@/lib/contracts/alignment";

const SHOWN = 5;

export function AlignmentSummary({ draftId, entries }: { draftId: string; entries: AlignmentEntry[] }) {
  const t = useTranslations("alignment");
  const format = useFormatter();
  const counts = ALIGNMENT_STATUS_ORDER.map((status) => ({ status, count: entries.filter((e) => e.status === status).length })).filter((c) => c.count > 0);
  const open = entries.filter((e) => e.status !== "aligned").sort(byUrgency);
  const line = (e: AlignmentEntry) => {
    const status = t(`status.${e.status}`);
    const side = leadingSide(e);
    if (!side?.changedAt) return t("lineNoTime", { number: e.number, status });
    const time = formatWhen(format, side.changedAt);
    return side.changedBy ? t("line", { number: e.number, status, time, who: personLabel(side.changedBy) }) : t("lineNoAuthor", { number: e.number, status, time });
  };
  return (
    <section className="alignment-summary" aria-labelledby="alignment-summary-title" data-testid="alignment-summary">
      <h2 id="alignment-summary-title">{t("summaryTitle")}</h2>
      <ul className="alignment-counts" aria-label={t("summaryCounts")}>
        {counts.map(({ status, count }) => (
          <li key={status} data-status={status}>
            <AlignmentFlag status={status} withText /> <span className="muted">{t("count", { count })}</span>
          </li>
        ))}
      </ul>
      {open.length === 0 ? (
        entries.length > 0 && <p className="muted">{t("allAligned")}</p>
      ) : (
        <ul className="alignment-lines">
          {open.slice(0, SHOWN).map((e) => <li key={e.clauseId} data-testid="alignment-line">{line(e)}</li>)}
          {open.length > SHOWN && <li className="muted">{t("more", { count: open.length - SHOWN })}</li>}
        </ul>
      )}
      <Link href={`/drafts/${draftId}/alignment`} prefetch={false}>{t("openTable")}</Link>
    </section>
  );
}

/** Out of date before missing, the most recent change first, then article order. */
function byUrgency(a: AlignmentEntry, b: AlignmentEntry): number {
  const rank = (e: AlignmentEntry) => ALIGNMENT_STATUS_ORDER.indexOf(e.status);
  const when = (e: AlignmentEntry) => Date.parse(leadingSide(e)?.changedAt ?? "") || 0;
  return rank(a) - rank(b) || when(b) - when(a) || a.number - b.number;
}
