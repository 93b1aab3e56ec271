// Access to the live document: tokens for the browser, and the decision the collaboration
// server asks for at every upgrade and on every permission change.
import { db } from "@/server/db/client";
import { draftsRepo } from "@/server/db/repositories/drafts";
import { usedCollabTokensRepo } from "@/server/db/repositories/security";
import { COLLAB_TOKEN_TTL_MS, roomForDraft, signCollabToken } from "@/server/auth/collab-token";
import type { Actor } from "../actor";
import { authorize, can } from "../permissions";
import { actorFromUserId } from "../members";
import { getDraft } from ".";

export async function mintCollabAccess(actor: Actor | null, draftId: string, collabUrl: string) {
  authorize(actor, "draft:read");
  await getDraft(actor, draftId);
  const room = roomForDraft(draftId);
  const expiresAt = Date.now() + COLLAB_TOKEN_TTL_MS;
  return {
    url: collabUrl,
    room,
    token: signCollabToken({ sub: actor.id, room, exp: expiresAt }),
    mode: can(actor, "draft:edit") ? ("rw" as const) : ("ro" as const),
    expiresAt: new Date(expiresAt).toISOString(),
  };
}

let expiredForgottenAt = 0;

/**
 * A token opens one socket across every app process (several processes: the token ids are kept
 * in the database; one process also remembers them in memory). False when the id was used.
 */
export async function claimCollabTokenEverywhere(jti: string, expiresAtMs: number): Promise<boolean> {
  const now = Date.now();
  if (now - expiredForgottenAt > 60_000) {
    expiredForgottenAt = now;
    await usedCollabTokensRepo.forgetExpired(db(), new Date(now));
  }
  return usedCollabTokensRepo.claim(db(), jti, new Date(expiresAtMs));
}

/**
 * Read-write, read-only, or nothing, whether the draft's phase locks the text for this user, and
 * who the user is: decided from the database, not from the token. `mode` follows the role only
 * (a change closes the socket with 4410); `textLocked` follows the phase and switches on the open
 * socket.
 */
export async function collabAccessFor(userId: string, draftId: string) {
  const actor = await actorFromUserId(userId);
  if (!actor || !can(actor, "draft:read")) return "forbidden" as const;
  const phase = await draftsRepo.phaseOf(db(), draftId);
  if (phase === null) return "not_found" as const;
  // Who others see in presence: written by the server from the database, never by the client.
  return {
    mode: can(actor, "draft:edit") ? ("rw" as const) : ("ro" as const),
    // The role lets this user write, but the draft's phase does not right now (amendments, frozen):
    // the socket stays open and its document updates are dropped like a reader's.
    textLocked: !can(actor, "text:edit", { phase }),
    name: actor.name,
    delegation: actor.delegation,
    role: actor.role,
  };
}
