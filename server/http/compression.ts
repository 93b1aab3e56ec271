// Brotli for browsers that accept it. Next.js compresses with gzip only (its `compress` option);
// brotli makes the editor page's scripts about a fifth smaller, which is most of what a slow
// connection waits for. Next.js still produces every response (status, cache and security
// headers, CSP nonce); this only re-encodes the body on its way out:
// - build assets (`/_next/static/…`) are sent from the `.br` copy written at build time at the
//   highest quality (scripts/precompress.mjs); nothing is compressed per request for them;
// - other compressible responses (HTML, RSC payloads, JSON) are compressed on the fly at a low
//   quality, flushed after every write so streamed HTML still arrives as it is rendered;
// - event streams (SSE), range requests, HEAD, 204/304 and the websocket upgrade are untouched.
// Clients that do not accept brotli keep Next.js's own gzip.
import { existsSync, readFileSync } from "node:fs";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import path from "node:path";
import { constants, createBrotliCompress, type BrotliCompress } from "node:zlib";

/** Quality 4 compresses HTML about as well as gzip -6 at gzip's speed (tests/bench/page-load.ts measures it). */
export const DYNAMIC_BROTLI_QUALITY = 4;
/** Below this, the bytes saved are fewer than a packet: not worth the CPU. */
const MIN_BYTES = 1024;
const STATIC_PREFIX = "/_next/static/";
const COMPRESSIBLE = /^(text\/(html|css|plain|javascript|x-component)|application\/(javascript|json|manifest\+json|xml)|image\/svg\+xml)\b/i;

/** True when Accept-Encoding lists br with a non-zero quality (`br;q=0` refuses it). */
export function acceptsBrotli(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((part) => {
    const [name, ...params] = part.trim().split(";");
    if (name!.trim().toLowerCase() !== "br") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** The precompressed copy of a build asset, read once (the names are content-hashed, so never stale). */
function precompressedLoader(staticDir: string) {
  const cache = new Map<string, Buffer | null>();
  return (urlPath: string): Buffer | null => {
    if (!urlPath.startsWith(STATIC_PREFIX)) return null;
    const relative = decodeURIComponentSafe(urlPath.slice(STATIC_PREFIX.length));
    if (relative === null) return null;
    const file = path.join(staticDir, relative);
    if (!file.startsWith(staticDir + path.sep)) return null; // ../ cannot leave the build folder
    if (!cache.has(file)) cache.set(file, existsSync(`${file}.br`) ? readFileSync(`${file}.br`) : null);
    return cache.get(file)!;
  };
}

function decodeURIComponentSafe(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

type Writer = (chunk?: unknown, encoding?: unknown, callback?: unknown) => unknown;

/**
 * Returns the hook server/main.ts calls before handing a request to Next.js. `distDir` is the
 * Next.js build folder (`.next`).
 */
export function brotliResponses(distDir: string) {
  const precompressed = precompressedLoader(path.resolve(distDir, "static"));

  return function compressResponse(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== "GET" || req.headers.range || !acceptsBrotli(req.headers["accept-encoding"])) return;
    // Next.js must not gzip what is re-encoded here; what is left identity is what cannot shrink.
    req.headers["accept-encoding"] = "identity";
    const urlPath = (req.url ?? "/").split("?")[0]!;

    const write = res.write.bind(res) as Writer;
    const end = res.end.bind(res) as Writer;
    const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
    let decided = false;
    let encoder: BrotliCompress | null = null;
    let ready: Buffer | null = null; // the precompressed body, sent at end()

    /** Called once, when the headers are about to leave: picks the body's encoding. */
    const decide = () => {
      if (decided) return;
      decided = true;
      if (res.headersSent) return;
      const type = String(res.getHeader("content-type") ?? "");
      if (res.statusCode === 204 || res.statusCode === 304 || res.statusCode < 200) return;
      if (res.getHeader("content-encoding") || !COMPRESSIBLE.test(type)) return;
      if (/no-transform/i.test(String(res.getHeader("cache-control") ?? ""))) return;
      appendVary(res);
      const length = Number(res.getHeader("content-length") ?? NaN);
      if (length < MIN_BYTES) return;
      ready = res.statusCode === 200 ? precompressed(urlPath) : null;
      res.setHeader("content-encoding", "br");
      const etag = res.getHeader("etag");
      if (typeof etag === "string") res.setHeader("etag", etag.replace(/"$/, '-br"')); // another representation
      if (ready) {
        res.setHeader("content-length", ready.length);
        return;
      }
      res.removeHeader("content-length");
      encoder = createBrotliCompress({
        params: {
          [constants.BROTLI_PARAM_QUALITY]: DYNAMIC_BROTLI_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          ...(Number.isFinite(length) ? { [constants.BROTLI_PARAM_SIZE_HINT]: length } : {}),
        },
      });
      encoder.on("data", (chunk: Buffer) => {
        if (!write(chunk)) encoder!.pause();
      });
      res.on("drain", () => encoder?.resume());
      // Writers wait for the response's 'drain' when write() said false: the encoder's is that one.
      encoder.on("drain", () => res.emit("drain"));
      encoder.on("end", () => end());
      encoder.on("error", () => res.destroy());
      res.once("close", () => encoder?.destroy()); // the browser went away mid-stream
    };

    const flushHeaders = res.flushHeaders.bind(res);
    res.flushHeaders = () => {
      decide();
      flushHeaders();
    };

    res.writeHead = ((status: number, ...rest: unknown[]) => {
      res.statusCode = status;
      const headers = rest.find((r) => typeof r === "object" && r !== null) as OutgoingHttpHeaders | unknown[] | undefined;
      if (Array.isArray(headers)) for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(String(headers[i]), headers[i + 1] as string);
      else if (headers) for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
      decide();
      return writeHead(status, ...rest.filter((r) => typeof r === "string"));
    }) as typeof res.writeHead;

    res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      decide();
      if (ready) return true; // the identity body is replaced by the precompressed one at end()
      if (!encoder) return write(chunk, encoding, callback);
      const ok = encoder.write(toBuffer(chunk, encoding), typeof encoding === "function" ? (encoding as () => void) : (callback as (() => void) | undefined));
      // Streamed HTML must reach the browser as it is rendered, not when a block fills up.
      encoder.flush(constants.BROTLI_OPERATION_FLUSH);
      return ok;
    }) as typeof res.write;

    res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      decide();
      const done = [chunk, encoding, callback].find((a) => typeof a === "function") as (() => void) | undefined;
      if (ready) return end(ready, done);
      if (!encoder) return end(chunk, encoding, callback);
      if (chunk !== undefined && chunk !== null && typeof chunk !== "function") encoder.write(toBuffer(chunk, encoding));
      if (done) res.once("finish", done);
      encoder.end();
      return res;
    }) as typeof res.end;
  };
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
}

function appendVary(res: ServerResponse) {
  const vary = String(res.getHeader("vary") ?? "");
  if (!/\baccept-encoding\b/i.test(vary)) res.setHeader("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
}
