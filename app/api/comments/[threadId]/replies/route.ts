import { jsonBody, route } from "../../../_lib/http";
import { replyToThread } from "@/server/domain/comments";

export const POST = route<{ threadId: string }>(async ({ req, actor, params }) => replyToThread(actor, params.threadId, await jsonBody(req)));
