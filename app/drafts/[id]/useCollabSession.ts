"use client";
// The live document of a draft in the browser: y-indexeddb keeps a local copy (offline editing,
// fast reopen), the stock y-websocket provider syncs it with a short-lived token that is
// refreshed whenever the server says it expired.
import { useEffect, useState } from "react";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { IndexeddbPersistence } from "y-indexeddb";
import { YDOC_FIELD } from "@/lib/editor/schema";

export type ConnectionState = "connecting" | "connected" | "offline" | "denied";

interface CollabAccess {
  url: string;
  room: string;
  token: string;
  mode: "rw" | "ro";
}

async function fetchAccess(draftId: string): Promise<CollabAccess | { denied: true } | null> {
  try {
    const res = await fetch(`/api/drafts/${draftId}/collab`, { cache: "no-store" });
    if (res.status === 401 || res.status === 403 || res.status === 404) return { denied: true };
    if (!res.ok) return null;
    return (await res.json()) as CollabAccess;
  } catch {
    return null; // offline: keep editing locally, retry later
  }
}

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider | null;
  /** True once the document can be shown without risking a duplicate of the initial content. */
  ready: boolean;
  state: ConnectionState;
}

export function useCollabSession(draftId: string): CollabSession {
  const [doc] = useState(() => new Y.Doc());
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);
  const [ready, setReady] = useState(false);
  const [state, setState] = useState<ConnectionState>("connecting");

  useEffect(() => {
    let disposed = false;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let ws: WebsocketProvider | null = null;
    const local = new IndexeddbPersistence(`charter-draft-${draftId}`, doc);
    const hasContent = () => doc.getXmlFragment(YDOC_FIELD).length > 0;
    void local.whenSynced.then(() => {
      if (!disposed && hasContent()) setReady(true);
    });

    const connect = async () => {
      const access = await fetchAccess(draftId);
      if (disposed) return;
      if (access && "denied" in access) return setState("denied");
      if (!access) {
        setState("offline");
        retry = setTimeout(() => void connect(), 3000);
        return;
      }
      if (ws) {
        ws.params = { token: access.token };
        ws.connect();
        return;
      }
      ws = new WebsocketProvider(access.url, access.room, doc, { params: { token: access.token }, maxBackoffTime: 5000 });
      ws.on("status", ({ status }) => setState(status === "connected" ? "connected" : status === "connecting" ? "connecting" : "offline"));
      ws.on("sync", (synced: boolean) => synced && setReady(true));
      ws.on("closed", ({ code }) => {
        // 4401: the token expired (e.g. after a long time offline): fetch a new one.
        if (code === 4401) void connect();
        else setState("denied");
      });
      setProvider(ws);
    };
    void connect();

    // The browser knows first: stop the socket at once, reconnect the moment the network returns.
    const wentOffline = () => {
      ws?.disconnect();
      setState("offline");
    };
    const cameOnline = () => {
      if (ws) ws.connect();
      else void connect();
    };
    window.addEventListener("offline", wentOffline);
    window.addEventListener("online", cameOnline);
    return () => {
      disposed = true;
      if (retry) clearTimeout(retry);
      window.removeEventListener("offline", wentOffline);
      window.removeEventListener("online", cameOnline);
      ws?.destroy();
      void local.destroy();
    };
  }, [doc, draftId]);

  return { doc, provider, ready, state };
}
