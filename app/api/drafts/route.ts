import { jsonBody, route } from "../_lib/http";
import { createDraft, listDrafts } from "@/server/domain/drafts";

export const GET = route(async ({ actor }) => listDrafts(actor));
export const POST = route(async ({ req, actor }) => createDraft(actor, await jsonBody(req)));
