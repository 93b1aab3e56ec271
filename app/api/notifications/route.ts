import { route } from "../_lib/http";
import { listNotifications } from "@/server/domain/comments";

export const GET = route(async ({ actor }) => listNotifications(actor));
