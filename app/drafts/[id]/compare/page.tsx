import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { orNotFound } from "../../../_lib/not-found";
import { requireActor } from "../../../_lib/guard";
import { getDraft } from "@/server/domain/drafts";
import { compareVersions, type ComparisonWithAuthors } from "@/server/domain/versions";
import { versionLabel } from "../history/version-label";
import type { ClauseChange, WordPart } from "@/lib/versions/compare";
import { COMPARE_LANGS, type CompareLang } from "@/lib/contracts/versions";
import type { TextLang } from "@/lib/editor/languages";
import { DraftHeader } from "../DraftTabs";

type Search = Promise<Record<string, string | string[] | undefined>>;

function Diff({ parts, side }: { parts: WordPart[]; side?: "before" | "after" }) {
  return (
    <>
      {parts.map((p, i) =>
        p.added ? (side === "before" ? null : <ins key={i}>{p.value}</ins>) : p.removed ? (side === "after" ? null : <del key={i}>{p.value}</del>) : <span key={i}>{p.value}</span>,
      )}
    </>
  );
}

const isChange = (c: ClauseChange) => c.kind !== "unchanged" || c.moved || c.citationsAdded.length > 0 || c.citationsRemoved.length > 0;

/** One text's change of one article: the word diff (inline or before/after), or the text added, removed or kept. */
function ChangeText({ c, view, labels }: { c: ClauseChange; view: "inline" | "side"; labels: { before: string; after: string } }) {
  return (
    <>
      {c.headingDiff && <p className="diff heading-diff"><Diff parts={c.headingDiff} /></p>}
      {c.kind === "changed" && c.textDiff && view === "inline" && <p className="diff" data-testid="word-diff"><Diff parts={c.textDiff} /></p>}
      {c.kind === "changed" && c.textDiff && view === "side" && (
        <div className="side-by-side" data-testid="word-diff">
          <div><h4>{labels.before}</h4><p className="diff"><Diff parts={c.textDiff} side="before" /></p></div>
          <div><h4>{labels.after}</h4><p className="diff"><Diff parts={c.textDiff} side="after" /></p></div>
        </div>
      )}
      {c.kind === "added" && <p className="diff"><ins>{c.toText}</ins></p>}
      {c.kind === "removed" && <p className="diff"><del>{c.fromText}</del></p>}
      {c.kind === "unchanged" && <p className="muted">{c.toText}</p>}
    </>
  );
}

