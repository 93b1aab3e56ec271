// GET ?lang=en|fr → the articles in that language's text (English by default).
import { reply, route, searchParamsObject } from "../../../_lib/http";
import { clauseListSchema } from "@/lib/contracts/drafts";
import { listClauses } from "@/server/domain/drafts";

export const GET = route<{ id: string }>(async ({ req, actor, params }) => reply(clauseListSchema, await listClauses(actor, params.id, searchParamsObject(req))));
