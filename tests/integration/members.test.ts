import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/db";
import { createFirstSecretariat, createMember, listMembers, updateMember, verifyCredentials, needsFirstAccount, actorFromUserId } from "@/server/domain/members";
import { createDraft, listDrafts } from "@/server/domain/drafts";
import { db } from "@/server/db/client";
import type { Actor } from "@/server/domain/actor";
import { overTheWire } from "../helpers/contract";
import { memberListSchema, memberSchema } from "@/lib/contracts/members";

describe("members and accounts", () => {
  let salma: Actor;
  beforeAll(async () => {
    await useFreshDatabase();
  });

  it("creates the secretariat account on an empty server, once", async () => {
    expect(await needsFirstAccount()).toBe(true);
    const user = await createFirstSecretariat({ name: "Salma", email: "Salma@Secretariat.test ", password: "long enough password", delegation: "" });
    salma = (await actorFromUserId(user.id))!;
    expect(salma).toMatchObject({ role: "secretariat", email: "salma@secretariat.test" });
    await expect(createFirstSecretariat({ name: "X", email: "x@x.test", password: "long enough password" })).rejects.toMatchObject({ code: "conflict" });
    const stored = await db().user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
    expect(stored!.passwordHash).not.toContain("long enough");
    expect(stored!.passwordHash).toMatch(/^\$2[aby]\$/);
  });

  it("checks credentials: right, wrong, unknown, deactivated", async () => {
    const member = overTheWire(memberSchema, await createMember(salma, { email: "aminata@sn.test", name: "Aminata", delegation: "Senegal", role: "member", password: "password-1234" }));
    expect(await verifyCredentials("AMINATA@sn.test", "password-1234")).toMatchObject({ id: member.id, role: "member" });
    expect(await verifyCredentials("aminata@sn.test", "wrong-password")).toBeNull();
    expect(await verifyCredentials("nobody@sn.test", "password-1234")).toBeNull();
    await updateMember(salma, member.id, { active: false });
    expect(await verifyCredentials("aminata@sn.test", "password-1234")).toBeNull();
    expect(await actorFromUserId(member.id)).toBeNull();
  });

  it("validates input and permissions at the boundary", async () => {
    const observer = (await actorFromUserId((overTheWire(memberSchema, await createMember(salma, { email: "obs@unhcr.test", name: "Obs", role: "observer", password: "password-1234" }))).id))!;
    await expect(createMember(salma, { email: "not-an-email", name: "X", role: "member", password: "password-1234" })).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/email/) });
    await expect(createMember(salma, { email: "y@y.test", name: "Y", role: "emperor", password: "password-1234" })).rejects.toMatchObject({ code: "invalid" });
    await expect(createMember(salma, { email: "obs@unhcr.test", name: "Dup", role: "member", password: "password-1234" })).rejects.toMatchObject({ code: "conflict" });
    await expect(createMember(observer, { email: "z@z.test", name: "Z", role: "member", password: "password-1234" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateMember(salma, salma.id, { role: "member" })).rejects.toMatchObject({ code: "invalid" });
    await expect(createDraft(observer, { title: "No" })).rejects.toMatchObject({ code: "forbidden" });
    await createDraft(salma, { title: "Charter" });
    expect((await listDrafts(observer)).map((d) => d.title)).toEqual(["Charter"]);
    expect((overTheWire(memberListSchema, await listMembers(observer))).length).toBeGreaterThanOrEqual(3);
    const audit = await db().auditLog.findMany({ select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["member.create_first", "member.create", "member.update", "draft.create"]));
  });
});
