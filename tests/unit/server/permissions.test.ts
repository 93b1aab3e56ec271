import { describe, expect, it } from "vitest";
import { abilities, authorize, can, type Action } from "@/server/domain/permissions";
import type { Actor } from "@/server/domain/actor";
import { ROLES, type Role } from "@/lib/roles";

const actor = (role: Role, id = `${role}-id`, delegation = ""): Actor => ({ id, role, name: role, email: `${role}@x`, delegation, locale: "en" });

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
  "amendment:propose": ["secretariat", "chair", "member"],
  "amendment:see": ["secretariat", "chair", "member", "observer", "viewer"],
  "amendment:submit": [],
  "amendment:cosponsor": [],
  "amendment:withdraw": [],
  "amendment:decide": ["secretariat", "chair"],
  "draft:phase": ["secretariat", "chair"],
  // without a phase: only the roles that may type in every phase
  "text:edit": ["secretariat", "chair"],
  "passage:bracket": ["secretariat", "chair"],
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

  it("lets members type only in the editing phase; chair and secretariat in every phase", () => {
    for (const role of ROLES) {
      expect(can(actor(role), "text:edit", { phase: "editing" }), role).toBe(["secretariat", "chair", "member"].includes(role));
      for (const phase of ["amendments", "frozen"]) expect(can(actor(role), "text:edit", { phase }), `${role} ${phase}`).toBe(["secretariat", "chair"].includes(role));
    }
  });

  it("keeps a private amendment draft to its sponsor; a submitted one is seen by every reader", () => {
    expect(can(actor("member", "m1"), "amendment:see", { sponsorId: "m1", status: "draft" })).toBe(true);
    expect(can(actor("chair", "c1"), "amendment:see", { sponsorId: "m1", status: "draft" })).toBe(false);
    for (const role of ROLES) expect(can(actor(role), "amendment:see", { sponsorId: "m1", status: "submitted" }), role).toBe(true);
  });

  it("lets members of another delegation co-sponsor, never the sponsor's own delegation", () => {
    const subject = { sponsorId: "m1", sponsorDelegation: "Senegal", status: "submitted" };
    expect(can(actor("member", "m2", "Morocco"), "amendment:cosponsor", subject)).toBe(true);
    expect(can(actor("member", "m3", "Senegal"), "amendment:cosponsor", subject)).toBe(false);
    expect(can(actor("member", "m4", ""), "amendment:cosponsor", subject)).toBe(false); // speaks for no delegation
    for (const role of ["secretariat", "chair", "observer", "viewer"] as const) {
      expect(can(actor(role, `${role}-id`, "Morocco"), "amendment:cosponsor", subject), role).toBe(false);
    }
  });

  it("lets only the sponsor submit a private draft", () => {
    expect(can(actor("member", "m1"), "amendment:submit", { sponsorId: "m1" })).toBe(true);
    expect(can(actor("chair", "c1"), "amendment:submit", { sponsorId: "m1" })).toBe(false);
    expect(can(actor("viewer", "m1"), "amendment:submit", { sponsorId: "m1" })).toBe(false);
  });

  it("lets the sponsor withdraw until the amendment is decided (deferred is postponed, not decided)", () => {
    const sponsor = actor("member", "m1", "Senegal");
    for (const status of ["draft", "submitted", "under_consideration", "deferred"]) {
      expect(can(sponsor, "amendment:withdraw", { sponsorId: "m1", status }), status).toBe(true);
    }
    for (const status of ["accepted", "accepted_modified", "not_accepted", "withdrawn", "superseded"]) {
      expect(can(sponsor, "amendment:withdraw", { sponsorId: "m1", status }), status).toBe(false);
    }
    expect(can(actor("member", "m2", "Senegal"), "amendment:withdraw", { sponsorId: "m1", status: "submitted" })).toBe(false);
    expect(can(actor("chair", "c1"), "amendment:withdraw", { sponsorId: "m1", status: "submitted" })).toBe(false);
    // A sponsor since made an observer no longer acts on amendments.
    expect(can(actor("observer", "m1"), "amendment:withdraw", { sponsorId: "m1", status: "submitted" })).toBe(false);
  });

  it("gives the UI the same answers", () => {
    expect(abilities(actor("viewer"))).toMatchObject({ editDraft: false, comment: false, createDraft: false });
    expect(abilities(actor("observer"))).toMatchObject({ editDraft: false, comment: true });
    expect(abilities(actor("secretariat"))).toMatchObject({ editDraft: true, importSources: true, manageMembers: true });
    expect(abilities(actor("observer"))).toMatchObject({ proposeAmendment: false, decideAmendment: false, setDraftPhase: false });
    expect(abilities(actor("member"))).toMatchObject({ proposeAmendment: true, decideAmendment: false, setDraftPhase: false });
    expect(abilities(actor("chair"))).toMatchObject({ proposeAmendment: true, decideAmendment: true, setDraftPhase: true });
  });
});
