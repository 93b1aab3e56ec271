// POST { sourceItemId, reason }: mark an item "deliberately not addressed" (members and up).
import { jsonBody, reply, route } from "../../../../_lib/http";
import { coverageDecisionResultSchema } from "@/lib/contracts/coverage";
import { markNotAddressed } from "@/server/domain/citations";

export const POST = route<{ id: string }>(async ({ req, actor, params }) =>
  reply(coverageDecisionResultSchema, await markNotAddressed(actor, params.id, await jsonBody(req))),
);
