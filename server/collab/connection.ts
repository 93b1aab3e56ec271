// One client socket of a room: who it is (user, identity others see, access mode), its rate
// limits, its send queue and close codes, and the reading of its frames. Everything a message
// asks of the document or presence goes through the room's methods (`ConnectionRoom`).
import { WebSocket } from "ws";
import type { PresenceUser } from "@/lib/presence";
import { CLOSE } from "./close-codes";
import { FrameReader, toBytes } from "./protocol";

export type AccessMode = "rw" | "ro";
export type CollabLog = (event: string, data?: Record<string, unknown>) => void;

/** Frames that may wait while a socket is admitted or its room loads. */
export const MAX_EARLY_FRAMES = 64;
/** A client whose unsent messages exceed this is dropped; it resyncs on reconnect. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** What a connection asks of its room. */
export interface ConnectionRoom {
  /** The stored state is in memory: messages can be served. */
  readonly ready: boolean;
  /** The answer to a sync step 1 (framed). */
  syncStep2(stateVector: Uint8Array): Uint8Array;
  /** A sync step 2 or update from this connection. */
  acceptUpdate(conn: Connection, update: Uint8Array): void;
  /** A presence update from this connection. */
  applyAwareness(conn: Connection, update: Uint8Array): void;
  /** Everyone's presence (framed), the answer to a query. */
  awarenessOfAll(): Uint8Array;
}

/** A token bucket: `burst` at once, refilled at `perSecond`. */
export class TokenBucket {
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

export class Connection {
  /** Awareness client ids this connection speaks for; nobody else may set them. */
  readonly awarenessIds = new Set<number>();
  private alive = true;
  /**
   * The role lets this user write but the draft's phase does not, for now: document updates are
   * refused like a reader's while presence goes on. Switched on the open socket (no reconnect).
   */
  textLocked = false;

  constructor(
    readonly ws: WebSocket,
    readonly userId: string,
    /** What others see of this connection in presence, from the database. */
    public identity: PresenceUser,
    readonly mode: AccessMode,
    readonly room: ConnectionRoom,
    /** Shared by every socket of this user in this room. */
    private readonly messages: TokenBucket,
    private readonly syncRequests: TokenBucket,
    /** Frames received before the connection could be served, in order. */
    private backlog: Uint8Array[],
    private readonly stats: { malformedClosed: number },
    private readonly log?: CollabLog,
  ) {}

  /** Starts reading the socket; `onClose` runs once when it closes. */
  listen(onClose: (conn: Connection) => void): void {
    this.ws.on("message", (data) => this.onMessage(toBytes(data)));
    this.ws.on("close", () => onClose(this));
    this.ws.on("pong", () => (this.alive = true));
  }

  /** May this socket change the document now (role and phase)? */
  get writable(): boolean {
    return this.mode === "rw" && !this.textLocked;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Handles the frames that waited for the room to load. */
  drainBacklog(): void {
    const backlog = this.backlog;
    this.backlog = [];
    for (const frame of backlog) this.onMessage(frame);
  }

  send(message: Uint8Array): void {
    const ws = this.ws;
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      // A client that cannot keep up is dropped; it resyncs from the stored state on reconnect.
      safeClose(ws, CLOSE.rateLimited, "client too slow");
      return;
    }
    ws.send(message, { binary: true });
  }

  close(code: number, reason: string): void {
    safeClose(this.ws, code, reason);
  }

  /** Heartbeat: drops the socket if it did not answer the previous ping, then pings. */
  beat(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      this.ws.terminate();
    }
  }

  private onMessage(data: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (!this.room.ready) {
      if (this.backlog.length >= MAX_EARLY_FRAMES) return safeClose(this.ws, CLOSE.rateLimited, "too many messages");
      this.backlog.push(data);
      return;
    }
    try {
      this.handleFrame(data);
    } catch (error) {
      this.stats.malformedClosed++;
      this.log?.("malformed", { userId: this.userId, error: String(error) });
      safeClose(this.ws, CLOSE.malformed, "malformed message");
    }
  }

  /**
   * Every message of the frame is decoded and checked, not just the first bytes, and each one
   * counts against the user's rate limit (a frame may carry many).
   */
  private handleFrame(data: Uint8Array): void {
    const frame = new FrameReader(data);
    do {
      if (this.ws.readyState !== WebSocket.OPEN) return; // closed by an earlier message
      if (!this.messages.take()) return safeClose(this.ws, CLOSE.rateLimited, "too many messages");
      const message = frame.read();
      if (message.kind === "syncStep1") {
        // Each answer encodes (part of) the document: a few per connection, not thousands.
        if (!this.syncRequests.take()) return safeClose(this.ws, CLOSE.rateLimited, "too many sync requests");
        this.send(this.room.syncStep2(message.stateVector));
      } else if (message.kind === "update") {
        this.room.acceptUpdate(this, message.update);
      } else if (message.kind === "awareness") {
        this.room.applyAwareness(this, message.update);
      } else {
        this.send(this.room.awarenessOfAll());
      }
    } while (frame.hasMore());
  }
}

export function safeClose(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) {
    try {
      ws.close(code, reason);
    } catch {
      ws.terminate();
    }
  }
}
