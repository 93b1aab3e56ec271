// POST { sourceItemId, reason }: mark an item "deliberately not addressed" (members and up).
import { jsonBody, route } from "../../../../_lib/http";
import { markNotAddressed } from "@/server/domain/citations";

export const POST = route<{ id: string }>(async ({ req, actor, params }) => markNotAddressed(actor, params.id, await jsonBody(req)));
