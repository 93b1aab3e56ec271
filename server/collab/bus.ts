// How several app processes share live drafts (issue 15): a message bus between processes. The
// store (PostgreSQL) stays the truth; the bus only tells the other processes, fast, what was
// stored (updates with their per-draft sequence number), who is present, and what changed beside
// the text. Anything lost on the bus is recovered from the store by sequence number, so a
// process never depends on the bus to be correct, only to be quick. One implementation, Redis
// pub/sub (redis-bus.ts); without REDIS_URL there is no bus and one process serves everything.

/** What one process tells the others about one draft (channel per draft). */
export type DraftBusMessage =
  /** An update stored with this per-draft sequence number (applied in any order: Yjs commutes). */
  | { type: "update"; draftId: string; seq: number; userId: string | null; data: Uint8Array }
  /** Presence entries of the sender's connections, as the sender checked and stamped them (awareness update bytes). */
  | { type: "awareness"; draftId: string; data: Uint8Array }
  /** A process that just opened the room asks the others to publish their presence entries. */
  | { type: "presence-query"; draftId: string }
  /** Something beside the text changed (comments, amendments, phase, alignment): bump the revision. */
  | { type: "signal"; draftId: string; topic: string };

/** What one process tells all the others (one control channel). */
export type ControlBusMessage =
  /** A member's role or status changed: re-check their sockets. */
  | { type: "member-changed"; userId: string }
  /** A draft's phase changed: re-check its sockets; `ack` names the request the sender waits on. */
  | { type: "draft-access-changed"; draftId: string; ack?: string }
  /** These users' notifications changed (their bell may be served by any process). */
  | { type: "notifications-changed"; userIds: string[] }
  /** The answer to a request that carried `ack`. */
  | { type: "ack"; ack: string }
  /** The sender is alive (every second); its presence entries go when it falls silent. */
  | { type: "heartbeat" }
  /** The sender is shutting down: its presence entries go now. */
  | { type: "bye" };

/** Every message carries the process that sent it (processes ignore their own). */
export type FromProcess<T> = T & { from: string };

export interface CollabBus {
  /** This process, as named in every message it sends. */
  readonly processId: string;
  /** Whether the bus is up now (messages sent while it is down are lost, and recovered by sequence). */
  readonly connected: boolean;
  /**
   * Starts hearing a draft's channel. Resolves once subscribed, so that a room loaded afterwards
   * misses nothing (or at once while the bus is down: the room catches up when it returns).
   * Returns how to stop (which does nothing once another handler joined the same draft).
   */
  joinDraft(draftId: string, handler: (message: FromProcess<DraftBusMessage>) => void): Promise<() => void>;
  /** Fire and forget: a failure (bus down) is the receivers' gap to fill from the store. */
  publishDraft(message: DraftBusMessage): void;
  publishControl(message: ControlBusMessage): void;
  onControl(handler: (message: FromProcess<ControlBusMessage>) => void): () => void;
  /** Called with true when the bus comes back (after resubscribing: time to catch up) and false when it goes. */
  onConnectionChange(handler: (up: boolean) => void): () => void;
  close(): Promise<void>;
}

// Wire format: a 4-byte header length, the header as JSON (everything but the bytes), then the
// bytes of `data` when the message has some. Updates stay binary; the rest is readable in
// `redis-cli monitor`.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeBusMessage(message: FromProcess<DraftBusMessage | ControlBusMessage>): Buffer {
  const { data, ...header } = message as { data?: Uint8Array };
  const head = encoder.encode(JSON.stringify(header));
  const out = Buffer.allocUnsafe(4 + head.byteLength + (data?.byteLength ?? 0));
  out.writeUInt32BE(head.byteLength, 0);
  out.set(head, 4);
  if (data) out.set(data, 4 + head.byteLength);
  return out;
}

/** Null for a frame this version cannot read (logged by the caller, never thrown into a room). */
export function decodeBusMessage<T extends DraftBusMessage | ControlBusMessage>(frame: Buffer): FromProcess<T> | null {
  try {
    const length = frame.readUInt32BE(0);
    const header = JSON.parse(decoder.decode(frame.subarray(4, 4 + length))) as FromProcess<T>;
    if (typeof header !== "object" || header === null || typeof header.type !== "string" || typeof header.from !== "string") return null;
    if (header.type === "update" || header.type === "awareness") {
      (header as { data?: Uint8Array }).data = new Uint8Array(frame.subarray(4 + length));
    }
    return header;
  } catch {
    return null;
  }
}

export const draftChannel = (draftId: string) => `charter:draft:${draftId}`;
export const CONTROL_CHANNEL = "charter:control";
