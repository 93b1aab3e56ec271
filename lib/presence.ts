// Presence (awareness) rules shared by the collaboration server and the browser: the colour of a
// user, and the only fields a client's presence state may carry. The server stamps `user` from
// the database and keeps nothing else a client sends; its own entry is `{ server: true, … }`.
import { z } from "./zod";

/** Caret and avatar colours; each gives white text at least 4.5:1 (WCAG AA, tested). */
export const PRESENCE_PALETTE = ["#1f5fa6", "#b3261e", "#1b6e3a", "#6a3d9a", "#8a4b08", "#a3246b", "#0b6e79", "#4d5d00", "#c2410c", "#3f3f9f"] as const;

/** A stable colour per user id. */
export function colorFor(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return PRESENCE_PALETTE[hash % PRESENCE_PALETTE.length];
}

/** WCAG 2.1 contrast ratio of white text on `hex` (#rrggbb). */
export function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

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

export type PresenceState = { user: PresenceUser; cursor: z.infer<typeof cursorSchema> | null; clauseId: string | null };

/**
 * The state others see for a client's `raw` presence: `user` replaced by the connection's
 * identity, a valid cursor and clause id kept, everything else dropped. Null when `raw` is not
 * an object (the entry is ignored).
 */
export function sanitizePresence(raw: unknown, user: PresenceUser): PresenceState | null {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const state = raw as Record<string, unknown>;
  const cursor = cursorSchema.safeParse(state.cursor);
  const clauseId = clauseIdSchema.safeParse(state.clauseId);
  return { user, cursor: cursor.success ? cursor.data : null, clauseId: clauseId.success ? clauseId.data : null };
}

/** The server's own entry in a room's presence: the only place clients read revisions from. */
export function isServerPresence(state: unknown): state is { server: true; comments?: number } {
  return typeof state === "object" && state !== null && (state as { server?: unknown }).server === true;
}
