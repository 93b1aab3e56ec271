import { route, searchParamsObject } from "../../../_lib/http";
import { draftCoverage } from "@/server/domain/citations";

export const GET = route<{ id: string }>(async ({ req, actor, params }) => draftCoverage(actor, params.id, searchParamsObject(req)));
