import "server-only";
import { redirect } from "next/navigation";
import { currentActor } from "./actor";
import type { Actor } from "@/server/domain/actor";

/** Pages for signed-in users send everyone else to the sign-in page. */
export async function requireActor(path: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  return actor;
}
