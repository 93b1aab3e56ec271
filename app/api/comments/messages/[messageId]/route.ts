import { jsonBody, route } from "../../../_lib/http";
import { deleteMessage, editMessage } from "@/server/domain/comments";

export const PATCH = route<{ messageId: string }>(async ({ req, actor, params }) => editMessage(actor, params.messageId, await jsonBody(req)));
export const DELETE = route<{ messageId: string }>(async ({ actor, params }) => deleteMessage(actor, params.messageId));
