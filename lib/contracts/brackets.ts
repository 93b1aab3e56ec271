// Bracketed passages: text the chair (or the secretariat) keeps open for later ("[ … ]" in
// negotiating texts). Records anchored like comments, never marks in the Yjs document.
import { z } from "../zod";
import { userText } from "../text";
import { anchorSchema } from "./comments";
import { dateTime, personSchema, textLangSchema } from "./common";

export const MAX_BRACKET_NOTE_CHARS = 500;

// Requests
/** POST /api/drafts/:id/brackets: a passage (both ends of the range) and an optional note. */
export const newBracketSchema = z.strictObject({
  anchor: anchorSchema.refine((a) => a.start !== undefined && a.end !== undefined && a.exact.trim() !== "", "Select the passage to bracket."),
  note: userText({ multiline: true })
    .trim()
    .max(MAX_BRACKET_NOTE_CHARS, `A note may have at most ${MAX_BRACKET_NOTE_CHARS} characters.`)
    .default(""),
  /** The text the passage is in (English unless said). */
  lang: textLangSchema.default("en"),
});

// Responses
/** GET /api/drafts/:id/brackets (open brackets), POST /api/drafts/:id/brackets */
export const bracketSchema = z.object({
  id: z.string(),
  draftId: z.string(),
  clauseId: z.string(),
  lang: textLangSchema,
  anchor: anchorSchema,
  note: z.string(),
  createdBy: personSchema,
  createdAt: dateTime,
});
export type Bracket = z.output<typeof bracketSchema>;
export const bracketListSchema = z.array(bracketSchema);
/** DELETE /api/brackets/:id */
export const bracketRemovedSchema = z.object({ id: z.string(), removedAt: dateTime });

// Stored JSON
/** `BracketedPassage.anchor`: stored after `anchorSchema` accepted it. */
export const bracketAnchorColumn = anchorSchema;
