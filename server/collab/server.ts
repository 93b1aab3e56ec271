// The collaboration server: the y-websocket protocol (sync + awareness) over `ws`, with
// authentication at the upgrade (one socket per token), limits per user, and the map of loaded
// rooms (loading, unloading, shutdown) and the reactions to domain events (permission changes).
// The wire format is in protocol.ts, one socket in connection.ts, one draft's document in room.ts.
import type { TextKey } from "./attribution";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, WebSocket, type RawData } from "ws";
import type * as Y from "yjs";
import { verifyCollabToken, draftIdOfRoom, UsedCollabTokens } from "@/server/auth/collab-token";
import { colorFor, type PresenceUser } from "@/lib/presence";
import type { LiveDocuments } from "@/server/domain/live-documents";
import { CLOSE } from "./close-codes";
import { UpdateLog } from "./persistence";
import { Connection, MAX_EARLY_FRAMES, TokenBucket, safeClose, type AccessMode, type CollabLog } from "./connection";
import { PresenceClaims, Room, type CheckpointReason, type RoomContext } from "./room";
import { toBytes } from "./protocol";
import type { CollabBus, ControlBusMessage, FromProcess } from "./bus";
import { randomUUID } from "node:crypto";

export type { AccessMode } from "./connection";
export type { CheckpointReason } from "./room";
/**
 * `mode` follows the role (a change closes the socket with 4410); `textLocked` is true when the
 * role may write but the draft's phase does not let it now (switched on open sockets).
 */
export type AccessDecision = { mode: AccessMode; textLocked?: boolean; name: string; delegation: string; role: string } | "not_found" | "forbidden";

export interface CollabServerOptions {
  /** Decides, from the database, what a user may do on a draft (the permission module). */
  resolveAccess(userId: string, draftId: string): Promise<AccessDecision>;
  /**
   * Derives the relational indexes from the document after stored changes settle; `seq`: the
   * stored updates the document holds, recorded with the index (Draft.indexedSeq).
   */
  indexDraft?(draftId: string, doc: Y.Doc, editors: ReadonlyMap<TextKey, string>, seq: number): Promise<void>;
  /**
   * Stores an automatic version: after a burst of edits ends, at most every `checkpointMaxMs`
   * while editing goes on, and when the last editor leaves. Receives bytes and plain data only;
   * `seq`: the stored updates the state holds, recorded with the version (Draft.versionedSeq).
   */
  checkpoint?(draftId: string, state: Uint8Array, touched: Record<string, string[]>, reason: CheckpointReason, seq: number): Promise<void>;
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
  log?: CollabLog;
  /**
   * With several processes: claims a token id in the store they share (false when it opened a
   * socket anywhere already); a process alone remembers token ids in memory only.
   */
  claimToken?(jti: string, expiresAtMs: number): Promise<boolean>;
  /** The bus to the other app processes (REDIS_URL): rooms, presence and re-checks cross it. */
  bus?: CollabBus;
  /** How often this process tells the others it is alive (ms). */
  processHeartbeatMs?: number;
  /** A process silent this long is taken for dead: its people leave presence (ms). */
  processTimeoutMs?: number;
}

/** How long a re-check of a draft's sockets waits for the other processes to confirm theirs. */
const REMOTE_RECHECK_WAIT_MS = 1000;

export class CollabServer implements LiveDocuments {
  private readonly wss: WebSocketServer;
  private readonly rooms = new Map<string, Room>();
  private readonly updateLog = new UpdateLog();
  private readonly opts: Required<Omit<CollabServerOptions, "indexDraft" | "log" | "checkpoint" | "bus" | "claimToken">> & Pick<CollabServerOptions, "indexDraft" | "log" | "checkpoint" | "bus" | "claimToken">;
  /** Other processes heard from: process id → when last (ms). */
  private readonly peers = new Map<string, number>();
  /** Re-checks this process waits on: ack id → the processes yet to answer, and the resolver. */
  private readonly waitingAcks = new Map<string, { pending: Set<string>; done: () => void }>();
  private readonly busTimers: NodeJS.Timeout[] = [];
  private readonly busUnsubscribes: (() => void)[] = [];
  private readonly notificationListeners = new Set<(userIds: string[]) => void>();
  private closing = false;
  private readonly usedTokens = new UsedCollabTokens();
  /** Message buckets per "user room", kept while not full so reconnecting does not refill them. */
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly socketsByUser = new Map<string, number>();
  /** Presence client ids already spoken for, per draft, kept across room unloads. */
  private readonly presenceClaims = new PresenceClaims();
  private readonly heartbeat: NodeJS.Timeout;
  readonly stats = { droppedReadOnlyWrites: 0, malformedClosed: 0, rejectedUpgrades: 0, acceptedUpdates: 0, refusedUpdates: 0, fullStateEncodings: 0, scratchCopies: 0 };
  private readonly roomContext: RoomContext;
  /** Per draft, raised by every access re-check, so an admission that raced one checks again. */
  private readonly accessChecks = new Map<string, number>();

