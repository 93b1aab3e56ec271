"use client";
// The live document of a draft in the browser: y-indexeddb keeps a local copy (offline editing,
// fast reopen, opening without a network), the stock y-websocket provider syncs it with the
// server. Every socket is opened with a fresh one-socket token (fetched with the access mode),
// so the provider's own reconnects never reuse a spent token. The server's close codes drive
// the rest: the role changed (reconnect with the new mode), or it refused changes from this
// copy (throw the local copy away and start again from the server's state).
import { useEffect, useRef, useState } from "react";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { IndexeddbPersistence } from "y-indexeddb";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { fragmentOf } from "@/lib/editor/languages";
import { localCopyName } from "@/lib/offline";
import type { CollabAccess } from "@/lib/contracts/drafts"; // type only: no zod on the editor page

export type ConnectionState = "connecting" | "connected" | "offline" | "denied";
export type AccessMode = CollabAccess["mode"];
/** Shown once after the server changed what this session may do. */
export type SessionNotice = "demoted" | "promoted" | "reset";

// Close codes of the collaboration server (server/collab/close-codes.ts, docs/API.md).
const CLOSE_TOKEN_REJECTED = 4401; // expired or already used: the next attempt fetches a new token
const CLOSE_REFUSED = 4409; // a read-only connection sent content
const CLOSE_ACCESS_CHANGED = 4410; // the user's mode on this draft changed
/** Not a server code: the token could not be fetched (no network), like a socket that failed. */
const CLOSE_UNREACHABLE = 1006;
/** A copy refused again and again (a bug writing on its own) must not spin: pause between resets. */
const RESETS_BEFORE_PAUSE = 2;
const RESET_PAUSE_MS = 30_000;

export type AccessAnswer = CollabAccess | "denied" | "unreachable";

export async function fetchAccess(draftId: string): Promise<AccessAnswer> {
  try {
    const res = await fetch(`/api/drafts/${draftId}/collab`, { cache: "no-store" });
    if (res.status === 401 || res.status === 403 || res.status === 404) return "denied";
    if (!res.ok) return "unreachable";
    const access = (await res.json()) as CollabAccess;
    // The socket cannot open without these; the API tests check the whole contract.
    if (typeof access?.url === "string" && typeof access.token === "string" && (access.mode === "rw" || access.mode === "ro")) return access;
    console.error(`GET /api/drafts/${draftId}/collab: the answer does not match its contract`, access);
    return "unreachable";
  } catch {
    return "unreachable"; // offline: keep editing locally, the provider retries with backoff
  }
}

/**
 * A WebSocket for y-websocket's `WebSocketPolyfill` option: it fetches a fresh token (and the
 * address and mode that come with it) before it opens the real socket. The provider creates one
 * per attempt, so every reconnect gets its own token without a 4401 round trip.
 */
export function socketWithFreshToken(getAccess: () => Promise<AccessAnswer>) {
  return class SocketWithFreshToken {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    readonly CLOSING = 2;
    readonly CLOSED = 3;
    binaryType: BinaryType = "arraybuffer";
    readyState = 0;
    onopen: ((event: Event) => void) | null = null;
    onmessage: ((event: MessageEvent) => void) | null = null;
    onerror: ((event: Event) => void) | null = null;
    onclose: ((event: Pick<CloseEvent, "code" | "reason">) => void) | null = null;
    private socket: WebSocket | null = null;
    private abandoned = false;

    constructor() {
      void getAccess().then((access) => {
        if (this.abandoned) return;
        if (access === "denied") return this.fail(4403, "access refused");
        if (access === "unreachable") return this.fail(CLOSE_UNREACHABLE, "server unreachable");
        const socket = new WebSocket(`${access.url}/${access.room}?${new URLSearchParams({ token: access.token })}`);
        socket.binaryType = this.binaryType;
        socket.onopen = (event) => {
          this.readyState = this.OPEN;
          this.onopen?.(event);
        };
        socket.onmessage = (event) => this.onmessage?.(event);
        socket.onerror = (event) => this.onerror?.(event);
        socket.onclose = (event) => {
          this.readyState = this.CLOSED;
          this.onclose?.(event);
        };
        this.socket = socket;
      });
    }

    send(data: ArrayBufferLike | Uint8Array) {
      this.socket?.send(data as Uint8Array<ArrayBuffer>);
    }

    close() {
      this.abandoned = true;
      this.readyState = this.CLOSED;
      this.socket?.close();
    }

    private fail(code: number, reason: string) {
      this.readyState = this.CLOSED;
      this.onclose?.({ code, reason });
    }
  };
}

