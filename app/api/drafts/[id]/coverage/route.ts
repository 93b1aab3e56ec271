import { reply, route, searchParamsObject } from "../../../_lib/http";
import { draftCoverageSchema } from "@/lib/contracts/coverage";
import { draftCoverage } from "@/server/domain/citations";

export const GET = route<{ id: string }>(async ({ req, actor, params }) =>
  reply(draftCoverageSchema, await draftCoverage(actor, params.id, searchParamsObject(req))),
);
