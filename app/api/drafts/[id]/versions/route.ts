import { jsonBody, route } from "../../../_lib/http";
import { createNamedVersion, listVersions } from "@/server/domain/versions";

export const GET = route<{ id: string }>(async ({ actor, params }) => listVersions(actor, params.id));
export const POST = route<{ id: string }>(async ({ req, actor, params }) => createNamedVersion(actor, params.id, await jsonBody(req)));
