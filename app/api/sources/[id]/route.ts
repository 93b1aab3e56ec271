import { reply, route } from "../../_lib/http";
import { sourceItemSchema } from "@/lib/contracts/sources";
import { getSource } from "@/server/domain/sources";

export const GET = route<{ id: string }>(async ({ actor, params }) => reply(sourceItemSchema, await getSource(actor, params.id)));
