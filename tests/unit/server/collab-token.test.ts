import { describe, expect, it } from "vitest";
import { draftIdOfRoom, signCollabToken, verifyCollabToken } from "@/server/auth/collab-token";

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
  it("names rooms draft.<id>", () => {
    expect(draftIdOfRoom("draft.cm123")).toBe("cm123");
    expect(draftIdOfRoom("draft.../etc")).toBeNull();
  });
});
