// Coverage of the source library by a draft, and "deliberately not addressed" decisions.
import { z } from "../zod";
import { SOURCE_KINDS } from "../sources";
import { userText } from "../text";

// Requests
/** GET /api/drafts/:id/coverage?kind=&section=&status= */
export const coverageQuerySchema = z.object({
  kind: z.enum(SOURCE_KINDS).optional(),
  section: userText().trim().max(300).optional(),
  status: z.enum(["cited", "not_addressed", "uncovered"]).optional(),
});

/** POST /api/drafts/:id/coverage/decisions */
export const coverageDecisionSchema = z.object({
  sourceItemId: userText().min(1).max(64),
  reason: userText({ multiline: true }).trim().min(3, "Say why the Charter does not address this item.").max(1000, "The reason may have at most 1000 characters."),
});

// Responses
/** GET /api/drafts/:id/coverage */
export const draftCoverageSchema = z.object({
  totals: z.record(z.string(), z.object({ items: z.number().int(), cited: z.number().int() })),
  recommendationsAndConclusionsCited: z.number(),
  items: z.array(
    z.object({
      sourceItemId: z.string(),
      key: z.string(),
      kind: z.enum(SOURCE_KINDS),
      section: z.string().nullable(),
      clauses: z.array(z.string()),
      status: z.enum(["cited", "not_addressed", "uncovered"]),
      withdrawn: z.boolean(),
      decision: z.object({ reason: z.string(), decidedBy: z.string(), decidedAt: z.string() }).nullable(),
    }),
  ),
  clauses: z.array(z.object({ clauseId: z.string(), number: z.number().int(), heading: z.string().nullable() })),
  missing: z.array(z.object({ clauseId: z.string(), number: z.number().int(), sourceItemId: z.string(), key: z.string() })),
});

/** POST /api/drafts/:id/coverage/decisions */
export const coverageDecisionResultSchema = z.object({ sourceItemId: z.string(), reason: z.string() });
/** DELETE /api/drafts/:id/coverage/decisions/:sourceItemId */
export const coverageDecisionClearedSchema = z.object({ sourceItemId: z.string() });
