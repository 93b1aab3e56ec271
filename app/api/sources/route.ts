import { route, searchParamsObject } from "../_lib/http";
import { searchSources } from "@/server/domain/sources";

export const GET = route(async ({ req, actor }) => searchSources(actor, searchParamsObject(req)));
