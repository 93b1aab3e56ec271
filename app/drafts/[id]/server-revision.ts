// The revisions the collaboration server publishes in its own presence entry
// (`{ server: true, comments: 3, amendments: 7, phase: 1 }`), one counter per topic that lives
// outside the text. Entries of clients prove nothing (anyone can write a `comments` field into
// their own), so only the server's entry counts.
import type { SignalTopic } from "@/lib/contracts/common";

export function serverRevision(states: Map<number, Record<string, unknown>>, topic: SignalTopic): number | null {
  for (const state of states.values()) {
    const value = state[topic];
    if (state.server === true && typeof value === "number" && Number.isSafeInteger(value)) return value;
  }
  return null;
}