  constructor(options: CollabServerOptions) {
    this.opts = {
      maxMessageBytes: 2 * 1024 * 1024,
      rateLimit: { messagesPerSecond: 300, burst: 1200 },
      syncRequests: { perMinute: 6, burst: 5 },
      maxSocketsPerUser: 10,
      admitTimeoutMs: 15_000,
      heartbeatMs: 30_000,
      indexDebounceMs: 400,
      // An article's alignment status follows its text within 2 s even while someone keeps typing (issue 13).
      indexMaxWaitMs: 1500,
      compactAfterUpdates: 2000,
      compactOnUnload: true,
      unloadGraceMs: 2000,
      checkpointQuietMs: 60_000,
      checkpointMaxMs: 10 * 60_000,
      processHeartbeatMs: 1000,
      processTimeoutMs: 3500,
      ...options,
    };
    this.roomContext = {
      settings: this.opts,
      updateLog: this.updateLog,
      stats: this.stats,
      presenceClaims: this.presenceClaims,
      bus: this.opts.bus ?? null,
      forget: (room) => this.rooms.delete(room.draftId),
    };
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.opts.maxMessageBytes });
    this.heartbeat = setInterval(() => this.beat(), this.opts.heartbeatMs);
    this.heartbeat.unref();
    if (this.opts.bus) this.listenToOtherProcesses(this.opts.bus);
  }

  // --- other processes (REDIS_URL) ----------------------------------------------------------

  private listenToOtherProcesses(bus: CollabBus): void {
    this.busUnsubscribes.push(
      bus.onControl((message) => this.onControl(message)),
      bus.onConnectionChange((up) => {
        if (!up) return;
        // Back after an outage: what was stored meanwhile is read by sequence number, and our
        // people's presence is told again (the others may have dropped it).
        for (const room of this.rooms.values()) {
          if (!room.ready) continue;
          void room.catchUp();
          room.republishPresence();
        }
        bus.publishControl({ type: "heartbeat" });
      }),
    );
    const heartbeat = setInterval(() => {
      bus.publishControl({ type: "heartbeat" });
      const now = Date.now();
      for (const [processId, seen] of this.peers) if (now - seen > this.opts.processTimeoutMs) this.processGone(processId);
    }, this.opts.processHeartbeatMs);
    heartbeat.unref();
    this.busTimers.push(heartbeat);
  }

  private onControl(message: FromProcess<ControlBusMessage>): void {
    const known = this.peers.has(message.from);
    this.peers.set(message.from, Date.now());
    switch (message.type) {
      case "member-changed":
        return void this.revalidateUser(message.userId);
      case "draft-access-changed":
        void this.revalidateDraft(message.draftId).finally(() => {
          if (message.ack) this.opts.bus?.publishControl({ type: "ack", ack: message.ack });
        });
        return;
      case "notifications-changed":
        for (const listener of this.notificationListeners) listener(message.userIds);
        return;
      case "ack": {
        const waiting = this.waitingAcks.get(message.ack);
        waiting?.pending.delete(message.from);
        if (waiting && waiting.pending.size === 0) waiting.done();
        return;
      }
      case "bye":
        return this.processGone(message.from);
      case "heartbeat":
        // A process we had not heard from (started, or back after its bus outage): updates it
        // stored meanwhile may not have reached us.
        if (!known) for (const room of this.rooms.values()) if (room.ready) void room.catchUp();
        return;
    }
  }

  /** A process fell silent or said goodbye: its people leave presence; what it stored last is read back. */
  private processGone(processId: string): void {
    this.peers.delete(processId);
    for (const waiting of this.waitingAcks.values()) {
      waiting.pending.delete(processId);
      if (waiting.pending.size === 0) waiting.done();
    }
    for (const room of this.rooms.values()) {
      if (!room.ready) continue;
      room.dropProcessPresence(processId);
      void room.catchUp();
    }
  }

  /** Tells the other processes that these users' notifications changed (their streams may be there). */
  notificationsChanged(userIds: string[]): void {
    this.opts.bus?.publishControl({ type: "notifications-changed", userIds });
  }

  /** Hears notification changes made in the other processes. */
  onNotificationsElsewhere(listener: (userIds: string[]) => void): () => void {
    this.notificationListeners.add(listener);
    return () => this.notificationListeners.delete(listener);
  }

  /** The other app processes heard from recently (their ids). */
  otherProcesses(): string[] {
    return [...this.peers.keys()];
  }

  /** A member's role or status changed (domain event, in this process): every process re-checks their sockets. */
  async memberChanged(userId: string): Promise<void> {
    this.opts.bus?.publishControl({ type: "member-changed", userId });
    await this.revalidateUser(userId);
  }

  /**
   * A draft's phase changed (domain event, in this process): every process re-checks the draft's
   * sockets; resolves once this one has and the others confirmed (or a second passed).
   */
  async draftAccessChanged(draftId: string): Promise<void> {
    const bus = this.opts.bus;
    const others = bus?.connected ? new Set(this.peers.keys()) : new Set<string>();
    let confirmed: Promise<void> = Promise.resolve();
    if (bus && others.size) {
      const ack = randomUUID();
      confirmed = new Promise<void>((resolve) => {
        const timer = setTimeout(done, REMOTE_RECHECK_WAIT_MS);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waitingAcks.set(ack, { pending: others, done });
      }).finally(() => this.waitingAcks.delete(ack));
      bus.publishControl({ type: "draft-access-changed", draftId, ack });
    }
    await Promise.all([this.revalidateDraft(draftId), confirmed]);
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
    // One socket per token: a token seen in a log or a history entry opens nothing, on any process.
    if (!this.usedTokens.consume(check.claims) || (this.opts.claimToken && !(await this.opts.claimToken(check.claims.jti, check.claims.exp)))) {
      this.stats.rejectedUpgrades++;
      return safeClose(ws, CLOSE.unauthorized, "already_used");
    }
    const userId = check.claims.sub;
    const checkBefore = this.accessChecks.get(draftId) ?? 0;
    let access = await this.opts.resolveAccess(userId, draftId);
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

    // The draft's access was re-checked (phase change) while this one was decided: decide again,
    // or this socket would keep the old phase's lock; again until no re-check came in meanwhile.
    for (let seen = checkBefore; (this.accessChecks.get(draftId) ?? 0) !== seen; ) {
      seen = this.accessChecks.get(draftId) ?? 0;
      access = await this.opts.resolveAccess(userId, draftId);
      if (access === "not_found" || access === "forbidden") return safeClose(ws, CLOSE.forbidden, "no access to this draft");
      if (ws.readyState !== WebSocket.OPEN) return;
    }
    const room = this.roomFor(draftId);
    const conn = new Connection(
      ws,
      userId,
      identityOf(userId, access),
      access.mode,
      room,
      this.bucketFor(userId, draftId),
      new TokenBucket(this.opts.syncRequests.perMinute / 60, this.opts.syncRequests.burst),
      early,
      this.stats,
      this.opts.log,
    );
    conn.textLocked = access.textLocked ?? false;
    room.join(conn);
    ws.off("message", collectEarly);
    conn.listen((closed) => this.onClose(closed, room));

    const loaded = await room.loading;
    if (!loaded) return safeClose(ws, CLOSE.internal, "document could not be loaded");
    if (ws.readyState !== WebSocket.OPEN) return;
    // Serve only now that the stored state is in memory: our sync step 1, then presence.
    room.greet(conn);
    conn.drainBacklog();
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
      for (const conn of room.conns) conn.beat();
    }
    for (const [key, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(key);
  }

  private roomFor(draftId: string): Room {
    let room = this.rooms.get(draftId);
    if (room) return room;
    room = new Room(draftId, this.roomContext);
    this.rooms.set(draftId, room);
    return room;
  }

  private onClose(conn: Connection, room: Room): void {
    if (!room.leave(conn)) return;
    if (room.conns.size === 0 && !this.closing) {
      room.unloadTimer = setTimeout(() => void this.unload(room), this.opts.unloadGraceMs);
    }
  }

  /** Last client gone: store everything, index, compact, and free the memory. */
  private async unload(room: Room): Promise<void> {
    if (room.conns.size > 0 || this.rooms.get(room.draftId) !== room) return;
    // Everything the room accepted or carried is stored before another room may load the draft
    // from the database; someone who joins meanwhile keeps this room alive instead.
    await room.settledStored();
    if (room.conns.size > 0 || this.rooms.get(room.draftId) !== room) return;
    this.rooms.delete(room.draftId);
    this.presenceClaims.forgetDraft(room.draftId);
    await room.flushRoom("left");
    room.destroy();
  }

  /** Hands the touched-clause map to a named version and starts a new period. */
  takeTouched(draftId: string): Record<string, string[]> {
    const room = this.rooms.get(draftId);
    return room ? room.takeTouched() : {};
  }

  /**
   * Signals a change outside the text (comments) to the clients of a draft, through the
   * server's own presence entry: stock clients receive it with awareness, no new message type.
   */
  signal(draftId: string, topic: string): void {
    const room = this.rooms.get(draftId);
    // The room may be open only in other processes (this one answered an HTTP request).
    if (room?.ready) room.signal(topic);
    else this.opts.bus?.publishDraft({ type: "signal", draftId, topic });
  }

  /** The live state of a loaded draft, or null when no room holds it. */
  liveState(draftId: string): Uint8Array | null {
    const room = this.rooms.get(draftId);
    return room?.ready ? room.fullStateOf() : null;
  }

  /**
   * Applies a server-side change through the live document (restores, re-anchoring), so that
   * connected editors see it at once. `change` receives the current state and returns the update
   * to apply: bytes, not Yjs objects, because the Next.js bundle has its own copy of Yjs.
   */
  async applyServerChange(draftId: string, change: (state: Uint8Array) => Uint8Array, userId: string | null): Promise<void> {
    const room = this.roomFor(draftId);
    if (!(await room.loading)) throw new Error("draft could not be loaded");
    await room.catchUpToStoredHead();
    await room.commitServerUpdate(change(room.fullStateOf()), userId);
    if (room.conns.size === 0) room.unloadTimer ??= setTimeout(() => void this.unload(room), this.opts.unloadGraceMs);
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
        if (access === "not_found" || access === "forbidden") conn.close(CLOSE.forbidden, "access revoked");
        else if (access.mode !== conn.mode) conn.close(CLOSE.accessChanged, "access changed");
        else {
          conn.identity = identityOf(userId, access);
          conn.textLocked = access.textLocked ?? false;
        }
      }
    }
  }

  /**
   * Re-checks every open connection of a draft (its drafting phase changed). The lock follows the
   * phase on the open socket, without reconnecting: from the moment this resolves, a locked
   * socket's document updates are dropped (4409, as for readers) while its presence goes on.
   * Revoked access and a changed role mode close as in revalidateUser.
   */
  async revalidateDraft(draftId: string): Promise<void> {
    this.accessChecks.set(draftId, (this.accessChecks.get(draftId) ?? 0) + 1);
    const room = this.rooms.get(draftId);
    if (!room) return;
    const byUser = new Map<string, Connection[]>();
    for (const conn of room.conns) byUser.set(conn.userId, [...(byUser.get(conn.userId) ?? []), conn]);
    await Promise.all(
      [...byUser].map(async ([userId, conns]) => {
        const access = await this.opts.resolveAccess(userId, draftId);
        for (const conn of conns) {
          if (access === "not_found" || access === "forbidden") conn.close(CLOSE.forbidden, "access revoked");
          else if (access.mode !== conn.mode) conn.close(CLOSE.accessChanged, "access changed");
          else conn.textLocked = access.textLocked ?? false;
        }
      }),
    );
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

  /** How many presence client ids are tied to a user (tests: they go with their room). */
  presenceClaimCount(): number {
    return this.presenceClaims.size;
  }

  roomInfo() {
    return [...this.rooms.values()].map((r) => ({ draftId: r.draftId, connections: r.conns.size, ready: r.ready }));
  }

  /** SIGTERM: refuse new work, store what is pending, index, close sockets with 1001. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    for (const timer of this.busTimers) clearInterval(timer);
    for (const unsubscribe of this.busUnsubscribes) unsubscribe();
    for (const room of this.rooms.values()) {
      for (const conn of room.conns) conn.close(CLOSE.goingAway, "server shutting down");
    }
    await Promise.all([...this.rooms.values()].map((room) => room.flushRoom("shutdown")));
    await this.updateLog.drain();
    for (const room of this.rooms.values()) {
      if (room.unloadTimer) clearTimeout(room.unloadTimer);
      room.destroy();
    }
    this.rooms.clear();
    this.opts.bus?.publishControl({ type: "bye" });
    this.wss.close();
  }
}

function identityOf(userId: string, access: Exclude<AccessDecision, "not_found" | "forbidden">): PresenceUser {
  return { id: userId, name: access.name, delegation: access.delegation, color: colorFor(userId), role: access.role };
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
