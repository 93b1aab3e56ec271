import { route } from "../_lib/http";
import { listNotifications } from "@/server/domain/comments/notifications";

export const GET = route(async ({ actor }) => listNotifications(actor));
