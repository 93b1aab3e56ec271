import { route } from "../_lib/http";
import { abilities } from "@/server/domain/permissions";
import { DomainError } from "@/server/domain/errors";

export const GET = route(async ({ actor }) => {
  if (!actor) throw new DomainError("unauthenticated", "Sign in to continue.");
  return { ...actor, abilities: abilities(actor) };
});
