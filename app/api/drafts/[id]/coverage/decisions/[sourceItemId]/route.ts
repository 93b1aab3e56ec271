import { reply, route } from "../../../../../_lib/http";
import { coverageDecisionClearedSchema } from "@/lib/contracts/coverage";
import { clearNotAddressed } from "@/server/domain/citations";

export const DELETE = route<{ id: string; sourceItemId: string }>(async ({ actor, params }) =>
  reply(coverageDecisionClearedSchema, await clearNotAddressed(actor, params.id, params.sourceItemId)),
);
