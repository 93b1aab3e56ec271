import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { orNotFound } from "../../../_lib/not-found";
import { requireActor } from "../../../_lib/guard";
import { getDraft } from "@/server/domain/drafts";
import { listVersions, type VersionDto } from "@/server/domain/versions";
import { abilities } from "@/server/domain/permissions";
import { DraftHeader } from "../DraftTabs";
import { NameVersionForm, RestoreButton } from "./HistoryActions";
import { versionLabel } from "./version-label";

type Listed = VersionDto & { editors: string[] };

export default async function HistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/drafts/${id}/history`);
  const draft = await orNotFound(getDraft(actor, id));
  const [versions, t, tL, format] = await Promise.all([listVersions(actor, id), getTranslations("history"), getTranslations("historyLanguages"), getFormatter()]);
  const can = abilities(actor);
  // Named and restore versions stand out; runs of automatic versions between them fold away.
  const groups: { prominent: Listed | null; autos: Listed[] }[] = [];
  for (const v of versions) {
    if (v.kind === "auto") {
      const last = groups[groups.length - 1];
      if (last && last.prominent === null) last.autos.push(v);
      else groups.push({ prominent: null, autos: [v] });
    } else groups.push({ prominent: v, autos: [] });
  }
  const label = (v: Listed) => versionLabel({ ...v, restoredFrom: v.summary.restoredFrom }, t, (d) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }));

  const entry = (v: Listed) => (
    <li key={v.id} className={`version version-${v.kind}`} data-testid="version" data-name={v.name ?? ""}>
      <div className="version-head">
        <strong>{label(v)}</strong>
        <span className="badge">{t(v.kind === "named" ? "named" : v.kind === "restore" ? "restore" : "auto")}</span>
        <span className="muted">{format.dateTime(v.createdAt, { dateStyle: "medium", timeStyle: "short" })}{v.author ? ` · ${t("by", { name: v.author.name })}` : ""}</span>
      </div>
      {v.note && <p>{v.note}</p>}
      {v.summary.restoredFrom && <p className="muted">{t("restored", { name: v.summary.restoredFrom.name ?? "—" })}</p>}
      {v.summary.changedByLang && <p className="muted" data-testid="changed-by-lang">{tL("changedByLang", v.summary.changedByLang)}</p>}
      {!v.hasFrench && <p className="muted" data-testid="no-french">{tL("noFrench")}</p>}
      <p className="muted">{t("summary", { added: v.summary.added, removed: v.summary.removed, changed: v.summary.changed, citationsAdded: v.summary.citationsAdded, citationsRemoved: v.summary.citationsRemoved })} · {v.editors.length ? t("editors", { names: v.editors.join(", ") }) : t("noEditors")}</p>
      <p className="version-actions">
        <Link href={`/drafts/${id}/history/${v.id}`}>{t("view")}</Link>
        <Link href={`/drafts/${id}/compare?from=${v.id}&to=current`}>{t("compareWithCurrent")}</Link>
        {can.restoreVersion && <RestoreButton draftId={id} versionId={v.id} name={label(v)} />}
      </p>
    </li>
  );

  return (
    <section>
      <DraftHeader draftId={id} title={draft.title} current="history" />
      <h2>{t("title")}</h2>
      {can.nameVersion && <NameVersionForm draftId={id} />}
      {versions.length > 1 && (
        <form className="filters" method="get" action={`/drafts/${id}/compare`}>
          <label>{t("from")}
            <select name="from" defaultValue={versions[versions.length > 1 ? 1 : 0].id}>
              {versions.map((v) => <option key={v.id} value={v.id}>{label(v)}</option>)}
            </select>
          </label>
          <label>{t("to")}
            <select name="to" defaultValue={versions[0].id}>
              <option value="current">{t("current")}</option>
              {versions.map((v) => <option key={v.id} value={v.id}>{label(v)}</option>)}
            </select>
          </label>
          <button type="submit">{t("compare")}</button>
        </form>
      )}
      {versions.length === 0 && <p>{t("empty")}</p>}
      <ol className="timeline">
        {groups.map((g, i) =>
          g.prominent ? entry(g.prominent) : (
            <li key={`autos-${i}`} className="version-autos">
              <details>
                <summary>{t("automaticCount", { count: g.autos.length })}</summary>
                <ol className="timeline">{g.autos.map(entry)}</ol>
              </details>
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
