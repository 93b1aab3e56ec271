// Presence (awareness) rules shared by the collaboration server and the browser: the colour of a
// user, and the only fields a client's presence state may carry. The server stamps `user` from
// the database and keeps nothing else a client sends; its own entry is `{ server: true, … }`.
import { z } from "./zod";
import { TEXT_LANGS, type TextLang } from "./editor/languages";

// The colours are their own module: the browser needs them, not this file's zod schemas.
export { PRESENCE_PALETTE, colorFor, contrastWithWhite } from "./presence-colors";

/** Who a presence entry belongs to, as the server writes it. */
export interface PresenceUser {
  id: string;
  name: string;
  delegation: string;
  color: string;
  role: string;
}

/** Limits of one presence state (the JSON text a client sends for one client id). */
export const PRESENCE_LIMITS = { maxStateChars: 2048, maxClauseIdChars: 64 } as const;

const yjsId = z.strictObject({ client: z.number().int().min(0).max(0xffffffff), clock: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
/** A Yjs relative position as y-prosemirror sends it (Y.RelativePosition or its JSON form). */
const relativePosition = z
  .strictObject({
    type: yjsId.nullable().optional(),
    tname: z.string().max(PRESENCE_LIMITS.maxClauseIdChars).nullable().optional(),
    item: yjsId.nullable().optional(),
    assoc: z.number().int().min(-1).max(1).optional(),
  })
  .refine((p) => (p.type ?? null) !== null || (p.tname ?? null) !== null, "a relative position names its type");
const cursorSchema = z.strictObject({ anchor: relativePosition, head: relativePosition });
const clauseIdSchema = z.string().min(1).max(PRESENCE_LIMITS.maxClauseIdChars);
/** Which text (English or French) the person's cursor and `clauseId` are in (issue 13). */
const langSchema = z.enum(TEXT_LANGS);

export type PresenceState = { user: PresenceUser; cursor: z.infer<typeof cursorSchema> | null; clauseId: string | null; lang: TextLang | null };

/**
 * The state others see for a client's `raw` presence: `user` replaced by the connection's
 * identity, a valid cursor, clause id and text language kept, everything else dropped. Null when `raw` is not
 * an object (the entry is ignored).
 */
export function sanitizePresence(raw: unknown, user: PresenceUser): PresenceState | null {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const state = raw as Record<string, unknown>;
  const cursor = cursorSchema.safeParse(state.cursor);
  const clauseId = clauseIdSchema.safeParse(state.clauseId);
  const lang = langSchema.safeParse(state.lang);
  return { user, cursor: cursor.success ? cursor.data : null, clauseId: clauseId.success ? clauseId.data : null, lang: lang.success ? lang.data : null };
}

/** The server's own entry in a room's presence: the only place clients read revisions from. */
export function isServerPresence(state: unknown): state is { server: true; comments?: number } {
  return typeof state === "object" && state !== null && (state as { server?: unknown }).server === true;
}
