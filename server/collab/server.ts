// The collaboration server: the y-websocket protocol (sync + awareness) over `ws`, with
// authentication at the upgrade (one socket per token), read-only enforcement on every message,
// updates validated on a scratch copy and stored before broadcast, presence stamped with the
// connection's identity, limits per user, and the clause index derived after stored changes.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, WebSocket, type RawData } from "ws";
import * as Y from "yjs";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import { readClauses } from "@/lib/editor/ydoc";
import { verifyCollabToken, draftIdOfRoom, UsedCollabTokens } from "@/server/auth/collab-token";
import { PRESENCE_LIMITS, colorFor, sanitizePresence, type PresenceUser } from "@/lib/presence";
import { CLOSE } from "./close-codes";
import { UpdateLog, compactDraft, loadDraftInto, rememberClients } from "./persistence";
import { clausesDeletedBy, clausesInsertedBy } from "./attribution";
import { MoveCarry } from "./move-carry";
import { stageTimes } from "@/server/observability/stage-times";

const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_QUERY_AWARENESS = 3;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** Presence client ids one connection may speak for (a tab has one; Yjs may renew it). */
const MAX_PRESENCE_IDS_PER_CONN = 4;
/** Entries in one presence message: honest clients relay everyone they know (a committee). */
const MAX_PRESENCE_ENTRIES = 1000;
/** Which user first spoke for a presence client id, per draft (kept across room unloads). */
const MAX_PRESENCE_CLAIMS = 50_000;
/** Frames that may wait while a socket is admitted. */
const MAX_EARLY_FRAMES = 64;

export type AccessMode = "rw" | "ro";
export type CheckpointReason = "quiet" | "interval" | "left" | "shutdown";
export type AccessDecision = { mode: AccessMode; name: string; delegation: string; role: string } | "not_found" | "forbidden";

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
  /** Messages (not frames) per user and room: several sockets of one person share it. */
  rateLimit?: { messagesPerSecond: number; burst: number };
  /** Sync step 1 requests per connection (each one costs a state encoding). */
  syncRequests?: { perMinute: number; burst: number };
  /** Open sockets per user, over all drafts. */
  maxSocketsPerUser?: number;
  /** A socket not served within this time (token, access, load) is closed with 4500. */
  admitTimeoutMs?: number;
  /** Ping interval; a socket that did not answer the previous ping is dropped. */
  heartbeatMs?: number;
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
  /** What others see of this connection in presence, from the database. */
  identity: PresenceUser;
  mode: AccessMode;
  room: Room;
  /** Shared by every socket of this user in this room. */
  messages: TokenBucket;
  syncRequests: TokenBucket;
  /** Awareness client ids this connection speaks for; nobody else may set them. */
  awarenessIds: Set<number>;
  backlog: Uint8Array[];
  alive: boolean;
}

/** A token bucket: `burst` at once, refilled at `perSecond`. */
class TokenBucket {
  private tokens: number;
  private lastRefill = Date.now();
  constructor(private readonly perSecond: number, private readonly burst: number) {
    this.tokens = burst;
  }
  private refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastRefill) / 1000) * this.perSecond);
    this.lastRefill = now;
  }
  take(now = Date.now()): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
  /** Full again: forgetting it loses nothing. */
  isFull(now = Date.now()): boolean {
    this.refill(now);
    return this.tokens >= this.burst;
  }
}

class Room {
  /** Keeps concurrent edits of a moved article; owns the doc (its garbage-collection filter). */
  readonly moves = new MoveCarry();
  readonly doc = this.moves.doc;
  /**
   * A scratch copy of `doc` plus the updates on their way to storage: every update is applied
   * here first, so one that decodes but cannot be applied is refused before it is stored.
   * Built when the first change arrives (rooms of readers never pay for it); null when it has
   * to be rebuilt.
   */
  shadow: Y.Doc | null = null;
  /** Accepted updates not yet applied to `doc` (stored or being stored), in order. */
  readonly inflight: Uint8Array[] = [];
  /** Y.encodeStateAsUpdate(doc), until the next change. */
  fullState: Uint8Array | null = null;
  /** The sync step 2 answer to a client with an empty document (the full state, framed), until the next change. */
  fullStateReply: Uint8Array | null = null;
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
    // The server's own entry: revisions of what lives outside the text (see signal()).
    this.awareness.setLocalState({ server: true, comments: 0 });
    this.loading = load(this);
  }
}

