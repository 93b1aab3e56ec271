// POST { text, keyPrefix, title, language?, confirm? }: preview (confirm false) or import.
import { jsonBody, reply, route } from "../../_lib/http";
import { importResultSchema } from "@/lib/contracts/sources";
import { importOutcomeDocument } from "@/server/import/import-document";

export const POST = route(async ({ req, actor }) => reply(importResultSchema, await importOutcomeDocument(actor, await jsonBody(req))));
