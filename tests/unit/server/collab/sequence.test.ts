// The sequence window a room keeps of the stored updates it holds (issue 15): other processes'
// updates arrive in any order; a number still missing is what the room reads back from the store.
import { describe, expect, it } from "vitest";
import { SequenceWindow } from "@/server/collab/sequence";

describe("SequenceWindow", () => {
  it("advances over numbers that arrive out of order and reports the gap meanwhile", () => {
    const w = new SequenceWindow();
    w.reset(10);
    expect(w.add(12)).toBe(true);
    expect(w.upTo).toBe(10);
    expect(w.hasGap).toBe(true);
    expect(w.add(11)).toBe(true);
    expect(w.upTo).toBe(12);
    expect(w.hasGap).toBe(false);
  });

  it("refuses numbers it already holds, below or above the contiguous part", () => {
    const w = new SequenceWindow();
    w.reset(5);
    expect(w.add(3)).toBe(false);
    expect(w.add(5)).toBe(false);
    expect(w.add(8)).toBe(true);
    expect(w.add(8)).toBe(false);
    expect(w.has(8)).toBe(true);
    expect(w.has(7)).toBe(false);
  });

  it("keeps numbers seen above a reset (a load that read less than what the bus already delivered)", () => {
    const w = new SequenceWindow();
    w.add(7);
    w.reset(5);
    expect(w.upTo).toBe(5);
    expect(w.hasGap).toBe(true);
    w.add(6);
    expect(w.upTo).toBe(7);
    w.reset(9); // the whole stored state applied: everything up to 9
    expect(w.upTo).toBe(9);
    expect(w.head).toBe(9);
    expect(w.hasGap).toBe(false);
  });
});
