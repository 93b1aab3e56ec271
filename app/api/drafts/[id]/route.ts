import { route } from "../../_lib/http";
import { getDraft } from "@/server/domain/drafts";

export const GET = route<{ id: string }>(async ({ actor, params }) => getDraft(actor, params.id));
