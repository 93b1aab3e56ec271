import { jsonBody, reply, route } from "../../_lib/http";
import { amendmentSchema } from "@/lib/contracts/amendments";
import { getAmendment, updateAmendment } from "@/server/domain/amendments";

export const GET = route<{ id: string }>(async ({ actor, params }) => reply(amendmentSchema, await getAmendment(actor, params.id)));
export const PATCH = route<{ id: string }>(async ({ req, actor, params }) =>
  reply(amendmentSchema, await updateAmendment(actor, params.id, await jsonBody(req))),
);
