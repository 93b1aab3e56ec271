// Shared vocabulary of the source library (client and server).
export const SOURCE_KINDS = ["challenge", "good_practice", "recommendation", "conclusion"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export function isSourceKind(value: string): value is SourceKind {
  return (SOURCE_KINDS as readonly string[]).includes(value);
}

/** The fields of a source item, as the importer produces them and the API returns them. */
export interface SourceItemFields {
  key: string;
  kind: SourceKind;
  section: string | null;
  subsection: string | null;
  panel: number | null;
  /** Title of a boxed case study. */
  title: string | null;
  actors: string[];
  text: string;
  order: number;
}
