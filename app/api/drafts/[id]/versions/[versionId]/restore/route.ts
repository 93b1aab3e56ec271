import { reply, route } from "../../../../../_lib/http";
import { versionSchema } from "@/lib/contracts/versions";
import { restoreVersion } from "@/server/domain/versions";

export const POST = route<{ id: string; versionId: string }>(async ({ actor, params }) =>
  reply(versionSchema.nullable(), await restoreVersion(actor, params.id, params.versionId)),
);
