import { route } from "../../../../_lib/http";
import { getVersion } from "@/server/domain/versions";

export const GET = route<{ id: string; versionId: string }>(async ({ actor, params }) => getVersion(actor, params.id, params.versionId));
