import { route } from "../../_lib/http";
import { getSource } from "@/server/domain/sources";

export const GET = route<{ id: string }>(async ({ actor, params }) => getSource(actor, params.id));
