// Shared vocabulary of the source library (client and server).
export const SOURCE_KINDS = ["challenge", "good_practice", "recommendation", "conclusion"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export function isSourceKind(value: string): value is SourceKind {
  return (SOURCE_KINDS as readonly string[]).includes(value);
}
