import { jsonBody, reply, route } from "../../../_lib/http";
import { threadSchema } from "@/lib/contracts/comments";
import { replyToThread } from "@/server/domain/comments";

export const POST = route<{ threadId: string }>(async ({ req, actor, params }) =>
  reply(threadSchema, await replyToThread(actor, params.threadId, await jsonBody(req))),
);
