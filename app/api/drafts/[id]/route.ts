import { reply, route } from "../../_lib/http";
import { draftSchema } from "@/lib/contracts/drafts";
import { getDraft } from "@/server/domain/drafts";

export const GET = route<{ id: string }>(async ({ actor, params }) => reply(draftSchema, await getDraft(actor, params.id)));
