// POST { text, keyPrefix, title, language?, confirm? }: preview (confirm false) or import.
import { jsonBody, route } from "../../_lib/http";
import { importOutcomeDocument } from "@/server/import/import-document";

export const POST = route(async ({ req, actor }) => importOutcomeDocument(actor, await jsonBody(req)));
