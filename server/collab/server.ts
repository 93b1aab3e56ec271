// The collaboration server: the y-websocket protocol (sync + awareness) over `ws`, with
// authentication at the upgrade, read-only enforcement on every message, durable persistence
// before broadcast, and the clause index derived after stored changes.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, WebSocket, type RawData } from "ws";
import * as Y from "yjs";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import { readClauses } from "@/lib/editor/ydoc";
import { verifyCollabToken, draftIdOfRoom } from "@/server/auth/collab-token";
import { CLOSE } from "./close-codes";
import { UpdateLog, compactDraft, loadDraftInto, rememberClients } from "./persistence";
import { clausesDeletedBy, clausesInsertedBy } from "./attribution";
import { MoveCarry } from "./move-carry";

const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_QUERY_AWARENESS = 3;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

export type AccessMode = "rw" | "ro";
export type CheckpointReason = "quiet" | "interval" | "left" | "shutdown";
export type AccessDecision = { mode: AccessMode; name: string } | "not_found" | "forbidden";

export interface CollabServerOptions {
  /** Decides, from the database, what a user may do on a draft (the permission module). */
  resolveAccess(userId: string, draftId: string): Promise<AccessDecision>;
  /** Derives the relational indexes from the document after stored changes settle. */
  indexDraft?(draftId: string, doc: Y.Doc): Promise<void>;
  /**
   * Stores an automatic version: after a burst of edits ends, at most every `checkpointMaxMs`
   * while editing goes on, and when the last editor leaves. Receives bytes and plain data only.
   */
  checkpoint?(draftId: string, state: Uint8Array, touched: Record<string, string[]>, reason: CheckpointReason): Promise<void>;
  checkpointQuietMs?: number;
  checkpointMaxMs?: number;
  maxMessageBytes?: number;
  rateLimit?: { messagesPerSecond: number; burst: number };
  indexDebounceMs?: number;
  indexMaxWaitMs?: number;
  compactAfterUpdates?: number;
  /** Fold the update log into the snapshot when a room unloads (benchmarks of long logs turn it off). */
  compactOnUnload?: boolean;
  unloadGraceMs?: number;
  log?: (event: string, data?: Record<string, unknown>) => void;
}

interface Conn {
  ws: WebSocket;
  userId: string;
  name: string;
  mode: AccessMode;
  room: Room;
  tokens: number;
  lastRefill: number;
  /** Awareness client ids this connection speaks for; nobody else may set them. */
  awarenessIds: Set<number>;
  backlog: Uint8Array[];
}

class TokenBucketLimiter {
  constructor(private readonly perSecond: number, private readonly burst: number) {}
  take(conn: Conn, now = Date.now()): boolean {
    conn.tokens = Math.min(this.burst, conn.tokens + ((now - conn.lastRefill) / 1000) * this.perSecond);
    conn.lastRefill = now;
    if (conn.tokens < 1) return false;
    conn.tokens -= 1;
    return true;
  }
}

class Room {
  /** Keeps concurrent edits of a moved article; owns the doc (its garbage-collection filter). */
  readonly moves = new MoveCarry();
  readonly doc = this.moves.doc;
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Set<Conn>();
  ready = false;
  loading: Promise<boolean>;
  indexTimer: NodeJS.Timeout | null = null;
  dirtySince = 0;
  indexing: Promise<void> | null = null;
  updatesSinceCompaction = 0;
  compacting: Promise<unknown> | null = null;
  unloadTimer: NodeJS.Timeout | null = null;
  knownClients = new Set<number>();
  /** Which connection speaks for each awareness client id (looked up for every relayed entry). */
  awarenessOwners = new Map<number, Conn>();
  /** Who touched which clause since the last version: clauseId → user ids. */
  touched = new Map<string, Set<string>>();
  checkpointTimer: NodeJS.Timeout | null = null;
  lastCheckpointAt = Date.now();
  checkpointing: Promise<void> | null = null;
  constructor(readonly draftId: string, load: (room: Room) => Promise<boolean>) {
    this.awareness.setLocalState(null); // the server has no presence of its own
    this.loading = load(this);
  }
}

