import { reply, route } from "../../_lib/http";
import { bracketRemovedSchema } from "@/lib/contracts/brackets";
import { removeBracket } from "@/server/domain/brackets";

export const DELETE = route<{ id: string }>(async ({ actor, params }) => reply(bracketRemovedSchema, await removeBracket(actor, params.id)));
