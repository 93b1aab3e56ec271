// POST { ids? }: marks the given notifications (or all) as read.
import { optionalJsonBody, reply, route } from "../../_lib/http";
import { markReadResultSchema } from "@/lib/contracts/comments";
import { markNotificationsRead } from "@/server/domain/comments/notifications";

export const POST = route(async ({ req, actor }) => reply(markReadResultSchema, await markNotificationsRead(actor, await optionalJsonBody(req))));
