import { jsonBody, route, searchParamsObject } from "../../../_lib/http";
import { createThread, listThreads } from "@/server/domain/comments";

export const GET = route<{ id: string }>(async ({ req, actor, params }) => listThreads(actor, params.id, searchParamsObject(req)));
export const POST = route<{ id: string }>(async ({ req, actor, params }) => createThread(actor, params.id, await jsonBody(req)));
