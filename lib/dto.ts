// Input shapes shared by forms and route handlers (zod), validated again on the server.
import { z } from "./zod";
import { ROLES } from "./roles";
import { SOURCE_KINDS } from "./sources";
import { LOCALES } from "./i18n/locales";
import { userText } from "./text";

export const emailSchema = userText().trim().toLowerCase().email("Enter a valid email address.").max(200);
export const passwordSchema = userText()
  .min(10, "The password needs at least 10 characters.")
  .max(200, "The password may have at most 200 characters.");

export const newMemberSchema = z.object({
  email: emailSchema,
  name: userText().trim().min(1, "Enter the person's name.").max(120),
  delegation: userText().trim().max(120).default(""),
  role: z.enum(ROLES),
  password: passwordSchema,
});
export type NewMemberInput = z.infer<typeof newMemberSchema>;

export const firstAccountSchema = newMemberSchema.omit({ role: true });

export const memberUpdateSchema = z
  .object({
    name: userText().trim().min(1).max(120),
    delegation: userText().trim().max(120),
    role: z.enum(ROLES),
    active: z.boolean(),
  })
  .partial();

export const localeSchema = z.object({ locale: z.enum(LOCALES) });

export const newDraftSchema = z.object({
  title: userText().trim().min(1, "Give the draft a title.").max(200, "The title may have at most 200 characters."),
});

export const sourceQuerySchema = z.object({
  q: userText().trim().max(200).optional(),
  /** "all" includes items withdrawn by a later import (the editor flags citations to them). */
  status: z.enum(["active", "all"]).optional(),
  kind: z.enum(SOURCE_KINDS).optional(),
  section: userText().trim().max(300).optional(),
  actor: userText().trim().max(120).optional(),
});
export type SourceQuery = z.infer<typeof sourceQuerySchema>;

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

export const coverageDecisionSchema = z.object({
  sourceItemId: userText().min(1).max(64),
  reason: userText({ multiline: true }).trim().min(3, "Say why the Charter does not address this item.").max(1000, "The reason may have at most 1000 characters."),
});

export const coverageQuerySchema = z.object({
  kind: z.enum(SOURCE_KINDS).optional(),
  section: userText().trim().max(300).optional(),
  status: z.enum(["cited", "not_addressed", "uncovered"]).optional(),
});