export class CollabServer {
  private readonly wss: WebSocketServer;
  private readonly rooms = new Map<string, Room>();
  private readonly updateLog = new UpdateLog();
  private readonly opts: Required<Omit<CollabServerOptions, "indexDraft" | "log" | "checkpoint">> & Pick<CollabServerOptions, "indexDraft" | "log" | "checkpoint">;
  private closing = false;
  private readonly usedTokens = new UsedCollabTokens();
  /** Message buckets per "user room", kept while not full so reconnecting does not refill them. */
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly socketsByUser = new Map<string, number>();
  /** "draftId clientId" → the user who first spoke for that presence client id. */
  private readonly presenceClaims = new Map<string, string>();
  private readonly heartbeat: NodeJS.Timeout;
  readonly stats = { droppedReadOnlyWrites: 0, malformedClosed: 0, rejectedUpgrades: 0, acceptedUpdates: 0, refusedUpdates: 0, fullStateEncodings: 0, scratchCopies: 0 };

  constructor(options: CollabServerOptions) {
    this.opts = {
      maxMessageBytes: 2 * 1024 * 1024,
      rateLimit: { messagesPerSecond: 300, burst: 1200 },
      syncRequests: { perMinute: 6, burst: 5 },
      maxSocketsPerUser: 10,
      admitTimeoutMs: 15_000,
      heartbeatMs: 30_000,
      indexDebounceMs: 400,
      indexMaxWaitMs: 2000,
      compactAfterUpdates: 2000,
      compactOnUnload: true,
      unloadGraceMs: 2000,
      checkpointQuietMs: 60_000,
      checkpointMaxMs: 10 * 60_000,
      ...options,
    };
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.opts.maxMessageBytes });
    this.heartbeat = setInterval(() => this.beat(), this.opts.heartbeatMs);
    this.heartbeat.unref();
  }

  /**
   * For the HTTP server's `upgrade` event. Every request is answered: a malformed one with 400
   * (JSON body) and a closed socket; the token is checked before anything is served.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    let roomName: string;
    let token: string | null;
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      roomName = decodeURIComponent(url.pathname.replace(/^\/collab\//, ""));
      token = url.searchParams.get("token");
    } catch {
      this.stats.rejectedUpgrades++;
      return rejectUpgrade(socket, 400, "bad_request", "The collaboration URL is malformed.");
    }
    try {
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        void this.admit(ws, roomName, token).catch((error) => {
          this.opts.log?.("admit_failed", { error: String(error) });
          safeClose(ws, CLOSE.internal, "internal error");
        });
      });
    } catch (error) {
      this.opts.log?.("upgrade_failed", { error: String(error) });
      rejectUpgrade(socket, 400, "bad_request", "The websocket upgrade could not be completed.");
    }
  }

  private async admit(ws: WebSocket, roomName: string, token: string | null): Promise<void> {
    // Messages that arrive while we check the token wait; none is read before access is known.
    const early: Uint8Array[] = [];
    const collectEarly = (data: RawData) => {
      if (early.length >= MAX_EARLY_FRAMES) return safeClose(ws, CLOSE.rateLimited, "too many messages");
      early.push(toBytes(data));
    };
    ws.on("message", collectEarly);
    ws.on("error", () => undefined);
    // A socket that is not served in time (database or load stuck) is closed; the client retries.
    const deadline = setTimeout(() => safeClose(ws, CLOSE.internal, "admission timed out"), this.opts.admitTimeoutMs);
    ws.once("close", () => clearTimeout(deadline));
    try {
      await this.admitChecked(ws, roomName, token, early, collectEarly);
    } finally {
      clearTimeout(deadline);
    }
  }

  private async admitChecked(ws: WebSocket, roomName: string, token: string | null, early: Uint8Array[], collectEarly: (data: RawData) => void): Promise<void> {
    if (this.closing) return safeClose(ws, CLOSE.goingAway, "server shutting down");
    const draftId = draftIdOfRoom(roomName);
    const check = verifyCollabToken(token, roomName);
    if (!draftId || !check.ok) {
      this.stats.rejectedUpgrades++;
      const forbidden = !check.ok && check.reason === "wrong_room";
      return safeClose(ws, forbidden ? CLOSE.forbidden : CLOSE.unauthorized, check.ok ? "unknown room" : check.reason);
    }
    // One socket per token: a token seen in a log or a history entry opens nothing.
    if (!this.usedTokens.consume(check.claims)) {
      this.stats.rejectedUpgrades++;
      return safeClose(ws, CLOSE.unauthorized, "already_used");
    }
    const userId = check.claims.sub;
    const access = await this.opts.resolveAccess(userId, draftId);
    if (access === "not_found") return safeClose(ws, CLOSE.notFound, "draft not found");
    if (access === "forbidden") {
      this.stats.rejectedUpgrades++;
      return safeClose(ws, CLOSE.forbidden, "no access to this draft");
    }
    if (ws.readyState !== WebSocket.OPEN) return;
    const open = this.socketsByUser.get(userId) ?? 0;
    if (open >= this.opts.maxSocketsPerUser) {
      this.stats.rejectedUpgrades++;
      return safeClose(ws, CLOSE.rateLimited, "too many connections");
    }
    this.socketsByUser.set(userId, open + 1);
    ws.once("close", () => {
      const left = (this.socketsByUser.get(userId) ?? 1) - 1;
      if (left > 0) this.socketsByUser.set(userId, left);
      else this.socketsByUser.delete(userId);
    });

    const room = this.roomFor(draftId);
    const conn: Conn = {
      ws,
      userId,
      identity: identityOf(userId, access),
      mode: access.mode,
      room,
      messages: this.bucketFor(userId, draftId),
      syncRequests: new TokenBucket(this.opts.syncRequests.perMinute / 60, this.opts.syncRequests.burst),
      awarenessIds: new Set(),
      backlog: early,
      alive: true,
    };
    if (room.unloadTimer) clearTimeout(room.unloadTimer);
    room.unloadTimer = null;
    room.conns.add(conn);
    ws.off("message", collectEarly);
    ws.on("message", (data) => this.onMessage(conn, toBytes(data)));
    ws.on("close", () => this.onClose(conn));
    ws.on("pong", () => (conn.alive = true));

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

  private bucketFor(userId: string, draftId: string): TokenBucket {
    const key = `${userId} ${draftId}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.opts.rateLimit.messagesPerSecond, this.opts.rateLimit.burst);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Drops sockets that stopped answering pings and forgets buckets that are full again. */
  private beat(): void {
    for (const room of this.rooms.values()) {
      for (const conn of room.conns) {
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        try {
          conn.ws.ping();
        } catch {
          conn.ws.terminate();
        }
      }
    }
    for (const [key, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(key);
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
    room.doc.on("update", (update: Uint8Array, origin: unknown) => {
      room.fullState = null;
      room.fullStateReply = null;
      this.broadcastUpdate(room, update, origin);
    });
    room.awareness.on("update", ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const message = awarenessMessage(room.awareness, changed);
      // Not back to its sender: its own entries, restamped, would replace its local state.
      for (const c of room.conns) if (c !== origin) send(c, message);
    });
    room.ready = true;
    return true;
  }

  private onMessage(conn: Conn, data: Uint8Array): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    if (!conn.room.ready) {
      if (conn.backlog.length >= MAX_EARLY_FRAMES) return safeClose(conn.ws, CLOSE.rateLimited, "too many messages");
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

  /**
   * Every message of the frame is decoded and checked, not just the first bytes, and each one
   * counts against the user's rate limit (a frame may carry many).
   */
  private handleFrame(conn: Conn, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const room = conn.room;
    do {
      if (conn.ws.readyState !== WebSocket.OPEN) return; // closed by an earlier message
      if (!conn.messages.take()) return safeClose(conn.ws, CLOSE.rateLimited, "too many messages");
      const type = decoding.readVarUint(decoder);
      if (type === MSG_SYNC) {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === SYNC_STEP1) {
          // Each answer encodes (part of) the document: a few per connection, not thousands.
          if (!conn.syncRequests.take()) return safeClose(conn.ws, CLOSE.rateLimited, "too many sync requests");
          send(conn, this.syncStep2(room, payload));
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

  /**
   * The answer to a sync step 1. Clients with an empty document (every new tab) share one framed
   * message per document version: a cold open of a large draft by many people copies it once.
   */
  private syncStep2(room: Room, stateVector: Uint8Array): Uint8Array {
    const empty = stateVector.length === 1 && stateVector[0] === 0;
    if (empty) return (room.fullStateReply ??= step2Message(this.fullStateOf(room)));
    return step2Message(Y.encodeStateAsUpdate(room.doc, stateVector));
  }

  private fullStateOf(room: Room): Uint8Array {
    if (!room.fullState) {
      room.fullState = Y.encodeStateAsUpdate(room.doc);
      this.stats.fullStateEncodings++;
    }
    return room.fullState;
  }

  private acceptUpdate(conn: Conn, update: Uint8Array): void {
    const room = conn.room;
    const receivedAt = performance.now(); // the durable ack is measured from here
    const decoded = Y.decodeUpdate(update); // throws on a malformed update, before anything is stored
    const decodedAt = stageTimes?.since("1 decode (Y.decodeUpdate)", receivedAt) ?? 0;
    // A sync step 2 always carries the sender's whole delete set: only what the server lacks counts.
    // (Against the live document: an update still on its way to storage may be counted twice,
    // which stores a duplicate that Yjs ignores; readers never get content that is in flight.)
    // Deletions inside a moved-away article are old news to the document (it deleted them with the
    // article) but still have to be carried into its copy.
    if (!carriesNews(room.doc, decoded) && !room.moves.deletesInsideMoved(decoded)) return;
    stageTimes?.since("2 news + move-carry check (carriesNews, deletesInsideMoved)", decodedAt);
    if (conn.mode !== "rw") {
      // Read-only: never stored, applied or forwarded; the client is told, so it can reset its copy.
      this.stats.droppedReadOnlyWrites++;
      return safeClose(conn.ws, CLOSE.refused, "read-only: change refused");
    }
    const clients = new Set(decoded.structs.map((s) => s.id.client));
    this.commit(room, update, decoded, conn.userId, receivedAt)
      .then(() => {
        this.stats.acceptedUpdates++;
        const ackedAt = stageTimes?.since("total: received → commit known on main thread", receivedAt) ?? 0;
        const deletedIn = this.opts.checkpoint ? clausesDeletedBy(room.doc, decoded) : null;
        try {
          const appliedAt = stageTimes?.since("6 clausesDeletedBy (before apply)", ackedAt) ?? 0;
          room.moves.apply(update, decoded, conn, conn.userId); // Y.applyUpdate: broadcasts through the doc's update event
          stageTimes?.since("7 live apply + broadcast (moves.apply)", appliedAt);
          stageTimes?.since("total: received → broadcast sent", receivedAt);
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
   * Validates an update on the room's scratch copy (throws when it cannot be applied: nothing is
   * stored), then appends it to the log. Resolves once stored; the caller applies it to the live
   * document, in the order of the log.
   */
  private commit(room: Room, update: Uint8Array, decoded: DecodedUpdate, userId: string | null, receivedAt = performance.now()): Promise<void> {
    const shadow = this.shadowOf(room);
    const clients = [...new Set(decoded.structs.map((s) => s.id.client))];
    const before = clients.map((client) => Y.getState(shadow.store, client));
    const { pendingStructs, pendingDs } = shadow.store;
    const validatingAt = stageTimes ? performance.now() : 0;
    try {
      Y.applyUpdate(shadow, update);
      stageTimes?.since("3 scratch validation (apply to the scratch copy)", validatingAt);
    } catch (error) {
      // Rebuilding the copy costs a document load: only when the failed apply changed it.
      const untouched =
        clients.every((client, i) => Y.getState(shadow.store, client) === before[i]) &&
        shadow.store.pendingStructs === pendingStructs &&
        shadow.store.pendingDs === pendingDs;
      if (!untouched) this.dropShadow(room);
      this.stats.refusedUpdates++;
      this.opts.log?.("update_refused", { draftId: room.draftId, userId, error: String(error) });
      throw error;
    }
    room.inflight.push(update);
    return this.updateLog.append({ draftId: room.draftId, data: update, userId }, receivedAt).then(
      () => void room.inflight.shift(),
      (error) => {
        room.inflight.shift();
        this.dropShadow(room); // the copy holds an update the live document will not get
        throw error;
      },
    );
  }

  /** The scratch copy, (re)built from the live document and the updates in flight. */
  private shadowOf(room: Room): Y.Doc {
    if (!room.shadow) {
      room.shadow = copyOf(this.fullStateOf(room));
      for (const update of room.inflight) Y.applyUpdate(room.shadow, update);
      this.stats.scratchCopies++;
    }
    return room.shadow;
  }

  private dropShadow(room: Room): void {
    room.shadow?.destroy();
    room.shadow = null;
  }

  /**
   * Presence is identity. Stock clients relay the presence of others too: an entry is kept only
   * for a client id this connection speaks for (never the server's own, never one another
   * connection holds or another user held before, at most a few per connection), and its state
   * is rebuilt: `user` from the database, a valid `cursor` and `clauseId`, nothing else.
   */
  private applyAwareness(conn: Conn, update: Uint8Array): void {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_PRESENCE_ENTRIES) throw new Error(`${count} presence entries in one message`);
    const kept: { clientId: number; clock: number; state: string }[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      decoding.readVarUint(decoder); // the client's clock: see below
      const text = decoding.readVarString(decoder);
      // Only this connection speaks for the id, in socket order, so the server numbers the
      // entries itself: a client that reconnects with its old clock is seen again at once.
      const clock = (conn.room.awareness.meta.get(clientId)?.clock ?? 0) + 1;
      if (text.length > PRESENCE_LIMITS.maxStateChars || !this.maySpeakFor(conn, clientId)) continue;
      const raw: unknown = JSON.parse(text); // malformed JSON closes the connection like any malformed message
      if (raw === null) {
        if (conn.awarenessIds.has(clientId)) kept.push({ clientId, clock, state: "null" });
        continue;
      }
      const state = sanitizePresence(raw, conn.identity);
      if (!state) continue;
      this.claimPresence(conn, clientId);
      kept.push({ clientId, clock, state: JSON.stringify(state) });
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
    const framingAt = stageTimes ? performance.now() : 0;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MSG_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    const sendingAt = stageTimes?.since("8 broadcast framing", framingAt) ?? 0;
    for (const c of room.conns) if (c !== origin) send(c, message);
    stageTimes?.since("9 ws.send to every other connection", sendingAt);
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

  private maySpeakFor(conn: Conn, clientId: number): boolean {
    const room = conn.room;
    if (clientId === room.awareness.clientID) return false; // the server's own entry
    const owner = room.awarenessOwners.get(clientId);
    if (owner) return owner === conn;
    const claimedBy = this.presenceClaims.get(`${room.draftId} ${clientId}`);
    if (claimedBy !== undefined && claimedBy !== conn.userId) return false; // a disconnected user's id stays theirs
    return conn.awarenessIds.size < MAX_PRESENCE_IDS_PER_CONN;
  }

  private claimPresence(conn: Conn, clientId: number): void {
    if (conn.awarenessIds.has(clientId)) return;
    conn.awarenessIds.add(clientId);
    conn.room.awarenessOwners.set(clientId, conn);
    const key = `${conn.room.draftId} ${clientId}`;
    if (this.presenceClaims.has(key)) return;
    this.presenceClaims.set(key, conn.userId);
    if (this.presenceClaims.size > MAX_PRESENCE_CLAIMS) this.presenceClaims.delete(this.presenceClaims.keys().next().value!);
  }

  /** Hands the touched-clause map to a named version and starts a new period. */
  takeTouched(draftId: string): Record<string, string[]> {
    const room = this.rooms.get(draftId);
    return room ? this.takeTouchedOf(room) : {};
  }

  private takeTouchedOf(room: Room): Record<string, string[]> {
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
    room.awareness.setLocalState({ ...current, server: true, [topic]: ((current[topic] as number) ?? 0) + 1 });
  }

  /** The live state of a loaded draft, or null when no room holds it. */
  liveState(draftId: string): Uint8Array | null {
    const room = this.rooms.get(draftId);
    return room?.ready ? this.fullStateOf(room) : null;
  }

  private async checkpoint(room: Room, reason: CheckpointReason): Promise<void> {
    if (!this.opts.checkpoint || !room.ready || room.touched.size === 0) return;
    if (room.checkpointing) await room.checkpointing;
    await this.updateLog.drain();
    // From the room itself: when the last editor leaves, the room is no longer in the map.
    const touched = this.takeTouchedOf(room);
    if (Object.keys(touched).length === 0) return;
    room.checkpointing = this.opts
      .checkpoint(room.draftId, this.fullStateOf(room), touched, reason)
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
        .then((result) => {
          if (result?.quarantined) this.opts.log?.("updates_quarantined", { draftId: room.draftId, count: result.quarantined });
        })
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
    // Everything the room accepted or carried is stored before another room may load the draft
    // from the database; someone who joins meanwhile keeps this room alive instead.
    await room.loading;
    await room.moves.settled();
    await this.updateLog.drain();
    if (room.conns.size > 0 || this.rooms.get(room.draftId) !== room) return;
    this.rooms.delete(room.draftId);
    await this.flushRoom(room, "left");
    room.awareness.destroy();
    room.doc.destroy();
    this.dropShadow(room);
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
    await this.commitServerUpdate(room, change(this.fullStateOf(room)), userId);
    if (room.conns.size === 0) room.unloadTimer ??= setTimeout(() => void this.unload(room), this.opts.unloadGraceMs);
  }

  /** Stores a server-made update, then applies and broadcasts it (restores, moved-article carries). */
  private async commitServerUpdate(room: Room, update: Uint8Array, userId: string | null): Promise<void> {
    const decoded = Y.decodeUpdate(update); // refuses a malformed change before storing it
    await this.commit(room, update, decoded, userId);
    const deletedIn = clausesDeletedBy(room.doc, decoded);
    room.moves.apply(update, decoded, "server", userId);
    if (userId) this.noteTouched(room, userId, [...deletedIn, ...clausesInsertedBy(room.doc, decoded)]);
    this.scheduleIndex(room);
  }

  /**
   * Re-checks every open connection of a user (role change, deactivation): effective at once.
   * Revoked: 4403. Another mode: 4410, so the client fetches its access again and reconnects
   * in the new mode (its editor turns read-only or editable). Same mode: the identity others
   * see is updated with the client's next presence message.
   */
  async revalidateUser(userId: string): Promise<void> {
    for (const room of [...this.rooms.values()]) {
      const conns = [...room.conns].filter((c) => c.userId === userId);
      if (!conns.length) continue;
      const access = await this.opts.resolveAccess(userId, room.draftId);
      for (const conn of conns) {
        if (access === "not_found" || access === "forbidden") safeClose(conn.ws, CLOSE.forbidden, "access revoked");
        else if (access.mode !== conn.mode) safeClose(conn.ws, CLOSE.accessChanged, "access changed");
        else conn.identity = identityOf(userId, access);
      }
    }
  }

  /**
   * Resolves once every update accepted so far on a draft is stored and applied, with the
   * moved-article carries it caused (those are stored on their own, after it).
   */
  async settled(draftId: string): Promise<void> {
    const room = this.rooms.get(draftId);
    await this.updateLog.drain();
    await room?.moves.settled();
  }

  /** Durable-ack times (received → committed), for the benchmarks. */
  ackTimes(): number[] {
    return this.updateLog.ackTimes();
  }

  roomInfo() {
    return [...this.rooms.values()].map((r) => ({ draftId: r.draftId, connections: r.conns.size, ready: r.ready }));
  }

  /** SIGTERM: refuse new work, store what is pending, index, close sockets with 1001. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    for (const room of this.rooms.values()) {
      for (const conn of room.conns) safeClose(conn.ws, CLOSE.goingAway, "server shutting down");
    }
    await Promise.all([...this.rooms.values()].map((room) => this.flushRoom(room, "shutdown")));
    await this.updateLog.drain();
    for (const room of this.rooms.values()) {
      if (room.unloadTimer) clearTimeout(room.unloadTimer);
      room.awareness.destroy();
      room.doc.destroy();
      this.dropShadow(room);
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

function step2Message(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MSG_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function identityOf(userId: string, access: Exclude<AccessDecision, "not_found" | "forbidden">): PresenceUser {
  return { id: userId, name: access.name, delegation: access.delegation, color: colorFor(userId), role: access.role };
}

function copyOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/**
 * True when an update holds something `doc` lacks: an item or a deletion beyond what it has.
 * (Yjs encodes the whole delete set in every sync step 2, so "has deletions" is not enough.)
 */
type DecodedUpdate = { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };

function carriesNews(doc: Y.Doc, update: DecodedUpdate): boolean {
  for (const struct of update.structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true;
  }
  for (const [client, ranges] of update.ds.clients) {
    const structs = doc.store.clients.get(client);
    const known = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (!structs || clock + len > known) return true;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < clock + len; i++) {
        if (!structs[i].deleted) return true;
      }
    }
  }
  return false;
}

/** Answers an upgrade request that cannot become a websocket, then closes the socket. */
function rejectUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  const reason = status === 400 ? "Bad Request" : "Error";
  socket.on("error", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    () => socket.destroy(),
  );
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
