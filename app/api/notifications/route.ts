import { reply, route } from "../_lib/http";
import { notificationListSchema } from "@/lib/contracts/comments";
import { listNotifications } from "@/server/domain/comments/notifications";

export const GET = route(async ({ actor }) => reply(notificationListSchema, await listNotifications(actor)));
