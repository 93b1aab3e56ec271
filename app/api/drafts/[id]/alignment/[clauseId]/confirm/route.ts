import { reply, route } from "../../../../../_lib/http";
import { alignmentEntrySchema } from "@/lib/contracts/alignment";
import { confirmAlignment } from "@/server/domain/alignment";

export const POST = route<{ id: string; clauseId: string }>(async ({ actor, params }) =>
  reply(alignmentEntrySchema, await confirmAlignment(actor, params.id, params.clauseId)),
);
