import { route } from "../../../../../_lib/http";
import { clearNotAddressed } from "@/server/domain/citations";

export const DELETE = route<{ id: string; sourceItemId: string }>(async ({ actor, params }) => clearNotAddressed(actor, params.id, params.sourceItemId));
