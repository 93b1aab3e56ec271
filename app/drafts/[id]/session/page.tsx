import { orNotFound } from "../../../_lib/not-found";
import { requireActor } from "../../../_lib/guard";
import { getDraft, listClauses } from "@/server/domain/drafts";
import { can } from "@/server/domain/permissions";
import { DraftHeader } from "../DraftTabs";
import { SessionView } from "./SessionView";

/**
 * The session (issue 12): the chair and the secretariat step through the open amendments and
 * decide; everyone else sees the agenda and what is under consideration, live.
 */
export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/drafts/${id}/session`);
  const [draft, clauses] = await orNotFound(Promise.all([getDraft(actor, id), listClauses(actor, id)]));
  const articles = clauses.map((c) => ({ clauseId: c.clauseId, number: c.number, heading: c.heading, text: c.text }));
  return (
    <section className="session">
      <DraftHeader draftId={id} title={draft.title} current="session" />
      <SessionView draftId={id} initialArticles={articles} chairs={can(actor, "amendment:decide")} />
    </section>
  );
}
