// Accounts: members, the first secretariat account, the signed-in user and their language.
import { z } from "../zod";
import { ROLES } from "../roles";
import { LOCALES } from "../i18n/locales";
import { userText } from "../text";
import { dateTime } from "./common";

// Requests
export const emailSchema = userText().trim().toLowerCase().email("Enter a valid email address.").max(200);
export const passwordSchema = userText()
  .min(10, "The password needs at least 10 characters.")
  .max(200, "The password may have at most 200 characters.");

/** POST /api/members */
export const newMemberSchema = z.object({
  email: emailSchema,
  name: userText().trim().min(1, "Enter the person's name.").max(120),
  delegation: userText().trim().max(120).default(""),
  role: z.enum(ROLES),
  password: passwordSchema,
});
export type NewMemberInput = z.infer<typeof newMemberSchema>;

/** POST /api/setup */
export const firstAccountSchema = newMemberSchema.omit({ role: true });

/** PATCH /api/members/:id */
export const memberUpdateSchema = z
  .object({
    name: userText().trim().min(1).max(120),
    delegation: userText().trim().max(120),
    role: z.enum(ROLES),
    active: z.boolean(),
  })
  .partial();

/** POST /api/me/locale */
export const localeSchema = z.object({ locale: z.enum(LOCALES) });

// Responses
/** GET /api/members (a list), POST /api/members, PATCH /api/members/:id */
export const memberSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  delegation: z.string(),
  locale: z.string(),
  active: z.boolean(),
  createdAt: dateTime,
});
export type Member = z.output<typeof memberSchema>;
export const memberListSchema = z.array(memberSchema);

export const abilitiesSchema = z.object({
  importSources: z.boolean(),
  manageMembers: z.boolean(),
  createDraft: z.boolean(),
  editDraft: z.boolean(),
  comment: z.boolean(),
  nameVersion: z.boolean(),
  restoreVersion: z.boolean(),
  decideCoverage: z.boolean(),
});

/** GET /api/me */
export const meSchema = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  name: z.string(),
  email: z.string(),
  delegation: z.string(),
  locale: z.string(),
  abilities: abilitiesSchema,
});

/** POST /api/setup */
export const setupResultSchema = z.object({ id: z.string(), email: z.string() });

/** POST /api/me/locale */
export const localeResultSchema = localeSchema;
