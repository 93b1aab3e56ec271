import { jsonBody, reply, route } from "../../../_lib/http";
import { bracketListSchema, bracketSchema } from "@/lib/contracts/brackets";
import { createBracket, listBrackets } from "@/server/domain/brackets";

export const GET = route<{ id: string }>(async ({ actor, params }) => reply(bracketListSchema, await listBrackets(actor, params.id)));
export const POST = route<{ id: string }>(async ({ req, actor, params }) =>
  reply(bracketSchema, await createBracket(actor, params.id, await jsonBody(req))),
);
