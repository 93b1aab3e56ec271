import { jsonBody, reply, route } from "../_lib/http";
import { memberListSchema, memberSchema } from "@/lib/contracts/members";
import { createMember, listMembers } from "@/server/domain/members";

export const GET = route(async ({ actor }) => reply(memberListSchema, await listMembers(actor)));
export const POST = route(async ({ req, actor }) => reply(memberSchema, await createMember(actor, await jsonBody(req))));
