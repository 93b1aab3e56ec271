// The signed-in actor for server components and route handlers: the session names the user,
// the database decides their current role (deactivation and role changes apply at once) and
// whether the session is still valid (sign-out raises the user's session version).
import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";
import { actorFromSession } from "@/server/domain/members";
import type { Actor } from "@/server/domain/actor";

export async function currentActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  const version = (session as { sv?: number } | null)?.sv ?? 0;
  return id ? actorFromSession(id, version) : null;
}
