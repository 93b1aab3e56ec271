import { jsonBody, reply, route } from "../../_lib/http";
import { draftSchema } from "@/lib/contracts/drafts";
import { getDraft, updateDraft } from "@/server/domain/drafts";

export const GET = route<{ id: string }>(async ({ actor, params }) => reply(draftSchema, await getDraft(actor, params.id)));
/** { phase: "editing" | "amendments" | "frozen" } (chair, secretariat). */
export const PATCH = route<{ id: string }>(async ({ req, actor, params }) =>
  reply(draftSchema, await updateDraft(actor, params.id, await jsonBody(req))),
);
