// Committee members: the first secretariat account, invitations, roles, sign-in checks.
import { db } from "@/server/db/client";
import { usersRepo, type UserRow } from "@/server/db/repositories/users";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { firstAccountSchema, localeSchema, memberUpdateSchema, newMemberSchema } from "@/lib/contracts/members";
import { isRole } from "@/lib/roles";
import type { Actor } from "../actor";
import { DomainError, notFound } from "../errors";
import { authorize } from "../permissions";
import { recordAudit } from "../audit/record";
import { parseInput } from "../validate";
import { emitDomainEvent } from "../events";

export function toActor(user: UserRow): Actor | null {
  if (!user.active || !isRole(user.role)) return null;
  return { id: user.id, role: user.role, name: user.name, email: user.email, delegation: user.delegation, locale: user.locale };
}

export async function needsFirstAccount(): Promise<boolean> {
  return (await usersRepo.count(db())) === 0;
}

/** Creates the secretariat account on an empty server; refused once anyone exists. */
export async function createFirstSecretariat(input: unknown) {
  const { password, ...data } = parseInput(firstAccountSchema, input);
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    if ((await usersRepo.count(tx)) > 0) {
      throw new DomainError("conflict", "The workspace already has accounts. Sign in instead.");
    }
    const user = await usersRepo.create(tx, { ...data, passwordHash, role: "secretariat" });
    await recordAudit(tx, toActor(user)!, "member.create_first", { type: "user", id: user.id }, { email: user.email });
    return user;
  });
}

export async function createMember(actor: Actor | null, input: unknown) {
  authorize(actor, "member:manage");
  const data = parseInput(newMemberSchema, input);
  const passwordHash = await hashPassword(data.password);
  return db().$transaction(async (tx) => {
    if (await usersRepo.findByEmail(tx, data.email)) {
      throw new DomainError("conflict", `An account for ${data.email} already exists.`);
    }
    const user = await usersRepo.create(tx, {
      email: data.email,
      name: data.name,
      delegation: data.delegation,
      role: data.role,
      passwordHash,
    });
    await recordAudit(tx, actor, "member.create", { type: "user", id: user.id }, { email: user.email, role: user.role });
    return user;
  });
}

export async function listMembers(actor: Actor | null) {
  authorize(actor, "member:list");
  return usersRepo.list(db());
}

export async function updateMember(actor: Actor | null, userId: string, input: unknown) {
  authorize(actor, "member:manage");
  const data = parseInput(memberUpdateSchema, input);
  const updated = await db().$transaction(async (tx) => {
    const existing = await usersRepo.findById(tx, userId);
    if (!existing) throw notFound("The member");
    if (existing.id === actor.id && (data.role && data.role !== "secretariat" || data.active === false)) {
      throw new DomainError("invalid", "You cannot remove your own secretariat access.");
    }
    const user = await usersRepo.update(tx, userId, data);
    await recordAudit(tx, actor, "member.update", { type: "user", id: userId }, data);
    return user;
  });
  emitDomainEvent("member.changed", userId);
  return updated;
}

export async function setPreferredLocale(actor: Actor | null, input: unknown) {
  if (!actor) throw new DomainError("unauthenticated", "Sign in to continue.");
  const { locale } = parseInput(localeSchema, input);
  await usersRepo.update(db(), actor.id, { locale });
  return locale;
}

/** Checks a sign-in; null for unknown email, wrong password or a deactivated account alike. */
export async function verifyCredentials(email: string, password: string): Promise<Actor | null> {
  const row = await usersRepo.findCredentials(db(), email.trim().toLowerCase());
  if (!row) {
    await verifyPassword(password, DUMMY_HASH); // same time whether or not the account exists
    return null;
  }
  if (!(await verifyPassword(password, row.passwordHash))) return null;
  return toActor(row);
}
const DUMMY_HASH = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5ZyT0y1p1sYw5K1j8E9F2x8cVv2F1aS";

/** The current state of a signed-in user: role changes and deactivation apply at once. */
export async function actorFromUserId(userId: string): Promise<Actor | null> {
  const user = await usersRepo.findById(db(), userId);
  return user ? toActor(user) : null;
}

/**
 * The actor of a session cookie, or null when the session was ended: signing out raises the
 * user's session version, so a copied cookie stops working although its signature is still valid.
 */
export async function actorFromSession(userId: string, sessionVersion: number): Promise<Actor | null> {
  const user = await usersRepo.findForSession(db(), userId);
  return user && user.sessionVersion === sessionVersion ? toActor(user) : null;
}

/** The version a new session of this user carries. */
export async function sessionVersionOf(userId: string): Promise<number> {
  return (await usersRepo.findForSession(db(), userId))?.sessionVersion ?? 0;
}

/** Ends every session of the user (sign-out). */
export async function endSessions(userId: string): Promise<void> {
  await usersRepo.bumpSessionVersion(db(), userId);
}
