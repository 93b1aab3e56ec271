import { describe, expect, it } from "vitest";
import { serverCommentRevision } from "@/app/drafts/[id]/comment-revision";

describe("serverCommentRevision", () => {
  it("reads the revision from the server's own entry only", () => {
    const states = new Map<number, Record<string, unknown>>([
      [11, { user: { name: "A viewer" }, comments: 9e15 }],
      [12, { comments: 100 }],
      [0, { server: true, comments: 3 }],
    ]);
    expect(serverCommentRevision(states)).toBe(3);
  });

  it("ignores forged entries when the server has none", () => {
    expect(serverCommentRevision(new Map([[5, { comments: 7 }], [6, { server: "true", comments: 8 }]]))).toBeNull();
  });

  it("ignores a server entry without a usable revision", () => {
    expect(serverCommentRevision(new Map([[0, { server: true, comments: "1" }]]))).toBeNull();
    expect(serverCommentRevision(new Map([[0, { server: true, comments: 2 ** 60 }]]))).toBeNull();
  });
});
