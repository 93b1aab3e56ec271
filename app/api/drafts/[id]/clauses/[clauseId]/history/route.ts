import { reply, route } from "../../../../../_lib/http";
import { clauseHistorySchema } from "@/lib/contracts/versions";
import { clauseHistory } from "@/server/domain/versions";

export const GET = route<{ id: string; clauseId: string }>(async ({ actor, params }) =>
  reply(clauseHistorySchema, await clauseHistory(actor, params.id, params.clauseId)),
);
