// POST { name, email, delegation, password }: the secretariat account of an empty server.
import { jsonBody, reply, route } from "../_lib/http";
import { setupResultSchema } from "@/lib/contracts/members";
import { createFirstSecretariat } from "@/server/domain/members";

export const POST = route(async ({ req }) => {
  const user = await createFirstSecretariat(await jsonBody(req));
  return reply(setupResultSchema, { id: user.id, email: user.email });
});
