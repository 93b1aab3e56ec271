import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { orNotFound } from "../../../_lib/not-found";
import { requireActor } from "../../../_lib/guard";
import { getDraft, listClauses } from "@/server/domain/drafts";
import { listThreads } from "@/server/domain/comments";
import { CommentBody } from "../../../_components/CommentBody";
import { DraftHeader } from "../DraftTabs";

/** Every open and orphaned thread of a draft, by article: what is still open before a meeting. */
export default async function DraftCommentsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/drafts/${id}/comments`);
  const [draft, threads, clauses] = await orNotFound(Promise.all([getDraft(actor, id), listThreads(actor, id), listClauses(actor, id)]));
  const [t, tE] = await Promise.all([getTranslations("comments"), getTranslations("editor")]);
  const open = threads.filter((th) => th.status !== "resolved");
  const numberOf = new Map(clauses.map((c) => [c.clauseId, c.number]));
  const sorted = [...open].sort((a, b) => (numberOf.get(a.clauseId ?? "") ?? 1e9) - (numberOf.get(b.clauseId ?? "") ?? 1e9));
  return (
    <section>
      <DraftHeader draftId={id} title={draft.title} current="comments" />
      <h2>{t("allOpen")}</h2>
      <p className="muted">{t("count", { count: open.length })}</p>
      <ul className="threads">
        {sorted.map((th) => (
          <li key={th.id} className={`thread thread-${th.status}`} data-testid="overview-thread">
            <p>
              {th.clauseId && numberOf.has(th.clauseId) && <span className="badge">{tE("article", { number: numberOf.get(th.clauseId)! })}</span>}{" "}
              <span className={th.status === "orphaned" ? "warn" : ""}>{t(`status.${th.status}`)}</span>{" "}
              <em>«{th.anchor.exact || t("wholeClause")}»</em>
            </p>
            {th.comments.map((m) => (
              <div key={m.id} className="message">
                <p className="message-head"><strong>{m.author.name}</strong>{m.author.delegation && <span className="muted"> · {m.author.delegation}</span>}</p>
                <div className="message-body">{m.deleted ? <span className="muted">{t("deleted")}</span> : <CommentBody body={m.body} />}</div>
              </div>
            ))}
            <Link href={`/drafts/${id}?thread=${th.id}`}>{t("open")}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
