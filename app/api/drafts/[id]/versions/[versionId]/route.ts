import { reply, route } from "../../../../_lib/http";
import { versionDetailSchema } from "@/lib/contracts/versions";
import { getVersion } from "@/server/domain/versions";

export const GET = route<{ id: string; versionId: string }>(async ({ actor, params }) =>
  reply(versionDetailSchema, await getVersion(actor, params.id, params.versionId)),
);
