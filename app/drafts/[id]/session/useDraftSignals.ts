"use client";
// The server's revision signals ("amendments", "phase", "comments") for a page without the
// editor: a y-websocket connection to the draft's room, with the editor's fresh-token socket and
// reconnect rules, but no local copy (nothing is ever edited here, so nothing could be sent, and
// the editor's offline copy is left alone). The document still syncs once: the protocol has no
// awareness-only mode.
import { useEffect, useState } from "react";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { fetchAccess, shouldReconnect, socketWithFreshToken, type ConnectionState } from "../useCollabSession";

export function useDraftSignals(draftId: string): { provider: WebsocketProvider | null; state: ConnectionState } {
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);
  const [state, setState] = useState<ConnectionState>("connecting");
  useEffect(() => {
    const doc = new Y.Doc();
    const live = new WebsocketProvider("collab", draftId, doc, {
      WebSocketPolyfill: socketWithFreshToken(async () => {
        const access = await fetchAccess(draftId);
        if (access === "unreachable") setState("offline");
        return access;
      }) as unknown as typeof WebSocket,
      shouldReconnect,
      maxBackoffTime: 5000,
      disableBc: true,
    });
    live.on("status", ({ status }) => setState((previous) => (status === "connected" ? "connected" : previous === "offline" ? "offline" : "connecting")));
    live.on("closed", () => setState("denied"));
    setProvider(live);
    return () => {
      live.destroy();
      doc.destroy();
      setProvider(null);
    };
  }, [draftId]);
  return { provider, state };
}
