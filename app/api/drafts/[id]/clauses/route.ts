import { reply, route } from "../../../_lib/http";
import { clauseListSchema } from "@/lib/contracts/drafts";
import { listClauses } from "@/server/domain/drafts";

export const GET = route<{ id: string }>(async ({ actor, params }) => reply(clauseListSchema, await listClauses(actor, params.id)));
