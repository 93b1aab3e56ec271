// Short-lived signed tokens that let a browser open the collaboration socket of one draft.
// The session cookie never travels to the websocket; the token names user, room and expiry.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export const COLLAB_TOKEN_TTL_MS = 2 * 60 * 1000;

export interface CollabClaims {
  sub: string; // user id
  room: string; // "draft.<id>"
  exp: number; // ms since epoch
  jti: string; // token id: a token opens one socket
}

export type TokenCheck = { ok: true; claims: CollabClaims } | { ok: false; reason: "missing" | "malformed" | "bad_signature" | "expired" | "wrong_room" | "already_used" };

function secret(): string {
  const value = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!value) throw new Error("AUTH_SECRET is not set");
  return value;
}

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString("base64url");
const sign = (payload: string) => createHmac("sha256", "collab:" + secret()).update(payload).digest();

export const roomForDraft = (draftId: string) => `draft.${draftId}`;
export const draftIdOfRoom = (room: string) => (/^draft\.([A-Za-z0-9_-]{1,64})$/.exec(room)?.[1] ?? null);

export function signCollabToken(claims: Omit<CollabClaims, "jti"> & { jti?: string }): string {
  const payload = b64(JSON.stringify({ ...claims, jti: claims.jti ?? randomUUID() }));
  return `${payload}.${b64(sign(payload))}`;
}

export function verifyCollabToken(token: string | null | undefined, room: string, now = Date.now()): TokenCheck {
  if (!token) return { ok: false, reason: "missing" };
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: "malformed" };
  const expected = sign(payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  let claims: CollabClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof claims !== "object" || claims === null || typeof claims.jti !== "string" || typeof claims.sub !== "string") return { ok: false, reason: "malformed" };
  if (typeof claims.exp !== "number" || claims.exp < now) return { ok: false, reason: "expired" };
  if (claims.room !== room) return { ok: false, reason: "wrong_room" };
  return { ok: true, claims };
}

/**
 * Token ids already used to open a socket, kept until the token expires (after that the expiry
 * check refuses it anyway). A leaked or logged URL therefore cannot open a second socket.
 */
export class UsedCollabTokens {
  private readonly expiries = new Map<string, number>();
  private nextSweep = 0;

  /** True the first time a token id is seen; false when it was used before. */
  consume(claims: CollabClaims, now = Date.now()): boolean {
    if (now >= this.nextSweep) {
      for (const [jti, exp] of this.expiries) if (exp < now) this.expiries.delete(jti);
      this.nextSweep = now + 30_000;
    }
    if (this.expiries.has(claims.jti)) return false;
    this.expiries.set(claims.jti, claims.exp);
    return true;
  }

  get size(): number {
    return this.expiries.size;
  }
}
