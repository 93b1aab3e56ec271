import { reply, route } from "../../../_lib/http";
import { sourceCitationListSchema } from "@/lib/contracts/sources";
import { citationsOfSource } from "@/server/domain/citations";

export const GET = route<{ id: string }>(async ({ actor, params }) => reply(sourceCitationListSchema, await citationsOfSource(actor, params.id)));
