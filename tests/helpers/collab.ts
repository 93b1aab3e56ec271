// A real collaboration server on 127.0.0.1 and real y-websocket clients for tests and benchmarks.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import type { CollabServer, CollabServerOptions } from "@/server/collab/server";
import { composeCollab } from "@/server/compose";
import { mintCollabAccess } from "@/server/domain/drafts/collab-access";
import type { Actor } from "@/server/domain/actor";

export interface RunningCollab {
  server: CollabServer;
  http: Server;
  url: string;
  stop(): Promise<void>;
}

export async function startCollab(options: Partial<CollabServerOptions> = {}): Promise<RunningCollab> {
  // Plugged in like in production: domain code (restore, named versions) reaches the live documents.
  const { collab: server, unplug } = composeCollab({ indexDebounceMs: 50, unloadGraceMs: 200, ...options });
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on("upgrade", (req, socket, head) => {
    if (req.url?.startsWith("/collab/")) server.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    server,
    http,
    url: `ws://127.0.0.1:${port}/collab`,
    stop: async () => {
      unplug();
      await server.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closed: Promise<{ code: number; reason: string }>;
  destroy(): void;
}

export async function connectAs(collab: { url: string }, actor: Actor, draftId: string, opts: { doc?: Y.Doc; token?: string; room?: string; connect?: boolean } = {}): Promise<TestClient> {
  const access = await mintCollabAccess(actor, draftId, collab.url);
  const doc = opts.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(collab.url, opts.room ?? access.room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token: opts.token ?? access.token },
    connect: opts.connect ?? true,
    disableBc: true,
  });
  let destroyed = false;
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    provider.on("closed", (e) => {
      // Like the browser: a token is good for one socket, so a reconnect fetches a new one (4401).
      if (e.code === 4401 && !opts.token && !destroyed) {
        void mintCollabAccess(actor, draftId, collab.url).then((fresh) => {
          if (destroyed) return;
          provider.params = { token: fresh.token };
          provider.connect();
        });
      } else resolve(e);
    }),
  );
  return { doc, provider, closed, destroy: () => { destroyed = true; provider.destroy(); } };
}

/** How a socket closed, or null when it was still open after `ms` (a test's deadline, readable when missed). */
export const closedWithin = (closed: Promise<{ code: number; reason: string }>, ms: number) =>
  Promise.race([closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);

export function waitForSync(client: TestClient, timeoutMs = 5000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("not synced in time")), timeoutMs);
    client.provider.once("sync", (synced: boolean) => {
      if (synced) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

export async function waitFor<T>(probe: () => T | Promise<T>, timeoutMs = 5000, what = "condition"): Promise<NonNullable<T>> {
  const start = Date.now();
  let last: unknown;
  while (Date.now() - start < timeoutMs) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

/** A raw socket of `actor` on a draft, with a fresh token (tokens open one socket each). */
export async function rawSocketAs(collab: { url: string }, actor: Actor, draftId: string) {
  const access = await mintCollabAccess(actor, draftId, collab.url);
  return rawSocket(`${collab.url}/${access.room}?token=${access.token}`);
}

/** Raw websocket for protocol-level tests (malformed frames, forged tokens). */
export function rawSocket(url: string): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }>; messages: Buffer[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const messages: Buffer[] = [];
    const closed = new Promise<{ code: number; reason: string }>((r) => ws.on("close", (code, reason) => r({ code, reason: reason.toString() })));
    ws.on("message", (m) => messages.push(m as Buffer));
    ws.on("open", () => resolve({ ws, closed, messages }));
    ws.on("error", reject);
  });
}
