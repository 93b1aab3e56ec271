import { reply, route } from "../../../_lib/http";
import { alignmentListSchema } from "@/lib/contracts/alignment";
import { listAlignment } from "@/server/domain/alignment";

export const GET = route<{ id: string }>(async ({ actor, params }) => reply(alignmentListSchema, await listAlignment(actor, params.id)));
