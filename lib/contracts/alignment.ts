// The English and French texts of each article: whether they say the same thing (alignment).
import { z } from "../zod";
import { dateTime, personSchema } from "./common";

/**
 * aligned: confirmed since the last change (or both empty) · fr_outdated / en_outdated: the other
 * language changed after the last confirmation · fr_missing / en_missing: that text is empty.
 */
export const ALIGNMENT_STATUSES = ["aligned", "fr_outdated", "en_outdated", "fr_missing", "en_missing"] as const;
export type AlignmentStatus = (typeof ALIGNMENT_STATUSES)[number];

/** One language's text of an article, and who changed it last (null before anyone did). */
export const alignmentSideSchema = z.object({
  heading: z.string(),
  text: z.string(),
  changedAt: dateTime.nullable(),
  changedBy: personSchema.nullable(),
});

/** GET /api/drafts/:id/alignment (items), POST /api/drafts/:id/alignment/:clauseId/confirm */
export const alignmentEntrySchema = z.object({
  clauseId: z.string(),
  number: z.number().int(),
  status: z.enum(ALIGNMENT_STATUSES),
  en: alignmentSideSchema,
  fr: alignmentSideSchema,
  confirmedAt: dateTime.nullable(),
  confirmedBy: personSchema.nullable(),
});
export type AlignmentEntry = z.output<typeof alignmentEntrySchema>;

/** GET /api/drafts/:id/alignment: one entry per article, in article order. */
export const alignmentListSchema = z.array(alignmentEntrySchema);
