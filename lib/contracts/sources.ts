// The source library: search, items, imports, and where each item is cited.
import { z } from "../zod";
import { SOURCE_KINDS } from "../sources";
import { LOCALES } from "../i18n/locales";
import { userText } from "../text";

// Requests
/** GET /api/sources?q=&kind=&section=&actor=&status= */
export const sourceQuerySchema = z.object({
  q: userText().trim().max(200).optional(),
  /** "all" includes items withdrawn by a later import (the editor flags citations to them). */
  status: z.enum(["active", "all"]).optional(),
  kind: z.enum(SOURCE_KINDS).optional(),
  section: userText().trim().max(300).optional(),
  actor: userText().trim().max(120).optional(),
});
export type SourceQuery = z.infer<typeof sourceQuerySchema>;

/** POST /api/sources/import */
export const importSchema = z.object({
  // Page breaks of text extracted from a PDF become line breaks; other control characters mean
  // the file is not text.
  text: z
    .string()
    .transform((s) => s.replace(/[\f\v]/g, "\n"))
    .pipe(
      userText({ multiline: true, message: "This file is not text. Upload the outcome document as Markdown or plain text." })
        .min(1, "The file is empty.")
        .max(2_000_000, "The file is larger than 2 million characters."),
    ),
  keyPrefix: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{2,10}$/, "The key prefix must be 2 to 10 capital letters or digits, e.g. RBT24."),
  title: userText().trim().min(1, "Give the document a title.").max(300),
  language: z.enum(LOCALES).default("en"),
  /** Starts of the titles of boxed case studies, when the text lost its boxes (see the importer). */
  boxTitles: z.array(userText().trim().min(1).max(300)).max(100).optional(),
  confirm: z.boolean().default(false),
});

// Responses
/** The fields of an item as the importer produces them. */
export const sourceItemFieldsSchema = z.object({
  key: z.string(),
  kind: z.enum(SOURCE_KINDS),
  section: z.string().nullable(),
  subsection: z.string().nullable(),
  panel: z.number().int().nullable(),
  /** Title of a boxed case study. */
  title: z.string().nullable(),
  actors: z.array(z.string()),
  text: z.string(),
  order: z.number().int(),
});

/** GET /api/sources/:id (GET /api/sources: a list) */
export const sourceItemSchema = sourceItemFieldsSchema.extend({
  id: z.string(),
  /** active | withdrawn */
  status: z.string(),
  documentId: z.string(),
});
export type SourceItem = z.output<typeof sourceItemSchema>;
export const sourceItemListSchema = z.array(sourceItemSchema);

/** POST /api/sources/import */
export const importResultSchema = z.object({
  keyPrefix: z.string(),
  title: z.string(),
  counts: z.record(z.string(), z.number().int()),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  withdrawn: z.number().int(),
  saved: z.boolean(),
  items: z.array(sourceItemFieldsSchema),
});
export type ImportResult = z.output<typeof importResultSchema>;

/** GET /api/sources/:id/citations: the clauses, in every draft, citing the item. */
export const sourceCitationListSchema = z.array(
  z.object({
    draftId: z.string(),
    draftTitle: z.string(),
    clauseId: z.string(),
    number: z.number().int().nullable(),
    heading: z.string().nullable(),
    occurrences: z.number().int(),
  }),
);
export type SourceCitation = z.output<typeof sourceCitationListSchema>[number];

// Stored JSON
/** `SourceItem.actors` */
export const actorsColumn = z.array(z.string());
