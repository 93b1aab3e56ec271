// Amendments: delegations' proposals to change the text, and the decisions on them.
// Practice behind the fields: ../shared/AMENDMENTS.md (ITU operations, ISO comment types).
import { z } from "../zod";
import { userText } from "../text";
import { anchorSchema } from "./comments";
import { pmJsonSchema } from "./versions";
import { dateTime, textLangSchema } from "./common";

/** ADD new text · MOD change the text · SUP delete it · NOC keep it (with reasons). */
export const AMENDMENT_OPS = ["ADD", "MOD", "SUP", "NOC"] as const;
export type AmendmentOp = (typeof AMENDMENT_OPS)[number];
/** Where an ADD puts its text: before or after the anchored passage (or the whole article). */
export const ADD_POSITIONS = ["before", "after"] as const;
export type AddPosition = (typeof ADD_POSITIONS)[number];
/** ISO comment types: general, technical, editorial. */
export const AMENDMENT_TYPES = ["ge", "te", "ed"] as const;
export const AMENDMENT_STATUSES = [
  "draft",
  "submitted",
  "under_consideration",
  "accepted",
  "accepted_modified",
  "not_accepted",
  "withdrawn",
  "superseded",
  "deferred",
] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];
/**
 * Not yet decided: the sponsor may still withdraw, other delegations may still join, the
 * compilation shows it. A deferred amendment is postponed to a later reading, not decided.
 */
export const UNDECIDED_STATUSES = ["draft", "submitted", "under_consideration", "deferred"] as const satisfies readonly AmendmentStatus[];
export function isUndecided(status: string | undefined): boolean {
  return (UNDECIDED_STATUSES as readonly string[]).includes(status ?? "");
}
/** editing: members edit live · amendments: members propose, leads edit · frozen: nobody edits. */
export const DRAFT_PHASES = ["editing", "amendments", "frozen"] as const;
export type DraftPhase = (typeof DRAFT_PHASES)[number];

export const MAX_PROPOSED_TEXT_CHARS = 20_000;
export const MAX_RATIONALE_CHARS = 5_000;
/** A proposed replacement is an article or a few paragraphs, never a whole Charter. */
export const MAX_PROPOSED_DOC_JSON_CHARS = 100_000;
const MAX_SOURCES = 50;
const MAX_COSPONSORS = 50;

/** "AM-001": the number as the committee writes it (three digits at least). */
export function amendmentLabel(number: number): string {
  return `AM-${String(number).padStart(3, "0")}`;
}

/** A Charter article is a few levels deep; the recursive schema would overflow the stack long before 1,000. */
export const MAX_PROPOSED_DOC_DEPTH = 64;
/** How deeply objects and arrays nest in a JSON value, counted without recursion. */
function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_PROPOSED_DOC_DEPTH) return deepest;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

const delegationName = userText().trim().min(1).max(120);
const proposedDocSchema = z
  .unknown()
  .refine((doc) => nestingDepth(doc) <= MAX_PROPOSED_DOC_DEPTH, `A proposed text may nest at most ${MAX_PROPOSED_DOC_DEPTH} levels.`)
  .pipe(pmJsonSchema)
  .refine(
  (doc) => JSON.stringify(doc).length <= MAX_PROPOSED_DOC_JSON_CHARS,
  `A proposed text may have at most ${MAX_PROPOSED_DOC_JSON_CHARS} characters of JSON.`,
);

// Requests
/** POST /api/drafts/:id/amendments */
export const newAmendmentSchema = z
  .object({
    clauseId: userText().min(1).max(64),
    /** The text it amends (English unless said): acceptance changes that text only. */
    lang: textLangSchema.default("en"),
    op: z.enum(AMENDMENT_OPS, { message: "op must be one of ADD, MOD, SUP, NOC." }),
    /** Technical unless said otherwise: most proposals change substance. */
    type: z.enum(AMENDMENT_TYPES, { message: "type must be one of ge, te, ed." }).default("te"),
    /** ADD only; "after" when not given. */
    position: z.enum(ADD_POSITIONS, { message: "position must be before or after." }).optional(),
    /** The passage it concerns, as for comments; absent for a whole article. */
    anchor: anchorSchema.optional(),
    proposedText: userText({ multiline: true })
      .transform((s) => s.replace(/\r\n?/g, "\n").trim())
      .pipe(z.string().max(MAX_PROPOSED_TEXT_CHARS, `A proposed text may have at most ${MAX_PROPOSED_TEXT_CHARS} characters.`))
      .default(""),
    proposedDoc: proposedDocSchema.optional(),
    rationale: userText({ multiline: true })
      .transform((s) => s.replace(/\r\n?/g, "\n").trim())
      .pipe(
        z
          .string()
          .min(1, "State the reasons for the amendment.")
          .max(MAX_RATIONALE_CHARS, `Reasons may have at most ${MAX_RATIONALE_CHARS} characters.`),
      ),
    cosponsors: z.array(delegationName).max(MAX_COSPONSORS).default([]),
    sources: z.array(userText().min(1).max(64)).max(MAX_SOURCES).default([]),
    /** false keeps it as the sponsor's private draft. */
    submit: z.boolean().default(false),
    /**
     * A compromise text (chair, secretariat): the amendments it supersedes; accepting it closes
     * them as "superseded".
     */
    supersedes: z.array(userText().min(1).max(64)).max(MAX_SOURCES).default([]),
  })
  .superRefine((a, ctx) => {
    const proposes = a.proposedText !== "" || a.proposedDoc !== undefined;
    if ((a.op === "ADD" || a.op === "MOD") && !proposes) {
      ctx.addIssue({ code: "custom", path: ["proposedText"], message: `${a.op} needs the proposed text.` });
    }
    if ((a.op === "SUP" || a.op === "NOC") && proposes) {
      ctx.addIssue({ code: "custom", path: ["proposedText"], message: `${a.op} proposes no text; give the reasons only.` });
    }
    if (a.position && a.op !== "ADD") {
      ctx.addIssue({ code: "custom", path: ["position"], message: "Only an addition (ADD) goes before or after the text." });
    }
    if (a.anchor && a.anchor.clauseId !== a.clauseId) {
      ctx.addIssue({ code: "custom", path: ["anchor", "clauseId"], message: "The selected passage is not in this article." });
    }
  });
