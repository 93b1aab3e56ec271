import { jsonBody, reply, route } from "../../_lib/http";
import { memberSchema } from "@/lib/contracts/members";
import { updateMember } from "@/server/domain/members";

export const PATCH = route<{ id: string }>(async ({ req, actor, params }) => reply(memberSchema, await updateMember(actor, params.id, await jsonBody(req))));
