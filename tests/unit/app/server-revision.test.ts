import { describe, expect, it } from "vitest";
import { serverRevision } from "@/app/drafts/[id]/server-revision";

describe("serverRevision", () => {
  it("reads the revision from the server's own entry only", () => {
    const states = new Map<number, Record<string, unknown>>([
      [11, { user: { name: "A viewer" }, comments: 9e15 }],
      [12, { comments: 100 }],
      [0, { server: true, comments: 3, amendments: 5 }],
    ]);
    expect(serverRevision(states, "comments")).toBe(3);
    expect(serverRevision(states, "amendments")).toBe(5);
    expect(serverRevision(states, "phase")).toBeNull();
  });

  it("ignores forged entries when the server has none", () => {
    expect(serverRevision(new Map([[5, { comments: 7 }], [6, { server: "true", comments: 8 }]]), "comments")).toBeNull();
  });

  it("ignores a server entry without a usable revision", () => {
    expect(serverRevision(new Map([[0, { server: true, comments: "1" }]]), "comments")).toBeNull();
    expect(serverRevision(new Map([[0, { server: true, comments: 2 ** 60 }]]), "comments")).toBeNull();
  });
});
