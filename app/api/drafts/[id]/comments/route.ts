import { jsonBody, reply, route, searchParamsObject } from "../../../_lib/http";
import { threadListSchema, threadSchema } from "@/lib/contracts/comments";
import { createThread, listThreads } from "@/server/domain/comments";

export const GET = route<{ id: string }>(async ({ req, actor, params }) =>
  reply(threadListSchema, await listThreads(actor, params.id, searchParamsObject(req))),
);
export const POST = route<{ id: string }>(async ({ req, actor, params }) =>
  reply(threadSchema, await createThread(actor, params.id, await jsonBody(req))),
);
