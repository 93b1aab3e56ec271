// The client checks each answer against its contract (lib/contracts): a server that answers in a
// shape the client does not expect gives a clear error, not `undefined` inside a component.
// A real HTTP server answers; nothing is stubbed.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callJson, postJson } from "@/app/_components/api";
import { draftSchema } from "@/lib/contracts/drafts";

let server: Server;
let base = "";
const answers: Record<string, unknown> = {
  "/good": { id: "d1", title: "Charter", createdAt: "2026-11-23T10:00:00.000Z", updatedAt: "2026-11-23T10:05:00.000Z", createdBy: "Amina", phase: "editing" },
  // createdBy as an object and a date that is not a date: what a drifted server might send
  "/drifted": { id: "d1", title: "Charter", createdAt: "yesterday", updatedAt: "2026-11-23T10:05:00.000Z", createdBy: { name: "Amina" } },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(answers[req.url ?? ""] ?? null));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("callJson with a contract", () => {
  it("returns the parsed body when it matches", async () => {
    const result = await callJson(`${base}/good`, { response: draftSchema });
    expect(result).toEqual({ ok: true, data: answers["/good"] });
  });

  it("turns a body that does not match into a 'contract' error with a readable message", async () => {
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const result = await postJson(`${base}/drifted`, { title: "Charter" }, draftSchema);
      expect(result).toMatchObject({ ok: false, status: 200, code: "contract" });
      expect(!result.ok && result.message).toMatch(/did not have the expected form/);
      expect(String(errors[0]?.[0])).toMatch(/POST .*\/drifted: the answer does not match its contract \(.*createdAt.*createdBy/);
    } finally {
      console.error = original;
    }
  });
});
