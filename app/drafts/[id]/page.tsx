import { orNotFound } from "../../_lib/not-found";
import { requireActor } from "../../_lib/guard";
import { getDraft } from "@/server/domain/drafts";
import { can } from "@/server/domain/permissions";
import { CharterEditor } from "./CharterEditor";

export default async function DraftPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/drafts/${id}`);
  const draft = await orNotFound(getDraft(actor, id));
  return (
    <CharterEditor
      draftId={draft.id}
      title={draft.title}
      canEdit={can(actor, "draft:edit")}
      user={{ id: actor.id, name: actor.name, delegation: actor.delegation }}
      amendmentAbilities={{
        userId: actor.id,
        delegation: actor.delegation,
        propose: can(actor, "amendment:propose"),
        // The rule with a sponsor of no delegation: "could this person co-sponsor someone else's?"
        cosponsor: can(actor, "amendment:cosponsor", { sponsorDelegation: "" }),
      }}
      commentAbilities={{ userId: actor.id, comment: can(actor, "draft:comment"), edit: can(actor, "draft:edit"), lead: can(actor, "comment:resolve", { threadAuthorId: "" }) }}
      phaseProps={{
        initial: draft.phase,
        // The one rule (permissions "text:edit"), answered for each phase so the editor follows a change at once.
        editableIn: { editing: can(actor, "text:edit", { phase: "editing" }), amendments: can(actor, "text:edit", { phase: "amendments" }), frozen: can(actor, "text:edit", { phase: "frozen" }) },
        canSet: can(actor, "draft:phase"),
        canBracket: can(actor, "passage:bracket"),
        readsOnly: !can(actor, "draft:edit"),
      }}
    />
  );
}
