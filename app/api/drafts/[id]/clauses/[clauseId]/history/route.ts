import { route } from "../../../../../_lib/http";
import { clauseHistory } from "@/server/domain/versions";

export const GET = route<{ id: string; clauseId: string }>(async ({ actor, params }) => clauseHistory(actor, params.id, params.clauseId));
