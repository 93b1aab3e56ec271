import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { orNotFound } from "../../../_lib/not-found";
import { requireActor } from "../../../_lib/guard";
import { getDraft } from "@/server/domain/drafts";
import { draftCoverage } from "@/server/domain/citations";
import { searchSources } from "@/server/domain/sources";
import { can } from "@/server/domain/permissions";
import { coverageQuerySchema } from "@/lib/contracts/coverage";
import { SOURCE_KINDS } from "@/lib/sources";
import type { CoverageItem } from "@/lib/coverage";
import { DecisionControls } from "./DecisionControls";
import { DraftHeader } from "../DraftTabs";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function CoveragePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  const { id } = await params;
  const actor = await requireActor(`/drafts/${id}/coverage`);
  const raw = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const parsed = coverageQuerySchema.safeParse({ kind: one(raw.kind), section: one(raw.section), status: one(raw.status) });
  const filter = parsed.success ? parsed.data : {};
  const draft = await orNotFound(getDraft(actor, id));
  const [coverage, sources, t, tS] = await Promise.all([
    draftCoverage(actor, id, filter),
    searchSources(actor, { status: "all" }),
    getTranslations("coverage"),
    getTranslations("sources"),
  ]);
  const textOf = new Map(sources.map((s) => [s.id, s]));
  const canDecide = can(actor, "coverage:decide");
  const numberOf = new Map(coverage.clauses.map((c) => [c.clauseId, c.number]));
  const percent = `${Math.round(coverage.recommendationsAndConclusionsCited * 100)} %`;
  const open = coverage.items.filter((i) => i.status !== "cited");
  const groups = new Map<string, CoverageItem[]>();
  for (const item of [...coverage.items].sort((a, b) => (textOf.get(a.sourceItemId)?.order ?? 0) - (textOf.get(b.sourceItemId)?.order ?? 0))) {
    const label = `${item.section ?? "—"} · ${tS(`kinds.${item.kind}`)}`;
    groups.set(label, [...(groups.get(label) ?? []), item]);
  }
  const sections = [...new Set(sources.map((s) => s.section).filter((s): s is string => !!s))];

  return (
    <section>
      <DraftHeader draftId={id} title={draft.title} current="coverage" />
      <h2>{t("title")}</h2>
      <p className="coverage-headline" data-testid="coverage-headline">{t("headline", { percent })}</p>
      <div className="coverage-summary">
        {SOURCE_KINDS.filter((k) => coverage.totals[k]).map((k) => (
          <div key={k} className="card" data-testid={`total-${k}`}>
            <strong>{tS(`kinds.${k}`)}</strong>
            <p>{t("kindTotals", coverage.totals[k])}</p>
          </div>
        ))}
      </div>

      {coverage.missing.length > 0 && (
        <div className="notice" role="alert">
          <strong>{t("missingTitle")}</strong>
          <ul>{coverage.missing.map((m) => <li key={`${m.clauseId}-${m.sourceItemId}`}>{t("article", { number: m.number })}: [{m.key}]</li>)}</ul>
        </div>
      )}

      <form className="filters" method="get">
        <label>{tS("kind")}
          <select name="kind" defaultValue={filter.kind ?? ""}>
            <option value="">{t("any")}</option>
            {SOURCE_KINDS.map((k) => <option key={k} value={k}>{tS(`kinds.${k}`)}</option>)}
          </select>
        </label>
        <label>{tS("section")}
          <select name="section" defaultValue={filter.section ?? ""}>
            <option value="">{t("any")}</option>
            {sections.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>{t("filterStatus")}
          <select name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("any")}</option>
            {(["uncovered", "not_addressed", "cited"] as const).map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </label>
        <button type="submit">{t("apply")}</button>
      </form>

      <p className="muted">{t("uncoveredFirst")}</p>
      <ul className="source-list" data-testid="coverage-open">
        {open.map((item) => (
          <li key={item.sourceItemId} className={`source-item kind-${item.kind}`} data-testid="coverage-item" data-key={item.key}>
            <header>
              <Link href={`/sources/${item.sourceItemId}`} className="source-key">{item.key}</Link>
              <span className={`status-${item.status}`}>{t(`status.${item.status}`)}</span>
            </header>
            <p lang="en">{textOf.get(item.sourceItemId)?.text}</p>
            {item.decision && <p className="muted">{t("decidedBy", { name: item.decision.decidedBy, reason: item.decision.reason })}</p>}
            {canDecide && <DecisionControls draftId={id} sourceItemId={item.sourceItemId} decided={item.status === "not_addressed"} />}
          </li>
        ))}
      </ul>

      <h2>{t("matrix")}</h2>
      <div className="matrix-wrap">
        <table className="matrix" data-testid="coverage-matrix">
          <thead>
            <tr>
              <th scope="col">{t("item")}</th>
              <th scope="col">{t("filterStatus")}</th>
              {coverage.clauses.map((c) => <th key={c.clauseId} scope="col" title={c.heading ?? ""}>{t("article", { number: c.number })}</th>)}
            </tr>
          </thead>
          <tbody>
            {[...groups.entries()].map(([label, items]) => [
              <tr key={label} className="group"><th colSpan={2 + coverage.clauses.length} scope="rowgroup">{label}</th></tr>,
              ...items.map((item) => (
                <tr key={item.sourceItemId} data-key={item.key}>
                  <th scope="row"><Link href={`/sources/${item.sourceItemId}`}>{item.key}</Link>{item.withdrawn && <span className="warn"> ({t("withdrawnFlag")})</span>}</th>
                  <td className={`status-${item.status}`}>{t(`status.${item.status}`)}</td>
                  {coverage.clauses.map((c) => {
                    const hit = item.clauses.includes(c.clauseId);
                    return (
                      <td key={c.clauseId} className={hit ? "hit" : "miss"}>
                        {hit ? <Link href={`/drafts/${id}?clause=${encodeURIComponent(c.clauseId)}`} aria-label={`${item.key} — ${t("article", { number: numberOf.get(c.clauseId) ?? 0 })}`}>●</Link> : "·"}
                      </td>
                    );
                  })}
                </tr>
              )),
            ])}
          </tbody>
        </table>
      </div>
    </section>
  );
}
