import { route } from "../../../_lib/http";
import { listClauses } from "@/server/domain/drafts";

export const GET = route<{ id: string }>(async ({ actor, params }) => listClauses(actor, params.id));
