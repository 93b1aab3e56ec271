// Raw y-websocket protocol frames for tests that speak to the collaboration server directly.
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";

export function syncFrame(step: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** One frame carrying `count` sync step 1 requests, each with an empty state vector. */
export function syncStep1Frames(count: number): Uint8Array {
  const e = encoding.createEncoder();
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, new Uint8Array([0]));
  }
  return encoding.toUint8Array(e);
}

export function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId);
    encoding.writeVarUint(inner, entry.clock);
    encoding.writeVarString(inner, JSON.stringify(entry.state));
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

export const QUERY_AWARENESS = new Uint8Array([3]);

/** The kind of each message the server sent: "sync0", "sync1", "sync2", "awareness". */
export function messageKinds(messages: Uint8Array[]): string[] {
  return messages.map((m) => {
    const d = decoding.createDecoder(m);
    const type = decoding.readVarUint(d);
    return type === 0 ? `sync${decoding.readVarUint(d)}` : type === 1 ? "awareness" : String(type);
  });
}

/**
 * A Yjs update that decodes but cannot be applied to any document: one item whose right origin
 * is a later clock of its own client (Yjs only waits for missing ids of other clients).
 */
export function poisonUpdate(client = 1234567): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // clients
  encoding.writeVarUint(e, 1); // structs of this client
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0); // clock
  encoding.writeUint8(e, 0x44); // item with a right origin, string content
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 5); // right origin: its own future clock
  encoding.writeVarString(e, "abc");
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}