export default async function ComparePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  const { id } = await params;
  const actor = await requireActor(`/drafts/${id}/compare`);
  const raw = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const from = one(raw.from) ?? "";
  const to = one(raw.to) ?? "current";
  const changedOnly = one(raw.all) !== "1";
  const view = one(raw.view) === "side" ? "side" : "inline";
  const requestedLang = one(raw.lang);
  const lang: CompareLang = COMPARE_LANGS.find((l) => l === requestedLang) ?? "en";
  const [draft, comparison] = await orNotFound(Promise.all([getDraft(actor, id), compareVersions(actor, id, { from, to, lang })]));
  const [t, tA, tL, format] = await Promise.all([getTranslations("history"), getTranslations("amendmentExport.history"), getTranslations("historyLanguages"), getFormatter()]);
  // The texts shown, in order, and each one's change by article (the same clauseIds in both).
  const shownLangs: TextLang[] = lang === "both" ? ["en", "fr"] : [lang];
  const changeIn = Object.fromEntries(shownLangs.map((l) => [l, new Map(comparison.texts[l]!.changes.map((c) => [c.clauseId, c]))])) as Partial<Record<TextLang, Map<string, ClauseChange>>>;
  const withoutFrench = lang !== "en" ? [comparison.from, comparison.to].filter((v) => !v.hasFrench) : [];
  const nameOf = (v: ComparisonWithAuthors["from" | "to"]) =>
    v.createdAt === null ? t("current") : versionLabel({ ...v, createdAt: v.createdAt }, t, (d) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }));
  const numberLabel = (c: ClauseChange) => (c.toNumber ?? c.fromNumber) as number;
  const visible = comparison.changes.filter((c) => !changedOnly || shownLangs.some((l) => isChange(changeIn[l]!.get(c.clauseId) ?? c)));
  const numberOfClause = new Map(comparison.changes.map((c) => [c.clauseId, c.toNumber ?? c.fromNumber]));

  return (
    <section>
      <DraftHeader draftId={id} title={draft.title} current="history" />
      <h2 data-testid="compare-title">{t("compareTitle", { from: nameOf(comparison.from), to: nameOf(comparison.to) })}</h2>
      {shownLangs.map((l) => (
        <p key={l} className="muted" data-testid="compare-totals" data-lang={l}>
          {lang === "both" && <>{tL(`textName.${l}`)}: </>}
          {t("totals", comparison.texts[l]!.summary)}
        </p>
      ))}
      {withoutFrench.map((v) => (
        <p key={v.id} className="notice" role="note" data-testid="no-french-note">{tL("noFrenchCompared", { name: nameOf(v) })}</p>
      ))}
      <form className="filters" method="get">
        <input type="hidden" name="from" value={from} />
        <input type="hidden" name="to" value={to} />
        <label className="check"><input type="checkbox" name="all" value="1" defaultChecked={!changedOnly} /> {t("showUnchanged")}</label>
        <label>
          {tL("textChoice")}{" "}
          <select name="lang" defaultValue={lang} data-testid="compare-lang">
            {COMPARE_LANGS.map((l) => <option key={l} value={l}>{tL(`compareLang.${l}`)}</option>)}
          </select>
        </label>
        <label>
          <select name="view" defaultValue={view} aria-label={`${t("inline")} / ${t("sideBySide")}`}>
            <option value="inline">{t("inline")}</option>
            <option value="side">{t("sideBySide")}</option>
          </select>
        </label>
        <button type="submit">{t("apply")}</button>
      </form>
      {visible.length === 0 && <p>{t("noChanges")}</p>}
      <ol className="changes">
        {visible.map((c) => (
          <li key={c.clauseId} className={`change change-${c.kind}`} data-testid="clause-change" data-clause-id={c.clauseId}>
            <header>
              <strong>{t("article", { number: numberLabel(c) })}</strong>
              {(c.toHeading ?? c.fromHeading) && <span> — {c.toHeading ?? c.fromHeading}</span>}
              <span className={`badge change-badge-${c.kind}`}>{t(`kind.${c.kind}`)}</span>
              {c.moved && <span className="badge">{t("moved")}</span>}
              {c.renumbered && <span className="badge">{t("renumbered", { from: c.fromNumber!, to: c.toNumber! })}</span>}
              {c.splitFrom && <span className="badge">{t("splitFrom", { clause: String(numberOfClause.get(c.splitFrom) ?? c.splitFrom) })}</span>}
              {c.mergedInto && <span className="badge">{t("mergedInto", { clause: String(numberOfClause.get(c.mergedInto) ?? c.mergedInto) })}</span>}
            </header>
            {comparison.amendments[c.clauseId] && (
              <ul className="accepted-amendments" aria-label={tA("heading")} data-testid="accepted-amendments">
                {comparison.amendments[c.clauseId].map((a) => (
                  <li key={a.number}>{tA(a.status, { number: a.number, delegation: a.delegation })}</li>
                ))}
              </ul>
            )}
            {lang === "both" ? (
              shownLangs.map((l) => {
                const lc = changeIn[l]!.get(c.clauseId) ?? c;
                return (
                  <div key={l} className="lang-change" data-testid="lang-change" data-lang={l}>
                    <h4>
                      {tL(`textName.${l}`)} <span className={`badge change-badge-${lc.kind}`}>{t(`kind.${lc.kind}`)}</span>
                    </h4>
                    <div lang={l}><ChangeText c={lc} view={view} labels={{ before: t("before"), after: t("after") }} /></div>
                  </div>
                );
              })
            ) : (
              <div lang={lang}>
                <ChangeText c={c} view={view} labels={{ before: t("before"), after: t("after") }} />
              </div>
            )}
            <ul className="citation-changes">
              {c.citationsRemoved.map((key) => <li key={`r-${key}`} className="cite-removed">{t("citesNoLonger", { number: numberLabel(c), key })}</li>)}
              {c.citationsAdded.map((key) => <li key={`a-${key}`} className="cite-added">{t("citesNow", { number: numberLabel(c), key })}</li>)}
            </ul>
            {comparison.authors[c.clauseId] && (
              <p className="muted" data-testid="change-authors">
                {t("changedBy", { names: comparison.authors[c.clauseId].length ? comparison.authors[c.clauseId].join(", ") : t("unknownAuthor") })}
              </p>
            )}
            <p><Link href={`/drafts/${id}/history/clause/${encodeURIComponent(c.clauseId)}`}>{t("clauseHistory")}</Link></p>
          </li>
        ))}
      </ol>
    </section>
  );
}
