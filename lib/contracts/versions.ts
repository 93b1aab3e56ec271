// Versions of a draft: the list, one version, comparisons and a clause's history.
import { z } from "../zod";
import { userText } from "../text";
import { dateTime, textLangSchema } from "./common";

/** Which text a comparison shows: English, French, or both one under the other. */
export const COMPARE_LANGS = ["en", "fr", "both"] as const;
export type CompareLang = (typeof COMPARE_LANGS)[number];

// Requests
/** POST /api/drafts/:id/versions */
export const namedVersionSchema = z.object({
  name: userText().trim().min(1, "Give the version a name, e.g. “Draft 1 for the plenary”.").max(120),
  note: userText({ multiline: true }).trim().max(2000).optional().default(""),
});

/** GET /api/drafts/:id/compare?from=&to=&lang= */
export const compareQuerySchema = z.object({
  from: userText().min(1, "Say which version to compare from.").max(64),
  to: userText().min(1).max(64).default("current"),
  lang: z.enum(COMPARE_LANGS, { error: "The text to compare must be en, fr or both." }).default("en"),
});

// Stored JSON
const restoredFromSchema = z.object({ id: z.string(), name: z.string().nullable() });

/** `Version.summary`: what changed since the previous version, and who changed which clause. */
export const versionSummaryColumn = z.object({
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  citationsAdded: z.number().int(),
  citationsRemoved: z.number().int(),
  /** clauseId → ids of the users who changed it since the previous version. */
  touched: z.record(z.string(), z.array(z.string())).default({}),
  restoredFrom: restoredFromSchema.optional(),
  reason: z.string().optional(),
  /**
   * Articles whose text changed, per language (`changed` counts articles changed in either).
   * Absent in versions stored before the French text was versioned.
   */
  changedByLang: z.object({ en: z.number().int(), fr: z.number().int() }).optional(),
  /** Whether the version holds a French text (written with Version.docJsonFr; absent = no). */
  hasFrench: z.boolean().optional(),
});
export type VersionSummary = z.output<typeof versionSummaryColumn>;

// Responses
/** GET /api/drafts/:id/versions (a list, newest first), POST …/versions, POST …/restore (or null) */
export const versionSchema = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: dateTime,
  author: z.object({ name: z.string(), delegation: z.string() }).nullable(),
  /** The amendment whose acceptance made this version ("AM-012 (Senegal) accepted"); null otherwise. */
  amendment: z.object({ id: z.string(), number: z.string(), delegation: z.string() }).nullable(),
  summary: z.object({
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
    citationsAdded: z.number().int(),
    citationsRemoved: z.number().int(),
    restoredFrom: restoredFromSchema.nullable(),
    /** Articles changed per language; null for versions stored before French was versioned. */
    changedByLang: z.object({ en: z.number().int(), fr: z.number().int() }).nullable(),
  }),
  /** False for a version without French text (made before the Charter was bilingual). */
  hasFrench: z.boolean(),
  /** "Name (Delegation)" of the people who changed the text since the previous version. */
  editors: z.array(z.string()),
});
export type Version = z.output<typeof versionSchema>;
export const versionListSchema = z.array(versionSchema);

const clauseSnapshotSchema = z.object({
  clauseId: z.string(),
  number: z.number().int(),
  position: z.number().int(),
  chapter: z.string().nullable(),
  heading: z.string(),
  text: z.string(),
  citations: z.array(z.object({ sourceItemId: z.string(), key: z.string() })),
});

