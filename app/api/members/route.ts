import { jsonBody, route } from "../_lib/http";
import { createMember, listMembers } from "@/server/domain/members";

export const GET = route(async ({ actor }) => listMembers(actor));
export const POST = route(async ({ req, actor }) => createMember(actor, await jsonBody(req)));
