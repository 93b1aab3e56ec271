import { jsonBody, route } from "../../_lib/http";
import { updateMember } from "@/server/domain/members";

export const PATCH = route<{ id: string }>(async ({ req, actor, params }) => updateMember(actor, params.id, await jsonBody(req)));
