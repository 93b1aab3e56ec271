import { route } from "../../../../../_lib/http";
import { restoreVersion } from "@/server/domain/versions";

export const POST = route<{ id: string; versionId: string }>(async ({ actor, params }) => restoreVersion(actor, params.id, params.versionId));
