import { describe, expect, it } from "vitest";
import { abilities, authorize, can, type Action } from "@/server/domain/permissions";
import type { Actor } from "@/server/domain/actor";
import { ROLES, type Role } from "@/lib/roles";

const actor = (role: Role, id = `${role}-id`): Actor => ({ id, role, name: role, email: `${role}@x`, delegation: "", locale: "en" });

// The expected matrix, written out so a change to a rule shows up here.
const MATRIX: Record<Action, Role[]> = {
  "source:read": ["secretariat", "chair", "member", "observer", "viewer"],
  "source:import": ["secretariat"],
  "member:list": ["secretariat", "chair", "member", "observer", "viewer"],
  "member:manage": ["secretariat"],
  "draft:create": ["secretariat"],
  "draft:read": ["secretariat", "chair", "member", "observer", "viewer"],
  "draft:edit": ["secretariat", "chair", "member"],
  "draft:comment": ["secretariat", "chair", "member", "observer"],
  "draft:export": ["secretariat", "chair", "member", "observer", "viewer"],
  "coverage:decide": ["secretariat", "chair", "member"],
  "version:name": ["secretariat", "chair"],
  "version:restore": ["secretariat", "chair"],
  "comment:resolve": ["secretariat", "chair"],
  "comment:edit": [],
  "audit:read": ["secretariat"],
};

describe("permission module", () => {
  for (const [action, allowed] of Object.entries(MATRIX) as [Action, Role[]][]) {
    it(`${action}: ${allowed.join(", ") || "nobody without a subject"}`, () => {
      for (const role of ROLES) expect(can(actor(role), action), `${role} ${action}`).toBe(allowed.includes(role));
    });
  }

  it("refuses everything to nobody", () => {
    for (const action of Object.keys(MATRIX) as Action[]) expect(can(null, action)).toBe(false);
    expect(() => authorize(null, "draft:read")).toThrow(expect.objectContaining({ code: "unauthenticated" }));
    expect(() => authorize(actor("viewer"), "draft:edit")).toThrow(expect.objectContaining({ code: "forbidden" }));
  });

  it("lets authors edit their own messages only, and observers resolve their own threads", () => {
    expect(can(actor("observer", "o1"), "comment:edit", { authorId: "o1" })).toBe(true);
    expect(can(actor("chair", "c1"), "comment:edit", { authorId: "o1" })).toBe(false);
    expect(can(actor("viewer", "v1"), "comment:edit", { authorId: "v1" })).toBe(false);
    expect(can(actor("member", "m1"), "comment:resolve", { threadAuthorId: "m1" })).toBe(true);
    expect(can(actor("member", "m1"), "comment:resolve", { threadAuthorId: "x" })).toBe(false);
  });

  it("gives the UI the same answers", () => {
    expect(abilities(actor("viewer"))).toMatchObject({ editDraft: false, comment: false, createDraft: false });
    expect(abilities(actor("observer"))).toMatchObject({ editDraft: false, comment: true });
    expect(abilities(actor("secretariat"))).toMatchObject({ editDraft: true, importSources: true, manageMembers: true });
  });
});
