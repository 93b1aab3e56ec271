import { jsonBody, reply, route } from "../../../_lib/http";
import { threadSchema } from "@/lib/contracts/comments";
import { deleteMessage, editMessage } from "@/server/domain/comments";

export const PATCH = route<{ messageId: string }>(async ({ req, actor, params }) =>
  reply(threadSchema, await editMessage(actor, params.messageId, await jsonBody(req))),
);
export const DELETE = route<{ messageId: string }>(async ({ actor, params }) => reply(threadSchema, await deleteMessage(actor, params.messageId)));
