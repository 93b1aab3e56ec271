// The one permission module (ARCHITECTURE.md rule 1). Route handlers, server components, the
// collaboration upgrade and its per-message filter all ask here; the UI receives `abilities`.
import type { Role } from "@/lib/roles";
import { isUndecided } from "@/lib/contracts/amendments";
import { DomainError } from "../errors";
import type { Actor } from "../actor";

export type Action =
  | "source:read"
  | "source:import"
  | "member:list"
  | "member:manage"
  | "draft:create"
  | "draft:read"
  | "draft:edit"
  | "draft:comment"
  | "draft:export"
  | "coverage:decide"
  | "version:name"
  | "version:restore"
  | "comment:resolve"
  | "comment:edit"
  | "audit:read"
  | "amendment:propose"
  | "amendment:see"
  | "amendment:submit"
  | "amendment:cosponsor"
  | "amendment:withdraw"
  | "amendment:decide"
  | "draft:phase"
  | "text:edit"
  | "passage:bracket";

/** Facts about the object acted on, when the rule depends on it. */
export interface Subject {
  authorId?: string;
  threadAuthorId?: string;
  /** Amendments: who proposed it, for which delegation, and where it stands. */
  sponsorId?: string;
  sponsorDelegation?: string;
  status?: string;
  /** The draft's drafting phase, for typing into its text. */
  phase?: string;
}


const EDITORS: Role[] = ["secretariat", "chair", "member"];
const COMMENTERS: Role[] = [...EDITORS, "observer"];
const LEADS: Role[] = ["secretariat", "chair"];
const EVERYONE: Role[] = [...COMMENTERS, "viewer"];

const RULES: Record<Action, (actor: Actor, subject: Subject) => boolean> = {
  "source:read": (a) => EVERYONE.includes(a.role),
  "source:import": (a) => a.role === "secretariat",
  "member:list": (a) => EVERYONE.includes(a.role),
  "member:manage": (a) => a.role === "secretariat",
  "draft:create": (a) => a.role === "secretariat",
  "draft:read": (a) => EVERYONE.includes(a.role),
  "draft:edit": (a) => EDITORS.includes(a.role),
  "draft:comment": (a) => COMMENTERS.includes(a.role),
  "draft:export": (a) => EVERYONE.includes(a.role),
  "coverage:decide": (a) => EDITORS.includes(a.role),
  "version:name": (a) => LEADS.includes(a.role),
  "version:restore": (a) => LEADS.includes(a.role),
  // Leads resolve any thread; others only threads they opened.
  "comment:resolve": (a, s) => LEADS.includes(a.role) || (COMMENTERS.includes(a.role) && s.threadAuthorId === a.id),
  "comment:edit": (a, s) => COMMENTERS.includes(a.role) && s.authorId === a.id,
  "audit:read": (a) => a.role === "secretariat",
  // Amendments speak for a delegation: observers and viewers follow them but never propose.
  "amendment:propose": (a) => EDITORS.includes(a.role),
  // A private draft is its sponsor's alone; once submitted, every reader of the draft sees it.
  "amendment:see": (a, s) => EVERYONE.includes(a.role) && (s.status !== "draft" || s.sponsorId === a.id),
  "amendment:submit": (a, s) => EDITORS.includes(a.role) && s.sponsorId === a.id,
  // Another delegation joins (a member speaking for one, never the sponsor's own delegation).
  "amendment:cosponsor": (a, s) =>
    a.role === "member" && a.delegation !== "" && s.sponsorDelegation !== undefined && a.delegation !== s.sponsorDelegation,
  // Until the chair or secretariat decides, an amendment is the sponsor's to withdraw.
  "amendment:withdraw": (a, s) =>
    EDITORS.includes(a.role) && s.sponsorId === a.id && isUndecided(s.status),
  "amendment:decide": (a) => LEADS.includes(a.role),
  "draft:phase": (a) => LEADS.includes(a.role),
  // Typing into the live text: members only in the editing phase; chair and secretariat always
  // (they apply accepted amendments and editorial fixes, even in a frozen draft).
  "text:edit": (a, s) => EDITORS.includes(a.role) && (s.phase === "editing" || LEADS.includes(a.role)),
  // Keeping a passage open for later ("[ … ]") and closing it is the chair's call in session.
  "passage:bracket": (a) => LEADS.includes(a.role),
};

export function can(actor: Actor | null, action: Action, subject: Subject = {}): boolean {
  if (!actor) return false;
  return RULES[action](actor, subject);
}

/** Throws `unauthenticated` without an actor and `forbidden` when the rule says no. */
export function authorize(actor: Actor | null, action: Action, subject: Subject = {}): asserts actor is Actor {
  if (!actor) throw new DomainError("unauthenticated", "Sign in to continue.");
  if (!can(actor, action, subject)) throw new DomainError("forbidden", `Your role (${actor.role}) may not do this.`);
}

/** What the UI may offer this actor (hides what the server would refuse anyway). */
export function abilities(actor: Actor | null) {
  return {
    importSources: can(actor, "source:import"),
    manageMembers: can(actor, "member:manage"),
    createDraft: can(actor, "draft:create"),
    editDraft: can(actor, "draft:edit"),
    comment: can(actor, "draft:comment"),
    nameVersion: can(actor, "version:name"),
    restoreVersion: can(actor, "version:restore"),
    decideCoverage: can(actor, "coverage:decide"),
    proposeAmendment: can(actor, "amendment:propose"),
    decideAmendment: can(actor, "amendment:decide"),
    setDraftPhase: can(actor, "draft:phase"),
    bracketPassage: can(actor, "passage:bracket"),
  };
}
export type Abilities = ReturnType<typeof abilities>;
