import { jsonBody, route } from "../../_lib/http";
import { getThread, updateThread } from "@/server/domain/comments";

export const GET = route<{ threadId: string }>(async ({ actor, params }) => getThread(actor, params.threadId));
export const PATCH = route<{ threadId: string }>(async ({ req, actor, params }) => updateThread(actor, params.threadId, await jsonBody(req)));
