import { reply, route, searchParamsObject } from "../_lib/http";
import { sourceItemListSchema } from "@/lib/contracts/sources";
import { searchSources } from "@/server/domain/sources";

export const GET = route(async ({ req, actor }) => reply(sourceItemListSchema, await searchSources(actor, searchParamsObject(req))));
