import { jsonBody, reply, route } from "../../../_lib/http";
import { versionListSchema, versionSchema } from "@/lib/contracts/versions";
import { createNamedVersion, listVersions } from "@/server/domain/versions";

export const GET = route<{ id: string }>(async ({ actor, params }) => reply(versionListSchema, await listVersions(actor, params.id)));
export const POST = route<{ id: string }>(async ({ req, actor, params }) =>
  reply(versionSchema, await createNamedVersion(actor, params.id, await jsonBody(req))),
);
