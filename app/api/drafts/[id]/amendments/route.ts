import { jsonBody, reply, route, searchParamsObject } from "../../../_lib/http";
import { amendmentListSchema, amendmentSchema } from "@/lib/contracts/amendments";
import { createAmendment, listAmendments } from "@/server/domain/amendments";

export const GET = route<{ id: string }>(async ({ req, actor, params }) =>
  reply(amendmentListSchema, await listAmendments(actor, params.id, searchParamsObject(req))),
);
export const POST = route<{ id: string }>(async ({ req, actor, params }) =>
  reply(amendmentSchema, await createAmendment(actor, params.id, await jsonBody(req))),
);
