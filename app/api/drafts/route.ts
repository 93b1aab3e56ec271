import { jsonBody, reply, route } from "../_lib/http";
import { draftListSchema, draftSchema } from "@/lib/contracts/drafts";
import { createDraft, listDrafts } from "@/server/domain/drafts";

export const GET = route(async ({ actor }) => reply(draftListSchema, await listDrafts(actor)));
export const POST = route(async ({ req, actor }) => reply(draftSchema, await createDraft(actor, await jsonBody(req))));
