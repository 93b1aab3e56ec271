// What the editor page costs a browser on the wire (issue 14): brotli for the build's scripts and
// the pages, never for the notifications stream, and no code the first paint does not need.
import { test, expect, type BrowserContext } from "@playwright/test";
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { DEMO_URL } from "../../playwright.config";
import en from "../../lib/i18n/messages/en.json";
import fr from "../../lib/i18n/messages/fr.json";
import { openDemoDraft, userPage } from "./helpers";

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The bytes exactly as the server sent them (Playwright's own client would decode them). */
function rawGet(path: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    http
      .get(`${DEMO_URL}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies(DEMO_URL)).map((c) => `${c.name}=${c.value}`).join("; ");
}

/** Opens the demo draft and returns its path and the scripts the page loaded for it. */
async function openEditorCollectingScripts(context: BrowserContext, page: import("@playwright/test").Page) {
  const scripts = new Map<string, string>();
  page.on("response", async (res) => {
    if (res.request().resourceType() !== "script") return;
    scripts.set(new URL(res.url()).pathname, (await res.body().catch(() => Buffer.alloc(0))).toString("utf8"));
  });
  await openDemoDraft(page);
  await expect(page.locator('[data-synced="true"]')).toBeVisible();
  const path = new URL(page.url()).pathname;
  // A fresh load of the editor page itself (the list page's scripts came first).
  scripts.clear();
  await page.reload();
  await expect(page.locator('[data-synced="true"] .ProseMirror[contenteditable="true"]')).toBeVisible();
  await page.waitForLoadState("networkidle");
  return { path, scripts };
}

/** The server's MIN_BYTES: smaller responses are not worth compressing. */
const SMALLEST_COMPRESSED = 1024;

test("the editor page's scripts come brotli-compressed and decode to the same bytes as gzip and identity", async ({ browser }) => {
  const { context, page } = await userPage(browser, "member");
  const { scripts } = await openEditorCollectingScripts(context, page);
  const chunks = [...scripts.keys()].filter((p) => p.startsWith("/_next/static/"));
  expect(chunks.length).toBeGreaterThan(0);
  const compressedChunks: string[] = [];
  for (const chunk of chunks) {
    const identity = await rawGet(chunk, { "accept-encoding": "identity" });
    const br = await rawGet(chunk, { "accept-encoding": "gzip, deflate, br" });
    const gzip = await rawGet(chunk, { "accept-encoding": "gzip" });
    expect(identity.headers["content-encoding"], chunk).toBeUndefined();
    if (identity.body.length < SMALLEST_COMPRESSED) {
      // Under 1 KiB compression saves less than its headers cost: sent as is (server/http/compression.ts).
      expect(br.headers["content-encoding"], chunk).toBeUndefined();
      expect(br.body.equals(identity.body), chunk).toBe(true);
      continue;
    }
    expect(br.headers["content-encoding"], chunk).toBe("br");
    expect(br.headers.vary, chunk).toMatch(/accept-encoding/i);
    expect(br.headers["content-type"], chunk).toMatch(/javascript/);
    // Next.js's own headers are kept: long-lived caching and the security headers.
    expect(br.headers["cache-control"], chunk).toBe(identity.headers["cache-control"]);
    expect(br.headers["x-content-type-options"], chunk).toBe("nosniff");
    expect(Number(br.headers["content-length"]), chunk).toBe(br.body.length);
    expect(br.body.length, chunk).toBeLessThan(identity.body.length);
    expect(brotliDecompressSync(br.body).equals(identity.body), chunk).toBe(true);
    // A browser that does not speak brotli still gets Next.js's gzip.
    expect(gzip.headers["content-encoding"], chunk).toBe("gzip");
    expect(gunzipSync(gzip.body).equals(identity.body), chunk).toBe(true);
    compressedChunks.push(chunk);
  }
  expect(compressedChunks.length).toBeGreaterThan(0);
  // br;q=0 refuses brotli (on a chunk big enough to be compressed at all: the first one loaded may not be).
  const refused = await rawGet(compressedChunks[0]!, { "accept-encoding": "br;q=0, gzip" });
  expect(refused.headers["content-encoding"]).toBe("gzip");
  await context.close();
});

test("the editor page's HTML comes brotli-compressed with its CSP nonce intact", async ({ browser }) => {
  const { context, page } = await userPage(browser, "member");
  await openDemoDraft(page);
  const path = new URL(page.url()).pathname;
  const answer = await rawGet(path, { "accept-encoding": "br", cookie: await cookieHeader(context) });
  expect(answer.status).toBe(200);
  expect(answer.headers["content-encoding"]).toBe("br");
  const html = brotliDecompressSync(answer.body).toString("utf8");
  const nonce = /'nonce-([^']+)'/.exec(String(answer.headers["content-security-policy"]))?.[1];
  expect(nonce).toBeTruthy();
  expect(html).toContain(`nonce="${nonce}"`);
  expect(html).toContain("</html>");
  await context.close();
});

test("the notifications stream is neither compressed nor held back", async ({ browser }) => {
  const { context } = await userPage(browser, "member");
  const cookie = await cookieHeader(context);
  const firstEvent = await new Promise<{ headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = http.get(`${DEMO_URL}/api/notifications/stream`, { headers: { "accept-encoding": "br, gzip", cookie } }, (res) => {
      // The stream never ends: the first event must arrive on its own, as it was written.
      res.once("data", (chunk: Buffer) => {
        resolve({ headers: res.headers, text: chunk.toString("utf8") });
        req.destroy();
      });
    });
    req.on("error", reject);
  });
  expect(firstEvent.headers["content-type"]).toMatch(/text\/event-stream/);
  expect(firstEvent.headers["content-encoding"]).toBeUndefined();
  expect(firstEvent.text).toContain("event: unread");
  await context.close();
});

test("the editor page downloads no validation library and no message catalogue", async ({ browser }) => {
  const { context, page } = await userPage(browser, "member");
  const { scripts } = await openEditorCollectingScripts(context, page);
  for (const [url, code] of scripts) {
    // zod's error class: the editor validates nothing a server has not validated already.
    expect(code.includes('"ZodError"'), url).toBe(false);
    // The error sentences (app/_components/api.ts) load only when a call fails.
    expect(code.includes(fr.errors.network), url).toBe(false);
    expect(code.includes(en.errors.network), url).toBe(false);
  }
  await context.close();
});

test("the editor page downloads no editor extension it switches off, no next-auth client and prefetches no other page", async ({ browser }) => {
  const { context, page } = await userPage(browser, "member");
  const prefetches: string[] = [];
  page.on("request", (req) => {
    if (req.headers()["next-router-prefetch"]) prefetches.push(req.url());
  });
  const { scripts } = await openEditorCollectingScripts(context, page);
  for (const [url, code] of scripts) {
    // Tiptap's link extension (and linkifyjs under it) and the code block: the editor has neither.
    expect(code.includes("linkifyjs"), url).toBe(false);
    expect(code.includes('"codeBlock"'), url).toBe(false);
    // next-auth/react: the sign-out button posts to next-auth's endpoint itself.
    expect(code.includes("nextauth.message"), url).toBe(false);
  }
  // The tabs and the header's links load their page when followed, not beside the editor.
  prefetches.length = 0; // the drafts list (opened first) may prefetch the draft it links to
  await page.reload();
  await expect(page.locator('[data-synced="true"] .ProseMirror[contenteditable="true"]')).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(prefetches).toEqual([]);
  await context.close();
});
