import { route, searchParamsObject } from "../../../_lib/http";
import { compareVersions } from "@/server/domain/versions";

export const GET = route<{ id: string }>(async ({ req, actor, params }) => compareVersions(actor, params.id, searchParamsObject(req)));
