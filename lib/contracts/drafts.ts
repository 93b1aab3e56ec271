// Drafts of the Charter, their clause index and access to the live document.
import { z } from "../zod";
import { userText } from "../text";
import { dateTime, textLangSchema } from "./common";
import { DRAFT_PHASES } from "./amendments";

// Requests
/** POST /api/drafts */
export const newDraftSchema = z.object({
  title: userText().trim().min(1, "Give the draft a title.").max(200, "The title may have at most 200 characters."),
});

/** PATCH /api/drafts/:id (chair, secretariat): the drafting phase. */
export const draftPatchSchema = z.strictObject({
  phase: z.enum(DRAFT_PHASES, { error: "The phase must be one of: editing, amendments, frozen." }),
});

// Responses
/** GET /api/drafts/:id, POST /api/drafts */
export const draftSchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: dateTime,
  updatedAt: dateTime,
  createdBy: z.string(),
  /** editing: members edit live · amendments: members propose, chair and secretariat edit · frozen: no new amendments, chair and secretariat edit */
  phase: z.enum(DRAFT_PHASES),
});
export type Draft = z.output<typeof draftSchema>;

/** GET /api/drafts */
export const draftListSchema = z.array(draftSchema.extend({ clauses: z.number().int() }));

/** A citation in the clause index; `status: "missing"` (and `kind: null`) when its item no longer exists. */
export const indexedCitationSchema = z.object({
  sourceItemId: z.string(),
  key: z.string(),
  kind: z.string().nullable(),
  status: z.string(),
  occurrences: z.number().int(),
});

/** GET /api/drafts/:id/clauses */
/** GET /api/drafts/:id/clauses?lang=en|fr (query): which language's text (English by default). */
export const clauseQuerySchema = z.object({ lang: textLangSchema.default("en") });

/** GET /api/drafts/:id/clauses: the articles in the asked language; citations of both texts. */
export const clauseListSchema = z.array(
  z.object({
    clauseId: z.string(),
    number: z.number().int(),
    lang: textLangSchema,
    chapter: z.string().nullable(),
    heading: z.string().nullable(),
    text: z.string(),
    citations: z.array(indexedCitationSchema),
  }),
);

/** GET /api/drafts/:id/collab */
export const collabAccessSchema = z.object({
  url: z.string(),
  room: z.string(),
  token: z.string(),
  mode: z.enum(["rw", "ro"]),
  expiresAt: dateTime,
});
export type CollabAccess = z.output<typeof collabAccessSchema>;

// Stored JSON
/** `ClauseIndex.missingCitations`: citations whose source item no longer exists. */
export const missingCitationsColumn = z.array(z.object({ sourceItemId: z.string(), key: z.string() }));
export type MissingCitation = z.output<typeof missingCitationsColumn>[number];
