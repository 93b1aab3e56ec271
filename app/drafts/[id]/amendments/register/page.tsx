import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { orNotFound } from "../../../../_lib/not-found";
import { requireActor } from "../../../../_lib/guard";
import { getDraft, listClauses } from "@/server/domain/drafts";
import { listAmendments } from "@/server/domain/amendments";
import { can } from "@/server/domain/permissions";
import { AMENDMENT_OPS, AMENDMENT_STATUSES, AMENDMENT_TYPES, type Amendment } from "@/lib/contracts/amendments";
import { DraftHeader } from "../../DraftTabs";
import { articleOf, delegationsOf, inRegisterOrder } from "../order";
import { applyRegisterFilter, parseRegisterFilter, registerQuery } from "./filters";
import { RegisterLive } from "./RegisterLive";
import { TextLangTag } from "../../TextLangTag";
import { TEXT_LANGS } from "@/lib/editor/languages";

type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * The register of amendments (issue 12): every amendment of the draft the reader may see, with
 * its delegations and its fate, filtered through the URL; a delegation's own view (?ours=1).
 */
export default async function RegisterPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  const { id } = await params;
  const actor = await requireActor(`/drafts/${id}/amendments/register`);
  const filter = parseRegisterFilter(await searchParams);
  const [draft, all, articles] = await orNotFound(Promise.all([getDraft(actor, id), listAmendments(actor, id), listClauses(actor, id)]));
  const [t, tLang, format] = await Promise.all([getTranslations("register"), getTranslations("textLanguage"), getFormatter()]);
  // Observers and viewers never sponsor: an "our amendments" view would always be empty for them.
  const ownDelegation = can(actor, "amendment:propose") ? actor.delegation : "";
  if (!ownDelegation) delete filter.ours;

  const amendments = inRegisterOrder(all, articles);
  const shown = applyRegisterFilter(amendments, filter, ownDelegation);
  const counted = applyRegisterFilter(amendments, filter, ownDelegation, { withStatus: false });
  const counts = AMENDMENT_STATUSES.map((s) => [s, counted.filter((a) => a.status === s).length] as const).filter(([, n]) => n > 0);
  const delegations = [...new Set(amendments.flatMap(delegationsOf))].sort((a, b) => a.localeCompare(b));
  const readings = [...new Set(amendments.map((a) => a.decision?.reading).filter((r): r is string => !!r))];
  const base = `/drafts/${id}/amendments/register`;
  const exportHref = (format: "docx" | "csv") => `/api/drafts/${id}/amendments/export?format=${format}`;

  return (
    <section className="register">
      <DraftHeader draftId={id} title={draft.title} current="register" />
      <h2>{filter.ours ? t("oursTitle", { delegation: ownDelegation }) : t("title")}</h2>
      <p className="muted">{t("intro")}</p>
      <RegisterLive draftId={id} />

      <nav className="register-views" aria-label={t("views")}>
        {ownDelegation &&
          (filter.ours ? (
            <Link href={`${base}${registerQuery(filter, { ours: undefined })}`} prefetch={false}>{t("all")}</Link>
          ) : (
            <Link href={`${base}${registerQuery(filter, { ours: "1" })}`} prefetch={false}>{t("ours", { delegation: ownDelegation })}</Link>
          ))}
        <a href={exportHref("docx")}>{t("exportDocx")}</a>
        <a href={exportHref("csv")}>{t("exportCsv")}</a>
      </nav>

      <form className="filters register-filters" method="get" action={base}>
        {filter.ours && <input type="hidden" name="ours" value="1" />}
        <label>{t("filter.delegation")}
          <select name="delegation" defaultValue={filter.delegation ?? ""}>
            <option value="">{t("filter.any")}</option>
            {delegations.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </label>
        <label>{t("filter.article")}
          <select name="clauseId" defaultValue={filter.clauseId ?? ""}>
            <option value="">{t("filter.any")}</option>
            {articles.map((c) => <option key={c.clauseId} value={c.clauseId}>{t("article", { number: c.number })}{c.heading ? ` — ${c.heading}` : ""}</option>)}
          </select>
        </label>
        <label>{tLang("filter")}
          <select name="lang" defaultValue={filter.lang ?? ""}>
            <option value="">{tLang("anyText")}</option>
            {TEXT_LANGS.map((l) => <option key={l} value={l}>{tLang(`name.${l}`)}</option>)}
          </select>
        </label>
        <label>{t("filter.status")}
          <select name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("filter.any")}</option>
            {AMENDMENT_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </label>
        <label>{t("filter.op")}
          <select name="op" defaultValue={filter.op ?? ""}>
            <option value="">{t("filter.any")}</option>
            {AMENDMENT_OPS.map((o) => <option key={o} value={o}>{t(`ops.${o}`)}</option>)}
          </select>
        </label>
        <label>{t("filter.type")}
          <select name="type" defaultValue={filter.type ?? ""}>
            <option value="">{t("filter.any")}</option>
            {AMENDMENT_TYPES.map((o) => <option key={o} value={o}>{t(`types.${o}`)}</option>)}
          </select>
        </label>
        <label>{t("filter.reading")}
          <select name="reading" defaultValue={filter.reading ?? ""}>
            <option value="">{t("filter.any")}</option>
            {[...new Set([...readings, ...(filter.reading ? [filter.reading] : [])])].map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <button type="submit">{t("filter.apply")}</button>
        <Link href={`${base}${filter.ours ? "?ours=1" : ""}`} prefetch={false}>{t("filter.clear")}</Link>
      </form>

      {counts.length > 0 && (
        <ul className="status-counts" data-testid="status-counts" aria-label={t("counts")}>
          {counts.map(([status, n]) => (
            <li key={status} data-status={status}>
              <Link href={`${base}${registerQuery(filter, { status })}`} prefetch={false} aria-current={filter.status === status ? "true" : undefined}>
                {t(`status.${status}`)}
              </Link>{" "}
              <span className="count">{n}</span>
            </li>
          ))}
        </ul>
      )}

      {amendments.length === 0 ? (
        <p className="empty" data-testid="register-empty">{t("empty")}</p>
      ) : shown.length === 0 ? (
        <p className="empty" data-testid="register-empty">{t("emptyFiltered")}</p>
      ) : (
        <>
          <p className="muted" aria-live="polite">{t("shown", { count: shown.length })}</p>
          <table className="register-table" data-testid="register">
            <caption className="sr-only">{t("title")}</caption>
            <thead>
              <tr>
                {(["number", "delegations", "article", "type", "op", "change", "reasons", "status", "decision"] as const).map((c) => (
                  <th key={c} scope="col">{t(`col.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((a) => {
                const article = articleOf(articles, a.clauseId);
                return (
                  <tr key={a.id} data-testid="register-row" data-number={a.number ?? ""} className={`amendment-${a.status}`}>
                    <th scope="row" data-label={t("col.number")} data-testid="cell-number">{a.number ?? t("privateDraft")}</th>
                    <td data-label={t("col.delegations")} data-testid="cell-delegations">{delegationsOf(a).join(" + ")}</td>
                    <td data-label={t("col.article")} data-testid="cell-article">
                      <TextLangTag lang={a.lang} />{" "}
                      {article ? (
                        <Link href={`/drafts/${id}?clause=${encodeURIComponent(a.clauseId)}`} prefetch={false}>
                          {t("article", { number: article.number })}{article.heading ? ` — ${article.heading}` : ""}
                        </Link>
                      ) : (
                        <span className="muted">{t("removedArticle")}</span>
                      )}
                    </td>
                    <td data-label={t("col.type")} data-testid="cell-type"><abbr title={t(`types.${a.type}`)}>{a.type}</abbr></td>
                    <td data-label={t("col.op")} data-testid="cell-op"><abbr title={t(`ops.${a.op}`)}>{a.op}</abbr></td>
                    <td data-label={t("col.change")} data-testid="cell-change" className="register-change"><ProposedChange a={a} t={t} /></td>
                    <td data-label={t("col.reasons")} data-testid="cell-reasons" className="register-reasons">{a.rationale}</td>
                    <td data-label={t("col.status")} data-testid="cell-status"><span className={`amendment-status status-${a.status}`}>{t(`status.${a.status}`)}</span></td>
                    <td data-label={t("col.decision")} data-testid="cell-decision">
                      {a.decision ? (
                        <>
                          <span>{t("decidedBy", { name: a.decision.by, date: format.dateTime(new Date(a.decision.at), { dateStyle: "medium" }) })}</span>
                          {a.decision.observation && <span className="register-observation">{a.decision.observation}</span>}
                          {a.decision.reading && <span className="muted">{a.decision.reading}</span>}
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"register">>>;

/** What the amendment changes: the passage struck through and the proposal beside it. */
function ProposedChange({ a, t }: { a: Pick<Amendment, "op" | "quote" | "proposedText">; t: T }) {
  const quote = a.quote ? <del>{a.quote}</del> : a.op !== "ADD" ? <span className="muted">{t("wholeArticle")}</span> : null;
  if (a.op === "NOC") return <>{quote} <span className="muted">{t("noChange")}</span></>;
  if (a.op === "SUP") return <>{quote} <span className="muted">{t("deletion")}</span></>;
  return (
    <>
      {quote}
      {quote && " → "}
      <ins>{a.proposedText}</ins>
    </>
  );
}
