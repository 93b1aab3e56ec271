// Test data through the domain functions, like every other caller.
import { SYSTEM_ACTOR, type Actor } from "@/server/domain/actor";
import { createMember, toActor } from "@/server/domain/members";
import { createDraft } from "@/server/domain/drafts";
import type { Role } from "@/lib/roles";
import type { BlockSpec } from "@/lib/editor/ydoc";

let counter = 0;

export async function makeActor(role: Role, name?: string, delegation?: string): Promise<Actor> {
  counter++;
  const user = await createMember(SYSTEM_ACTOR, {
    email: `${role}${counter}-${Date.now()}@test.example`,
    name: name ?? `${role} ${counter}`,
    delegation: delegation ?? `Delegation ${counter}`,
    role,
    password: "correct horse battery",
  });
  return toActor(user)!;
}

/** A member speaking for a named delegation (amendments are sponsored by delegations). */
export const memberOf = (delegation: string, name: string) => makeActor("member", name, delegation);

export async function makeDraft(owner: Actor, title = "Test draft", content?: BlockSpec[]) {
  return createDraft(owner, { title }, content);
}
