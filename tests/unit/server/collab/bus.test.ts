// The bus's wire format between app processes (issue 15): updates stay binary, the rest is JSON,
// and a frame another version wrote that this one cannot read is null, never an exception.
import { describe, expect, it } from "vitest";
import { decodeBusMessage, encodeBusMessage, type DraftBusMessage } from "@/server/collab/bus";

describe("bus messages", () => {
  it("carry an update's bytes, sequence number and author unchanged", () => {
    const data = new Uint8Array([0, 1, 2, 255, 128]);
    const frame = encodeBusMessage({ type: "update", draftId: "d1", seq: 42, userId: "u1", data, from: "p1" });
    const back = decodeBusMessage<DraftBusMessage>(frame);
    expect(back).toEqual({ type: "update", draftId: "d1", seq: 42, userId: "u1", data, from: "p1" });
  });

  it("carry messages without bytes as JSON", () => {
    const frame = encodeBusMessage({ type: "signal", draftId: "d1", topic: "comments", from: "p2" });
    expect(decodeBusMessage(frame)).toEqual({ type: "signal", draftId: "d1", topic: "comments", from: "p2" });
    expect(frame.subarray(4).toString()).toContain('"topic":"comments"');
  });

  it("answer null for frames they cannot read", () => {
    expect(decodeBusMessage(Buffer.from([0, 0, 0]))).toBeNull();
    expect(decodeBusMessage(Buffer.from([0, 0, 0, 2, 123, 125]))).toBeNull(); // {} has no type
    const garbage = Buffer.alloc(12, 0xff);
    expect(decodeBusMessage(garbage)).toBeNull();
  });
});
