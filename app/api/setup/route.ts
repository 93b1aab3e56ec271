// POST { name, email, delegation, password }: the secretariat account of an empty server.
import { jsonBody, route } from "../_lib/http";
import { createFirstSecretariat } from "@/server/domain/members";

export const POST = route(async ({ req }) => {
  const user = await createFirstSecretariat(await jsonBody(req));
  return { id: user.id, email: user.email };
});
