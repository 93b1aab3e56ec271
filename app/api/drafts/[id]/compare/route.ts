import { reply, route, searchParamsObject } from "../../../_lib/http";
import { comparisonSchema } from "@/lib/contracts/versions";
import { compareVersions } from "@/server/domain/versions";

export const GET = route<{ id: string }>(async ({ req, actor, params }) =>
  reply(comparisonSchema, await compareVersions(actor, params.id, searchParamsObject(req))),
);
