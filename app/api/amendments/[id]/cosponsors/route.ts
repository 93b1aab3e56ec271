import { reply, route } from "../../../_lib/http";
import { amendmentSchema } from "@/lib/contracts/amendments";
import { cosponsorAmendment } from "@/server/domain/amendments";

/** The caller's delegation joins the amendment as co-sponsor. */
export const POST = route<{ id: string }>(async ({ actor, params }) => reply(amendmentSchema, await cosponsorAmendment(actor, params.id)));
