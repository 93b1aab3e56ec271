import { describe, expect, it } from "vitest";
import { UsedCollabTokens, draftIdOfRoom, signCollabToken, verifyCollabToken } from "@/server/auth/collab-token";

describe("collaboration tokens", () => {
  const room = "draft.abc";
  it("accepts a fresh token for its room only", () => {
    const token = signCollabToken({ sub: "u1", room, exp: Date.now() + 1000 });
    expect(verifyCollabToken(token, room)).toMatchObject({ ok: true, claims: { sub: "u1" } });
    expect(verifyCollabToken(token, "draft.other")).toEqual({ ok: false, reason: "wrong_room" });
  });
  it("refuses missing, expired, tampered and malformed tokens", () => {
    const token = signCollabToken({ sub: "u1", room, exp: Date.now() - 1 });
    expect(verifyCollabToken(undefined, room)).toEqual({ ok: false, reason: "missing" });
    expect(verifyCollabToken(token, room)).toEqual({ ok: false, reason: "expired" });
    const [payload, sig] = signCollabToken({ sub: "u1", room, exp: Date.now() + 1000 }).split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "admin", room, exp: Date.now() + 1000 })).toString("base64url");
    expect(verifyCollabToken(`${forged}.${sig}`, room)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyCollabToken(`${payload}`, room)).toEqual({ ok: false, reason: "malformed" });
  });
  it("gives every token its own id, and remembers used ids until they expire", () => {
    const a = verifyCollabToken(signCollabToken({ sub: "u1", room, exp: Date.now() + 1000 }), room);
    const b = verifyCollabToken(signCollabToken({ sub: "u1", room, exp: Date.now() + 1000 }), room);
    if (!a.ok || !b.ok) throw new Error("tokens refused");
    expect(a.claims.jti).not.toBe(b.claims.jti);
    const used = new UsedCollabTokens();
    expect(used.consume(a.claims)).toBe(true);
    expect(used.consume(a.claims)).toBe(false);
    expect(used.consume(b.claims)).toBe(true);
    used.consume({ ...b.claims, jti: "later" }, Date.now() + 60_000); // a sweep after both expired
    expect(used.size).toBe(1);
  });
  it("names rooms draft.<id>", () => {
    expect(draftIdOfRoom("draft.cm123")).toBe("cm123");
    expect(draftIdOfRoom("draft.../etc")).toBeNull();
  });
});
