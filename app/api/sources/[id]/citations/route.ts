import { route } from "../../../_lib/http";
import { citationsOfSource } from "@/server/domain/citations";

export const GET = route<{ id: string }>(async ({ actor, params }) => citationsOfSource(actor, params.id));
