import { reply, route } from "../_lib/http";
import { meSchema } from "@/lib/contracts/members";
import { abilities } from "@/server/domain/permissions";
import { DomainError } from "@/server/domain/errors";

export const GET = route(async ({ actor }) => {
  if (!actor) throw new DomainError("unauthenticated", "Sign in to continue.");
  return reply(meSchema, { ...actor, abilities: abilities(actor) });
});
