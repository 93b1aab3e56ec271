import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireActor } from "../_lib/guard";
import { searchSources, sourceFacets } from "@/server/domain/sources";
import { SOURCE_KINDS } from "@/lib/sources";
import { sourceQuerySchema } from "@/lib/contracts/sources";
import { SourceItemCard } from "./SourceItemCard";
import { citingClausesBySource } from "@/server/domain/citations";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SourcesPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireActor("/sources");
  const raw = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const parsed = sourceQuerySchema.safeParse({ q: one(raw.q), kind: one(raw.kind), section: one(raw.section), actor: one(raw.actor) });
  const query = parsed.success ? parsed.data : {};
  const [items, facets, citing, t] = await Promise.all([searchSources(actor, query), sourceFacets(actor), citingClausesBySource(actor), getTranslations("sources")]);
  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("intro")} <span className="muted">{t("originalLanguage")}</span></p>
      <form className="filters" role="search" method="get">
        <label>
          {t("search")}
          <input type="search" name="q" defaultValue={query.q ?? ""} placeholder={t("searchPlaceholder")} />
        </label>
        <label>
          {t("kind")}
          <select name="kind" defaultValue={query.kind ?? ""}>
            <option value="">{t("any")}</option>
            {SOURCE_KINDS.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
          </select>
        </label>
        <label>
          {t("section")}
          <select name="section" defaultValue={query.section ?? ""}>
            <option value="">{t("any")}</option>
            {facets.sections.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>
          {t("actor")}
          <select name="actor" defaultValue={query.actor ?? ""}>
            <option value="">{t("any")}</option>
            {facets.actors.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <button type="submit">{t("apply")}</button>
        <Link href="/sources" className="link-button">{t("reset")}</Link>
      </form>
      <p role="status" data-testid="source-count">{t("results", { count: items.length })}</p>
      <div className="source-list">
        {items.map((item) => <SourceItemCard key={item.id} item={item} citedIn={citing[item.id] ?? []} />)}
      </div>
    </section>
  );
}
