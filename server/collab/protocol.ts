// The y-websocket wire protocol, as the collaboration server speaks it: message types, framing
// of the messages it sends, lazy decoding of the frames it receives, and the read-only filter
// ("does this update carry anything the server lacks?"). No sockets, rooms or state here.
import * as Y from "yjs";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import type { RawData } from "ws";

export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_QUERY_AWARENESS = 3;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** Entries in one presence message: honest clients relay everyone they know (a committee). */
export const MAX_PRESENCE_ENTRIES = 1000;

export type DecodedUpdate = { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };

/** One message of a received frame. */
export type ClientMessage =
  | { kind: "syncStep1"; stateVector: Uint8Array }
  | { kind: "update"; update: Uint8Array } // sync step 2 or update: both carry an update
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "queryAwareness" };

/**
 * Reads the messages of a received frame one at a time (a frame may carry many): the caller
 * decides between two messages whether to go on (closed socket, rate limit).
 */
export class FrameReader {
  private readonly decoder: decoding.Decoder;
  constructor(frame: Uint8Array) {
    this.decoder = decoding.createDecoder(frame);
  }
  /** Decodes the next message; throws on anything malformed. */
  read(): ClientMessage {
    const decoder = this.decoder;
    const type = decoding.readVarUint(decoder);
    if (type === MSG_SYNC) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SYNC_STEP1) return { kind: "syncStep1", stateVector: payload };
      if (step === SYNC_STEP2 || step === SYNC_UPDATE) return { kind: "update", update: payload };
      throw new Error(`unknown sync step ${step}`);
    }
    if (type === MSG_AWARENESS) return { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
    if (type === MSG_QUERY_AWARENESS) return { kind: "queryAwareness" };
    throw new Error(`unknown message type ${type}`);
  }
  hasMore(): boolean {
    return decoding.hasContent(this.decoder);
  }
}

/** A presence entry as a client sent it (its clock is not trusted, see Room.applyAwareness). */
export interface AwarenessEntry {
  clientId: number;
  state: string;
}

/** The entries of an awareness update, decoded one at a time. Throws on too many entries. */
export function* awarenessEntriesOf(update: Uint8Array): Generator<AwarenessEntry, void, undefined> {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > MAX_PRESENCE_ENTRIES) throw new Error(`${count} presence entries in one message`);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    decoding.readVarUint(decoder); // the client's clock: the server numbers entries itself
    yield { clientId, state: decoding.readVarString(decoder) };
  }
}

/** An awareness update (the body of an awareness message) from entries the server numbered. */
export const encodeAwarenessEntries = (entries: { clientId: number; clock: number; state: string }[]): Uint8Array =>
  framed((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, entry.state);
    }
  });

/** One message: the encoder's bytes after `write` filled it. */
function framed(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const awarenessMessage = (awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array =>
  framed((e) => {
    encoding.writeVarUint(e, MSG_AWARENESS);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });

export const syncStep1Message = (doc: Y.Doc): Uint8Array =>
  framed((e) => {
    encoding.writeVarUint(e, MSG_SYNC);
    syncProtocol.writeSyncStep1(e, doc);
  });

export const step2Message = (update: Uint8Array): Uint8Array =>
  framed((e) => {
    encoding.writeVarUint(e, MSG_SYNC);
    encoding.writeVarUint(e, SYNC_STEP2);
    encoding.writeVarUint8Array(e, update);
  });

/** An update framed once for every connection it is broadcast to. */
export const updateMessage = (update: Uint8Array): Uint8Array =>
  framed((e) => {
    encoding.writeVarUint(e, MSG_SYNC);
    syncProtocol.writeUpdate(e, update);
  });

/**
 * True when an update holds something `doc` lacks: an item or a deletion beyond what it has.
 * (Yjs encodes the whole delete set in every sync step 2, so "has deletions" is not enough.)
 */
export function carriesNews(doc: Y.Doc, update: DecodedUpdate): boolean {
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

export function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