/** ProseMirror JSON, every key kept (restore rebuilds the document from it). */
export interface PMJsonValue {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMJsonValue[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  [key: string]: unknown;
}
export const pmJsonSchema: z.ZodType<PMJsonValue> = z.lazy(() =>
  z.looseObject({
    type: z.string(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(pmJsonSchema).optional(),
    text: z.string().optional(),
    marks: z.array(z.looseObject({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() })).optional(),
  }),
);

/** GET /api/drafts/:id/versions/:versionId */
export const versionDetailSchema = versionSchema.extend({
  doc: pmJsonSchema,
  clauses: z.array(clauseSnapshotSchema),
  /** The French text; null when the version has none. */
  docFr: pmJsonSchema.nullable(),
  clausesFr: z.array(clauseSnapshotSchema).nullable(),
});

const wordPartSchema = z.object({ value: z.string(), added: z.boolean().optional(), removed: z.boolean().optional() });
const compareEndSchema = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string().nullable(),
  restoredFrom: restoredFromSchema.nullable(),
  /** False when this end has no French text (compared as empty articles). */
  hasFrench: z.boolean(),
});

/** GET /api/drafts/:id/compare */
/**
 * An amendment named by history: "AM-012 (Senegal) accepted". History knows it from the version
 * its acceptance made (linked to it); `at` is when it was decided.
 */
export const acceptedAmendmentSchema = z.object({
  number: z.string(),
  delegation: z.string(),
  status: z.enum(["accepted", "accepted_modified"]),
  at: dateTime,
});
export type AcceptedAmendment = z.output<typeof acceptedAmendmentSchema>;

/** One text's comparison, clause by clause. */
const textComparisonSchema = z.object({
  summary: z.object({
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
    moved: z.number().int(),
    renumbered: z.number().int(),
    citationsAdded: z.number().int(),
    citationsRemoved: z.number().int(),
  }),
  changes: z.array(
    z.object({
      clauseId: z.string(),
      kind: z.enum(["added", "removed", "changed", "unchanged"]),
      fromNumber: z.number().int().nullable(),
      toNumber: z.number().int().nullable(),
      moved: z.boolean(),
      renumbered: z.boolean(),
      fromHeading: z.string().nullable(),
      toHeading: z.string().nullable(),
      fromText: z.string().nullable(),
      toText: z.string().nullable(),
      headingDiff: z.array(wordPartSchema).nullable(),
      textDiff: z.array(wordPartSchema).nullable(),
      citationsAdded: z.array(z.string()),
      citationsRemoved: z.array(z.string()),
      splitFrom: z.string().nullable(),
      mergedInto: z.string().nullable(),
    }),
  ),
});

export const comparisonSchema = textComparisonSchema.extend({
  /** The text(s) compared (the request's `lang`). */
  lang: z.enum(COMPARE_LANGS),
  from: compareEndSchema.extend({ createdAt: dateTime }),
  to: compareEndSchema.extend({ createdAt: dateTime.nullable() }),
  // `summary` and `changes`: the first text compared (English for `both`), as before languages.
  /** Each compared text's comparison: `en`, `fr`, or both for `both`. Same clauseIds in both. */
  texts: z.object({ en: textComparisonSchema.optional(), fr: textComparisonSchema.optional() }),
  /** clauseId → "Name (Delegation)" of the people who changed it between the two versions. */
  authors: z.record(z.string(), z.array(z.string())),
  /** clauseId → the amendments applied by the versions after `from` up to `to` (every later one for "current"), oldest first. */
  amendments: z.record(z.string(), z.array(acceptedAmendmentSchema)),
});

/** GET /api/drafts/:id/clauses/:clauseId/history */
export const clauseHistorySchema = z.array(
  z.object({
    versionId: z.string(),
    kind: z.string(),
    name: z.string().nullable(),
    restoredFrom: restoredFromSchema.nullable(),
    createdAt: dateTime,
    number: z.number().int().nullable(),
    heading: z.string().nullable(),
    text: z.string().nullable(),
    /** The French text of the article in this version; null when the version has no French text. */
    fr: z.object({ heading: z.string(), text: z.string() }).nullable(),
    /** Which texts of this article changed since the previous entry. */
    changedLangs: z.array(textLangSchema),
    authors: z.array(z.string()),
    /** The amendment to this article whose acceptance made this entry's version (none or one). */
    amendments: z.array(acceptedAmendmentSchema),
  }),
);
