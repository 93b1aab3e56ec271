import { jsonBody, reply, route } from "../../_lib/http";
import { threadSchema } from "@/lib/contracts/comments";
import { getThread, updateThread } from "@/server/domain/comments";

export const GET = route<{ threadId: string }>(async ({ actor, params }) => reply(threadSchema, await getThread(actor, params.threadId)));
export const PATCH = route<{ threadId: string }>(async ({ req, actor, params }) =>
  reply(threadSchema, await updateThread(actor, params.threadId, await jsonBody(req))),
);