export class CollabServer {
  private readonly wss: WebSocketServer;
  private readonly rooms = new Map<string, Room>();
  private readonly updateLog = new UpdateLog();
  private readonly limiter: TokenBucketLimiter;
  private readonly opts: Required<Omit<CollabServerOptions, "indexDraft" | "log" | "checkpoint">> & Pick<CollabServerOptions, "indexDraft" | "log" | "checkpoint">;
  private closing = false;
  readonly stats = { droppedReadOnlyWrites: 0, malformedClosed: 0, rejectedUpgrades: 0, acceptedUpdates: 0 };

  constructor(options: CollabServerOptions) {
    this.opts = {
      maxMessageBytes: 2 * 1024 * 1024,
      rateLimit: { messagesPerSecond: 300, burst: 1200 },
      indexDebounceMs: 400,
      indexMaxWaitMs: 2000,
      compactAfterUpdates: 2000,
      compactOnUnload: true,
      unloadGraceMs: 2000,
      checkpointQuietMs: 60_000,
      checkpointMaxMs: 10 * 60_000,
      ...options,
    };
    this.limiter = new TokenBucketLimiter(this.opts.rateLimit.messagesPerSecond, this.opts.rateLimit.burst);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.opts.maxMessageBytes });
  }

  /** For the HTTP server's `upgrade` event. The token is checked before anything is served. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://localhost");
    const room = decodeURIComponent(url.pathname.replace(/^\/collab\//, ""));
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      void this.admit(ws, room, url.searchParams.get("token")).catch((error) => {
        this.opts.log?.("admit_failed", { error: String(error) });
        safeClose(ws, CLOSE.internal, "internal error");
      });
    });
  }

  private async admit(ws: WebSocket, roomName: string, token: string | null): Promise<void> {
    // Messages that arrive while we check the token wait; none is read before access is known.
    const early: Uint8Array[] = [];
    const collectEarly = (data: RawData) => early.push(toBytes(data));
    ws.on("message", collectEarly);
    ws.on("error", () => undefined);

    if (this.closing) return safeClose(ws, CLOSE.goingAway, "server shutting down");
    const draftId = draftIdOfRoom(roomName);
    const check = verifyCollabToken(token, roomName);
    if (!draftId || !check.ok) {
      this.stats.rejectedUpgrades++;
      const forbidden = !check.ok && check.reason === "wrong_room";
      return safeClose(ws, forbidden ? CLOSE.forbidden : CLOSE.unauthorized, check.ok ? "unknown room" : check.reason);
    }
    const access = await this.opts.resolveAccess(check.claims.sub, draftId);
    if (access === "not_found") return safeClose(ws, CLOSE.notFound, "draft not found");
    if (access === "forbidden") {
      this.stats.rejectedUpgrades++;
      return safeClose(ws, CLOSE.forbidden, "no access to this draft");
    }
    if (ws.readyState !== WebSocket.OPEN) return;

    const room = this.roomFor(draftId);
    const conn: Conn = {
      ws,
      userId: check.claims.sub,
      name: access.name,
      mode: access.mode,
      room,
      tokens: this.opts.rateLimit.burst,
      lastRefill: Date.now(),
      awarenessIds: new Set(),
      backlog: early,
    };
    if (room.unloadTimer) clearTimeout(room.unloadTimer);
    room.unloadTimer = null;
    room.conns.add(conn);
    ws.off("message", collectEarly);
    ws.on("message", (data) => this.onMessage(conn, toBytes(data)));
    ws.on("close", () => this.onClose(conn));

    const loaded = await room.loading;
    if (!loaded) return safeClose(ws, CLOSE.internal, "document could not be loaded");
    if (ws.readyState !== WebSocket.OPEN) return;
    // Serve only now that the stored state is in memory: our sync step 1, then presence.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MSG_SYNC);
    syncProtocol.writeSyncStep1(encoder, room.doc);
    send(conn, encoding.toUint8Array(encoder));
    const states = [...room.awareness.getStates().keys()];
    if (states.length) send(conn, awarenessMessage(room.awareness, states));
    const backlog = conn.backlog;
    conn.backlog = [];
    for (const frame of backlog) this.onMessage(conn, frame);
  }

  private roomFor(draftId: string): Room {
    let room = this.rooms.get(draftId);
    if (room) return room;
    room = new Room(draftId, (r) => this.loadRoom(r));
    const target = room;
    room.moves.onCarry((update, userId) => this.commitServerUpdate(target, update, userId), this.opts.log);
    this.rooms.set(draftId, room);
    return room;
  }

  private async loadRoom(room: Room): Promise<boolean> {
    try {
      const found = await loadDraftInto(room.draftId, room.doc, (seq, error) =>
        this.opts.log?.("stored_update_skipped", { draftId: room.draftId, seq, error: String(error) }),
      );
      if (found === false) {
        this.rooms.delete(room.draftId);
        return false;
      }
      // A long log (offline resyncs, a crash before compaction) is folded once, after serving.
      if (found > this.opts.compactAfterUpdates) setImmediate(() => void this.compact(room));
    } catch (error) {
      this.opts.log?.("load_failed", { draftId: room.draftId, error: String(error) });
      this.rooms.delete(room.draftId);
      return false;
    }
    room.doc.on("update", (update: Uint8Array, origin: unknown) => this.broadcastUpdate(room, update, origin));
    room.awareness.on("update", ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      if (origin && typeof origin === "object" && "awarenessIds" in origin) {
        const conn = origin as Conn;
        for (const id of added) {
          conn.awarenessIds.add(id);
          room.awarenessOwners.set(id, conn);
        }
        for (const id of removed) {
          conn.awarenessIds.delete(id);
          room.awarenessOwners.delete(id);
        }
      }
      const message = awarenessMessage(room.awareness, changed);
      for (const c of room.conns) send(c, message);
    });
    room.ready = true;
    return true;
  }

  private onMessage(conn: Conn, data: Uint8Array): void {
    if (!this.limiter.take(conn)) {
      return safeClose(conn.ws, CLOSE.rateLimited, "too many messages");
    }
    if (!conn.room.ready) {
      conn.backlog.push(data);
      return;
    }
    try {
      this.handleFrame(conn, data);
    } catch (error) {
      this.stats.malformedClosed++;
      this.opts.log?.("malformed", { userId: conn.userId, error: String(error) });
      safeClose(conn.ws, CLOSE.malformed, "malformed message");
    }
  }

  /** Every message of the frame is decoded and checked, not just the first bytes. */
  private handleFrame(conn: Conn, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const room = conn.room;
    do {
      const type = decoding.readVarUint(decoder);
      if (type === MSG_SYNC) {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === SYNC_STEP1) {
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MSG_SYNC);
          encoding.writeVarUint(encoder, SYNC_STEP2);
          encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(room.doc, payload));
          send(conn, encoding.toUint8Array(encoder));
        } else if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
          this.acceptUpdate(conn, payload);
        } else throw new Error(`unknown sync step ${step}`);
      } else if (type === MSG_AWARENESS) {
        const update = decoding.readVarUint8Array(decoder);
        this.applyAwareness(conn, update);
      } else if (type === MSG_QUERY_AWARENESS) {
        send(conn, awarenessMessage(room.awareness, [...room.awareness.getStates().keys()]));
      } else throw new Error(`unknown message type ${type}`);
    } while (decoding.hasContent(decoder));
  }

  private acceptUpdate(conn: Conn, update: Uint8Array): void {
    if (conn.mode !== "rw") {
      this.stats.droppedReadOnlyWrites++;
      return; // read-only: never stored, never applied, never forwarded
    }
    const decoded = Y.decodeUpdate(update); // throws on a malformed update, before anything is stored
    if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return;
    const clients = new Set(decoded.structs.map((s) => s.id.client));
    const room = conn.room;
    this.updateLog
      .append({ draftId: room.draftId, data: update, userId: conn.userId })
      .then(() => {
        this.stats.acceptedUpdates++;
        const deletedIn = this.opts.checkpoint ? clausesDeletedBy(room.doc, decoded) : null;
        try {
          room.moves.apply(update, decoded, conn, conn.userId); // Y.applyUpdate: broadcasts through the doc's update event
          if (deletedIn) this.noteTouched(room, conn.userId, [...deletedIn, ...clausesInsertedBy(room.doc, decoded)]);
        } catch (error) {
          this.opts.log?.("apply_failed", { draftId: room.draftId, error: String(error) });
          safeClose(conn.ws, CLOSE.malformed, "update could not be applied");
          return;
        }
        this.rememberClientIds(room, clients, conn.userId);
        this.scheduleIndex(room);
        if (++room.updatesSinceCompaction >= this.opts.compactAfterUpdates) this.compact(room);
      })
      .catch((error) => {
        // Not stored: the client keeps the change and resends it after reconnecting.
        this.opts.log?.("persist_failed", { draftId: room.draftId, error: String(error) });
        safeClose(conn.ws, CLOSE.internal, "could not store the change");
      });
  }

  /**
   * Stock clients relay the presence of others too; only entries for client ids this connection
   * owns (or that nobody owns yet) are applied, so nobody can speak for somebody else.
   */
  private applyAwareness(conn: Conn, update: Uint8Array): void {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const kept: { clientId: number; clock: number; state: string }[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      JSON.parse(state); // malformed JSON closes the connection like any malformed message
      const owner = conn.room.awarenessOwners.get(clientId);
      if (!owner || owner === conn) kept.push({ clientId, clock, state });
    }
    if (!kept.length) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kept.length);
    for (const entry of kept) {
      encoding.writeVarUint(encoder, entry.clientId);
      encoding.writeVarUint(encoder, entry.clock);
      encoding.writeVarString(encoder, entry.state);
    }
    awarenessProtocol.applyAwarenessUpdate(conn.room.awareness, encoding.toUint8Array(encoder), conn);
  }

  private broadcastUpdate(room: Room, update: Uint8Array, origin: unknown): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MSG_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const c of room.conns) if (c !== origin) send(c, message);
  }

  private noteTouched(room: Room, userId: string, clauseIds: string[]): void {
    for (const clauseId of clauseIds) {
      if (!room.touched.has(clauseId)) room.touched.set(clauseId, new Set());
      room.touched.get(clauseId)!.add(userId);
    }
    if (!clauseIds.length) return;
    // A version after the burst ends, and at least every checkpointMaxMs while it goes on.
    if (room.checkpointTimer) clearTimeout(room.checkpointTimer);
    const overdue = Date.now() - room.lastCheckpointAt >= this.opts.checkpointMaxMs;
    room.checkpointTimer = setTimeout(() => void this.checkpoint(room, overdue ? "interval" : "quiet"), overdue ? 0 : this.opts.checkpointQuietMs);
  }

  /** Hands the touched-clause map to a named version and starts a new period. */
  takeTouched(draftId: string): Record<string, string[]> {
    const room = this.rooms.get(draftId);
    if (!room) return {};
    const out = Object.fromEntries([...room.touched].map(([k, v]) => [k, [...v]]));
    room.touched.clear();
    room.lastCheckpointAt = Date.now();
    if (room.checkpointTimer) clearTimeout(room.checkpointTimer);
    room.checkpointTimer = null;
    return out;
  }

  /**
   * Signals a change outside the text (comments) to the clients of a draft, through the
   * server's own presence entry: stock clients receive it with awareness, no new message type.
   */
  signal(draftId: string, topic: string): void {
    const room = this.rooms.get(draftId);
    if (!room?.ready) return;
    const current = room.awareness.getLocalState() ?? {};
    room.awareness.setLocalState({ ...current, [topic]: ((current[topic] as number) ?? 0) + 1 });
  }

  /** The live state of a loaded draft, or null when no room holds it. */
  liveState(draftId: string): Uint8Array | null {
    const room = this.rooms.get(draftId);
    return room?.ready ? Y.encodeStateAsUpdate(room.doc) : null;
  }

  private async checkpoint(room: Room, reason: CheckpointReason): Promise<void> {
    if (!this.opts.checkpoint || !room.ready || room.touched.size === 0) return;
    if (room.checkpointing) await room.checkpointing;
    await this.updateLog.drain();
    const touched = this.takeTouched(room.draftId);
    if (Object.keys(touched).length === 0) return;
    room.checkpointing = this.opts
      .checkpoint(room.draftId, Y.encodeStateAsUpdate(room.doc), touched, reason)
      .catch((error) => this.opts.log?.("checkpoint_failed", { draftId: room.draftId, error: String(error) }))
      .finally(() => (room.checkpointing = null));
    await room.checkpointing;
  }

  private rememberClientIds(room: Room, clients: Set<number>, userId: string): void {
    const fresh = [...clients].filter((id) => !room.knownClients.has(id));
    if (!fresh.length) return;
    for (const id of fresh) room.knownClients.add(id);
    rememberClients(room.draftId, fresh, userId).catch((error) => this.opts.log?.("clients_failed", { error: String(error) }));
  }

  private scheduleIndex(room: Room): void {
    if (!this.opts.indexDraft) return;
    const now = Date.now();
    if (!room.dirtySince) room.dirtySince = now;
    if (room.indexTimer) clearTimeout(room.indexTimer);
    const wait = Math.max(0, Math.min(this.opts.indexDebounceMs, room.dirtySince + this.opts.indexMaxWaitMs - now));
    room.indexTimer = setTimeout(() => void this.runIndex(room), wait);
  }

  private async runIndex(room: Room): Promise<void> {
    room.indexTimer = null;
    if (room.indexing) {
      await room.indexing;
      if (room.dirtySince) this.scheduleIndex(room);
      return;
    }
    room.dirtySince = 0;
    room.indexing = this.opts.indexDraft!(room.draftId, room.doc)
      .catch((error) => this.opts.log?.("index_failed", { draftId: room.draftId, error: String(error) }))
      .finally(() => (room.indexing = null));
    await room.indexing;
  }

  private compact(room: Room): Promise<unknown> {
    room.updatesSinceCompaction = 0;
    if (!room.compacting) {
      room.compacting = this.updateLog
        .drain()
        .then(() => compactDraft(room.draftId))
        .catch((error) => this.opts.log?.("compact_failed", { draftId: room.draftId, error: String(error) }))
        .finally(() => (room.compacting = null));
    }
    return room.compacting;
  }

  private onClose(conn: Conn): void {
    const room = conn.room;
    if (!room.conns.delete(conn)) return;
    for (const id of conn.awarenessIds) room.awarenessOwners.delete(id);
    if (conn.awarenessIds.size) awarenessProtocol.removeAwarenessStates(room.awareness, [...conn.awarenessIds], null);
    if (room.conns.size === 0 && !this.closing) {
      room.unloadTimer = setTimeout(() => void this.unload(room), this.opts.unloadGraceMs);
    }
  }

  /** Last client gone: store everything, index, compact, and free the memory. */
  private async unload(room: Room): Promise<void> {
    if (room.conns.size > 0 || this.rooms.get(room.draftId) !== room) return;
    this.rooms.delete(room.draftId);
    await this.flushRoom(room, "left");
    room.awareness.destroy();
    room.doc.destroy();
  }

  private async flushRoom(room: Room, reason: CheckpointReason): Promise<void> {
    await room.loading;
    await room.moves.settled();
    await this.updateLog.drain();
    if (room.checkpointTimer) clearTimeout(room.checkpointTimer);
    await this.checkpoint(room, reason);
    if (room.indexTimer) {
      clearTimeout(room.indexTimer);
      await this.runIndex(room);
    }
    await room.indexing;
    if (room.ready && this.opts.compactOnUnload) await this.compact(room);
  }

  /**
   * Applies a server-side change through the live document (restores, re-anchoring), so that
   * connected editors see it at once. `change` receives the current state and returns the update
   * to apply: bytes, not Yjs objects, because the Next.js bundle has its own copy of Yjs.
   */
  async applyServerChange(draftId: string, change: (state: Uint8Array) => Uint8Array, userId: string | null): Promise<void> {
    const room = this.roomFor(draftId);
    if (!(await room.loading)) throw new Error("draft could not be loaded");
    await this.commitServerUpdate(room, change(Y.encodeStateAsUpdate(room.doc)), userId);
    if (room.conns.size === 0) room.unloadTimer ??= setTimeout(() => void this.unload(room), this.opts.unloadGraceMs);
  }

  /** Stores a server-made update, then applies and broadcasts it (restores, moved-article carries). */
  private async commitServerUpdate(room: Room, update: Uint8Array, userId: string | null): Promise<void> {
    const decoded = Y.decodeUpdate(update); // refuses a malformed change before storing it
    await this.updateLog.append({ draftId: room.draftId, data: update, userId });
    const deletedIn = clausesDeletedBy(room.doc, decoded);
    room.moves.apply(update, decoded, "server", userId);
    if (userId) this.noteTouched(room, userId, [...deletedIn, ...clausesInsertedBy(room.doc, decoded)]);
    this.scheduleIndex(room);
  }

  /** Re-checks every open connection of a user (role change, deactivation): effective at once. */
  async revalidateUser(userId: string): Promise<void> {
    for (const room of this.rooms.values()) {
      for (const conn of room.conns) {
        if (conn.userId !== userId) continue;
        const access = await this.opts.resolveAccess(userId, room.draftId);
        if (access === "not_found" || access === "forbidden") safeClose(conn.ws, CLOSE.forbidden, "access revoked");
        else conn.mode = access.mode;
      }
    }
  }

  /** Durable-ack times (append → commit), for the benchmarks. */
  ackTimes(): number[] {
    return this.updateLog.ackTimes();
  }

  roomInfo() {
    return [...this.rooms.values()].map((r) => ({ draftId: r.draftId, connections: r.conns.size, ready: r.ready }));
  }

  /** SIGTERM: refuse new work, store what is pending, index, close sockets with 1001. */
  async close(): Promise<void> {
    this.closing = true;
    for (const room of this.rooms.values()) {
      for (const conn of room.conns) safeClose(conn.ws, CLOSE.goingAway, "server shutting down");
    }
    await Promise.all([...this.rooms.values()].map((room) => this.flushRoom(room, "shutdown")));
    await this.updateLog.drain();
    for (const room of this.rooms.values()) {
      if (room.unloadTimer) clearTimeout(room.unloadTimer);
      room.awareness.destroy();
      room.doc.destroy();
    }
    this.rooms.clear();
    this.wss.close();
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MSG_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

function send(conn: Conn, message: Uint8Array): void {
  const ws = conn.ws;
  if (ws.readyState !== WebSocket.OPEN) return;
  if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
    // A client that cannot keep up is dropped; it resyncs from the stored state on reconnect.
    safeClose(ws, CLOSE.rateLimited, "client too slow");
    return;
  }
  ws.send(message, { binary: true });
}

function safeClose(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) {
    try {
      ws.close(code, reason);
    } catch {
      ws.terminate();
    }
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The default wiring: index into the database through the domain layer. */
export async function indexWithDomain(draftId: string, doc: Y.Doc): Promise<void> {
  const { indexDraftClauses } = await import("@/server/domain/drafts");
  await indexDraftClauses(draftId, readClauses(doc));
}

/** The default wiring: automatic versions through the domain layer. */
export async function checkpointWithDomain(draftId: string, state: Uint8Array, touched: Record<string, string[]>, reason: CheckpointReason): Promise<void> {
  const { createAutoVersion } = await import("@/server/domain/versions");
  await createAutoVersion(draftId, state, touched, reason);
}
