// The colour of each person's caret and avatar, shared by the collaboration server (which stamps it
// into presence entries) and the browser. Free of zod and Yjs: the editor page downloads it.

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
