// The revisions the collaboration server publishes in its own presence entry
// (`{ server: true, comments: 3, amendments: 7, phase: 1 }`), one counter per topic that lives
// outside the text. Entries of clients prove nothing (anyone can write a `comments` field into
// their own), so only the server's entry counts.
import { useEffect } from "react";
import type { WebsocketProvider } from "y-websocket";
import type { SignalTopic } from "@/lib/contracts/common";

export function serverRevision(states: Map<number, Record<string, unknown>>, topic: SignalTopic): number | null {
  for (const state of states.values()) {
    const value = state[topic];
    if (state.server === true && typeof value === "number" && Number.isSafeInteger(value)) return value;
  }
  return null;
}

/**
 * Calls `onRevision` whenever the server's revision of `topic` changes, the first one seen
 * included (a page opened from the offline cache may hold old data).
 */
export function useServerRevision(provider: WebsocketProvider | null | undefined, topic: SignalTopic, onRevision: () => unknown): void {
  useEffect(() => {
    if (!provider) return;
    let last: number | null = null;
    const onChange = () => {
      const rev = serverRevision(provider.awareness.getStates(), topic);
      if (rev !== null && rev !== last) {
        last = rev;
        onRevision();
      }
    };
    onChange();
    provider.awareness.on("change", onChange);
    return () => provider.awareness.off("change", onChange);
  }, [provider, topic, onRevision]);
}
