// POST { ids? }: marks the given notifications (or all) as read.
import { optionalJsonBody, route } from "../../_lib/http";
import { markNotificationsRead } from "@/server/domain/comments/notifications";

export const POST = route(async ({ req, actor }) => markNotificationsRead(actor, await optionalJsonBody(req)));