/** 44xx are final for the stock provider; an expired token and a changed role are not. */
export function shouldReconnect({ code }: { code: number }): boolean {
  if (code === CLOSE_TOKEN_REJECTED || code === CLOSE_ACCESS_CHANGED) return true;
  return !(code >= 4400 && code < 4500);
}

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Changes when the local copy was thrown away: the editor must be built again. */
  generation: number;
  /** True once the document can be shown without risking a duplicate of the initial content. */
  ready: boolean;
  /**
   * The same for the French text: true once its fragment holds content (from the local copy or
   * the server). An editor on an empty fragment would write its schema's default article into it,
   * and the server would mirror that stray article into the English text.
   */
  frenchReady: boolean;
  /** True while the local copy holds everything the server had when this socket connected. */
  synced: boolean;
  state: ConnectionState;
  /** What the server lets this user do now (starts from the page's answer, follows role changes). */
  mode: AccessMode;
  notice: SessionNotice | null;
}

interface Live {
  doc: Y.Doc;
  provider: WebsocketProvider;
  generation: number;
}

export function useCollabSession(draftId: string, userId: string, initialMode: AccessMode): CollabSession | null {
  const [generation, setGeneration] = useState(0);
  const [live, setLive] = useState<Live | null>(null);
  const [ready, setReady] = useState(false);
  const [frenchReady, setFrenchReady] = useState(false);
  const [synced, setSynced] = useState(false);
  const [state, setState] = useState<ConnectionState>("connecting");
  const [mode, setMode] = useState<AccessMode>(initialMode);
  const [notice, setNotice] = useState<SessionNotice | null>(null);
  const modeRef = useRef(initialMode);
  const recentResets = useRef<number[]>([]);

  useEffect(() => {
    let disposed = false;
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(localCopyName(userId, draftId), doc);
    const hasContent = () => doc.getXmlFragment(YDOC_FIELD).length > 0;
    setReady(false);
    setFrenchReady(false);
    setSynced(false);
    void local.whenSynced.then(() => {
      if (!disposed && hasContent()) setReady(true);
    });
    // The French text is shown only once its fragment is not empty, wherever that content came
    // from (a local copy made before the bilingual Charter has none until the server's arrives).
    const french = fragmentOf(doc, "fr");
    const checkFrench = () => {
      if (!disposed && french.length > 0) setFrenchReady(true);
    };
    french.observe(checkFrench);
    void local.whenSynced.then(checkFrench);

    const getAccess = async () => {
      const access = await fetchAccess(draftId);
      if (disposed) return access;
      if (access === "unreachable") setState("offline");
      else if (access !== "denied" && access.mode !== modeRef.current) {
        setNotice(access.mode === "ro" ? "demoted" : "promoted");
        modeRef.current = access.mode;
        setMode(access.mode);
      }
      return access;
    };
    // The address and the room come with each token (socketWithFreshToken): these two only name
    // the provider.
    const provider = new WebsocketProvider("collab", draftId, doc, {
      WebSocketPolyfill: socketWithFreshToken(getAccess) as unknown as typeof WebSocket,
      shouldReconnect,
      maxBackoffTime: 5000,
      // Another tab's copy must not bypass the server (a refused copy would come back through it).
      disableBc: true,
    });
    provider.on("status", ({ status }) =>
      setState((previous) => (status === "connected" ? "connected" : previous === "offline" ? "offline" : "connecting")),
    );
    provider.on("sync", (isSynced: boolean) => {
      setSynced(isSynced);
      if (isSynced) setReady(true);
    });
    provider.on("closed", ({ code }) => {
      if (code !== CLOSE_REFUSED) return setState("denied");
      // The server refused changes this copy holds (typed after a demotion, or a tampered copy):
      // drop the copy, local storage included, and start again from the server's state, so the
      // refused text can never be sent again.
      disposed = true;
      provider.destroy();
      const now = Date.now();
      recentResets.current = [...recentResets.current.filter((t) => now - t < 60_000), now];
      const pause = recentResets.current.length > RESETS_BEFORE_PAUSE ? RESET_PAUSE_MS : 0;
      void local.clearData().finally(() => {
        setNotice("reset");
        setTimeout(() => setGeneration((n) => n + 1), pause);
      });
    });
    setLive({ doc, provider, generation });

    // The browser knows first: stop the socket at once, reconnect the moment the network returns.
    const wentOffline = () => {
      provider.disconnect();
      setState("offline");
    };
    const cameOnline = () => provider.connect();
    window.addEventListener("offline", wentOffline);
    window.addEventListener("online", cameOnline);
    return () => {
      disposed = true;
      french.unobserve(checkFrench);
      window.removeEventListener("offline", wentOffline);
      window.removeEventListener("online", cameOnline);
      provider.destroy();
      void local.destroy();
    };
  }, [draftId, userId, generation]);

  if (!live || live.generation !== generation) return null;
  return { doc: live.doc, provider: live.provider, generation, ready, frenchReady, synced, state, mode, notice };
}
