// server/http/compression.ts against a real HTTP server and client: streamed HTML reaches the
// browser as it is written, build assets come from their .br copy, event streams stay as they are.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, createBrotliDecompress } from "node:zlib";
import { acceptsBrotli, brotliResponses } from "@/server/http/compression";

const ASSET = Buffer.from(`console.log(${JSON.stringify("x".repeat(5000))});`);
const PRECOMPRESSED = brotliCompressSync(ASSET);
let dist: string;
let server: http.Server;
let base: string;
/** Lets the test hold the streamed page open until the client has seen its first part. */
let releaseRest: () => void = () => undefined;

function app(req: IncomingMessage, res: ServerResponse) {
  if (req.url === "/_next/static/chunks/a.js") {
    res.setHeader("content-type", "application/javascript; charset=UTF-8");
    res.setHeader("cache-control", "public, max-age=31536000, immutable");
    res.setHeader("content-length", ASSET.length);
    return res.end(ASSET);
  }
  if (req.url === "/stream") {
    res.setHeader("content-type", "text/event-stream");
    res.write("event: unread\ndata: {}\n\n");
    releaseRest = () => res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.write(`<html><body><p>first part ${"a".repeat(3000)}</p>`);
  releaseRest = () => res.end("<p>rest</p></body></html>");
}

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), "charter-br-"));
  mkdirSync(path.join(dist, "static", "chunks"), { recursive: true });
  writeFileSync(path.join(dist, "static", "chunks", "a.js"), ASSET);
  writeFileSync(path.join(dist, "static", "chunks", "a.js.br"), PRECOMPRESSED);
  const compress = brotliResponses(dist);
  server = http.createServer((req, res) => {
    compress(req, res);
    app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dist, { recursive: true, force: true });
});

function get(url: string, headers: Record<string, string>): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => http.get(`${base}${url}`, { headers }, resolve).on("error", reject));
}

describe("brotli responses", () => {
  it("reads Accept-Encoding with its qualities", () => {
    expect(acceptsBrotli("gzip, deflate, br")).toBe(true);
    expect(acceptsBrotli("br;q=0.5")).toBe(true);
    expect(acceptsBrotli("br;q=0, gzip")).toBe(false);
    expect(acceptsBrotli("gzip")).toBe(false);
    expect(acceptsBrotli(undefined)).toBe(false);
  });

  it("sends a build asset's precompressed copy with the app's headers", async () => {
    const res = await get("/_next/static/chunks/a.js", { "accept-encoding": "br" });
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(Number(res.headers["content-length"])).toBe(PRECOMPRESSED.length);
    expect(Buffer.concat(chunks).equals(PRECOMPRESSED)).toBe(true);
  });

  it("streams a page: the first part decodes before the page has ended", async () => {
    const res = await get("/page", { "accept-encoding": "br" });
    expect(res.headers["content-encoding"]).toBe("br");
    const decoded = res.pipe(createBrotliDecompress());
    let text = "";
    await new Promise<void>((resolve) => {
      decoded.on("data", (c: Buffer) => {
        text += c.toString("utf8");
        if (text.includes("first part")) resolve();
      });
    });
    expect(text).not.toContain("rest"); // the server has not written it yet
    releaseRest();
    for await (const c of decoded) text += (c as Buffer).toString("utf8");
    expect(text).toMatch(/<p>rest<\/p><\/body><\/html>$/);
  });

  it("leaves an event stream as it is", async () => {
    const res = await get("/stream", { "accept-encoding": "br, gzip" });
    expect(res.headers["content-encoding"]).toBeUndefined();
    const first = await new Promise<string>((resolve) => res.once("data", (c: Buffer) => resolve(c.toString("utf8"))));
    expect(first).toBe("event: unread\ndata: {}\n\n");
    releaseRest();
    res.resume();
  });

  it("leaves the body alone for a client without brotli", async () => {
    const res = await get("/_next/static/chunks/a.js", { "accept-encoding": "gzip" });
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    expect(res.headers["content-encoding"]).toBeUndefined(); // Next.js's gzip is not in this test server
    expect(Buffer.concat(chunks).equals(ASSET)).toBe(true);
  });
});