export type NewAmendment = z.output<typeof newAmendmentSchema>;

/** GET /api/drafts/:id/amendments?status=&delegation=&clauseId=&lang= */
export const amendmentQuerySchema = z.object({
  /** Only the amendments of this language's text (all when absent). */
  lang: textLangSchema.optional(),
  status: z.enum(AMENDMENT_STATUSES).optional(),
  delegation: userText().max(120).optional(),
  clauseId: userText().max(64).optional(),
});

/**
 * PATCH /api/amendments/:id: the sponsor submits ("submitted") or withdraws ("withdrawn");
 * the chair or secretariat moves it through the disposition states.
 */
export const amendmentPatchSchema = z.object({
  status: z.enum(AMENDMENT_STATUSES, { message: `status must be one of ${AMENDMENT_STATUSES.join(", ")}.` }),
  /** The reason for the decision, recorded in the register. */
  observation: userText({ multiline: true }).trim().max(MAX_RATIONALE_CHARS).optional(),
  /** The meeting or reading that decided, e.g. "First reading, 12 March". */
  reading: userText().trim().max(200).optional(),
  /** accepted_modified: the text as the committee agreed it (plain text or ProseMirror JSON). */
  modifiedText: userText({ multiline: true })
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(MAX_PROPOSED_TEXT_CHARS))
    .optional(),
  modifiedDoc: proposedDocSchema.optional(),
});
export type AmendmentPatch = z.output<typeof amendmentPatchSchema>;

// Stored JSON
/** `Amendment.anchor` */
export const amendmentAnchorColumn = anchorSchema;
/** `Amendment.proposedDoc`, `Amendment.modifiedDoc` */
export const amendmentDocColumn = pmJsonSchema;
/** `Amendment.supersedes`: ids of the amendments a compromise supersedes. */
export const amendmentSupersedesColumn = z.array(z.string());

// Responses
const sponsorSchema = z.object({ id: z.string(), name: z.string(), delegation: z.string() });

/** GET /api/amendments/:id and every write on one (GET /api/drafts/:id/amendments: a list) */
export const amendmentSchema = z.object({
  id: z.string(),
  draftId: z.string(),
  /** "AM-001" once submitted; null while a private draft. */
  number: z.string().nullable(),
  clauseId: z.string(),
  /** The text it amends. */
  lang: textLangSchema,
  op: z.enum(AMENDMENT_OPS),
  /** ADD: before or after the anchored passage (or article); null for other operations. */
  position: z.enum(ADD_POSITIONS).nullable(),
  type: z.enum(AMENDMENT_TYPES),
  status: z.enum(AMENDMENT_STATUSES),
  /** The anchored text changed since submission: it cannot be accepted as it stands. */
  outdated: z.boolean(),
  /**
   * Alternatives: undecided amendments on the same passage share a group (the id of the
   * group's first amendment); null when it stands alone.
   */
  group: z.string().nullable(),
  anchor: anchorSchema.nullable(),
  /** The quoted passage ("" for a whole article). */
  quote: z.string(),
  /** The text it amends as it was at submission (the passage, or the whole article's text). */
  base: z.string(),
  /** The same text as it is now in the live document ("" when it is gone). */
  current: z.string(),
  /** Ids of the amendments this compromise supersedes. */
  supersedes: z.array(z.string()),
  proposedText: z.string(),
  proposedDoc: pmJsonSchema.nullable(),
  /** accepted_modified: the text as the committee agreed it (the proposal is kept beside it). */
  modifiedText: z.string().nullable(),
  modifiedDoc: pmJsonSchema.nullable(),
  rationale: z.string(),
  sponsor: sponsorSchema,
  cosponsors: z.array(z.object({ delegation: z.string(), at: dateTime })),
  sources: z.array(z.object({ id: z.string(), key: z.string() })),
  createdAt: dateTime,
  submittedAt: dateTime.nullable(),
  decision: z
    .object({ by: z.string(), at: dateTime, observation: z.string().nullable(), reading: z.string().nullable() })
    .nullable(),
});
export type Amendment = z.output<typeof amendmentSchema>;
export const amendmentListSchema = z.array(amendmentSchema);
