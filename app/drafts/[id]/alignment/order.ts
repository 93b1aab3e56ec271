// Reading an alignment entry for display (no rule here: the status comes from the server).
import type { AlignmentEntry, AlignmentStatus } from "@/lib/contracts/alignment";

/** How the screens list statuses: what needs work first. */
export const ALIGNMENT_STATUS_ORDER: readonly AlignmentStatus[] = ["fr_outdated", "en_outdated", "fr_missing", "en_missing", "aligned"];

/** The text whose change made the other out of date or missing (the one that has text); null when aligned. */
export function leadingSide(entry: AlignmentEntry): AlignmentEntry["en"] | null {
  switch (entry.status) {
    case "fr_outdated":
    case "fr_missing":
      return entry.en;
    case "en_outdated":
    case "en_missing":
      return entry.fr;
    default:
      return null;
  }
}
