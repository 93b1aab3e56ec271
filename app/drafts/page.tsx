import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireActor } from "../_lib/guard";
import { listDrafts } from "@/server/domain/drafts";
import { abilities } from "@/server/domain/permissions";
import { NewDraftForm } from "./NewDraftForm";

export default async function DraftsPage() {
  const actor = await requireActor("/drafts");
  const [drafts, t, format] = await Promise.all([listDrafts(actor), getTranslations("drafts"), getFormatter()]);
  const can = abilities(actor);
  return (
    <section>
      <h1>{t("title")}</h1>
      {drafts.length === 0 && <p>{can.createDraft ? t("emptySecretariat") : t("empty")}</p>}
      <ul className="cards">
        {drafts.map((d) => (
          <li key={d.id} className="card">
            <Link href={`/drafts/${d.id}`} className="card-title">{d.title}</Link>
            <p className="muted">
              {t("clauses", { count: d.clauses })} · {t("updated", { date: format.dateTime(d.updatedAt, { dateStyle: "medium", timeStyle: "short" }) })} · {t("createdBy", { name: d.createdBy })}
            </p>
          </li>
        ))}
      </ul>
      {can.createDraft && <NewDraftForm />}
    </section>
  );
}
