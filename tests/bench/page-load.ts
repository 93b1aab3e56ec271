// The editor page on a weak connection (issue 14): a signed-in member opens the demo draft with a
// cold cache on "slow 4G" (150 ms RTT, 1.6 Mbps down, 750 kbps up) and a 4x slower CPU, in
// Debian's Chromium. Prints JSON and writes tests/bench/results/page-load-latest.json:
// - bytes over the wire by type (CDP Network.loadingFinished encodedDataLength, so compression
//   counts; headers included), and whether the scripts came brotli-compressed;
// - time from navigation start to editable: the ProseMirror element is contenteditable and the
//   collaboration session has synced with the server (the editor page's data-synced="true").
//
// Usage: npx tsx tests/bench/page-load.ts [--runs 5] [--compare <dir of another built checkout>]
// The server is this checkout's build (node scripts/start.mjs --build-only first) on a fresh demo
// database, port 3340 (E2E_PORT); --compare starts the other checkout's build on port + 1 and
// interleaves the runs (this, other, this, other, …), so both see the same machine load.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { DYNAMIC_BROTLI_QUALITY } from "@/server/http/compression";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(option("runs") ?? 5);
const PORT = Number(process.env.E2E_PORT ?? 3340);
const COMPARE_DIR = option("compare");
/** --verbose lists every response of each run on stderr (url, kind, bytes, encoding). */
const VERBOSE = args.includes("--verbose");
const PROFILE = { latencyMs: 150, downloadKbps: 1600, uploadKbps: 750, cpuSlowdown: 4 };
const PASSWORD = "charter-demo";
const EDITABLE_TIMEOUT_MS = 60_000;

type Kind = "js" | "css" | "html" | "json" | "font" | "other";

interface Server {
  label: string;
  url: string;
  child: ChildProcess;
}

async function startServer(label: string, dir: string, port: number): Promise<Server> {
  const child = spawn(process.execPath, [path.join(dir, "scripts", "e2e-server.mjs"), String(port), `bench-page-${port}`, "--demo"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-bench-secret-bench-secret-0123" },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 360; i++) {
    if (child.exitCode !== null) throw new Error(`${label} server exited ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/login`)).ok) return { label, url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${label} server did not start on ${url}`);
}

function kindOf(resourceType: string, mimeType: string): Kind {
  if (resourceType === "Script" || mimeType.includes("javascript")) return "js";
  if (resourceType === "Stylesheet" || mimeType.includes("css")) return "css";
  if (resourceType === "Document" || mimeType.includes("html")) return "html";
  if (resourceType === "Font" || mimeType.startsWith("font/")) return "font";
  if (mimeType.includes("json") || mimeType.includes("x-component")) return "json";
  return "other";
}

/**
 * Records, in the page, when the editor first became editable and synced (ms since navigation
 * start). A string, not a function: tsx's compiled functions call helpers the page lacks.
 */
const WATCH_EDITABLE = `(() => {
  const check = () => {
    if (window.__editableAt !== undefined) return;
    if (document.querySelector('[data-synced="true"] .ProseMirror[contenteditable="true"]')) {
      window.__editableAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["contenteditable", "data-synced"] });
})();`;

interface Run {
  editableMs: number;
  bytes: Record<Kind, number> & { total: number };
  requests: number;
  scriptEncodings: Record<string, number>;
  websocketBytesReceived: number;
}

async function measure(browser: Browser, server: Server, draftId: string): Promise<Run> {
  // A new context is a cold profile: empty HTTP cache, no service worker, no IndexedDB copy.
  const context = await browser.newContext({ baseURL: server.url });
  try {
    await signIn(context.request, server.url);
    const page = await context.newPage();
    await page.addInitScript({ content: WATCH_EDITABLE });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: PROFILE.latencyMs,
      downloadThroughput: (PROFILE.downloadKbps * 1000) / 8,
      uploadThroughput: (PROFILE.uploadKbps * 1000) / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: PROFILE.cpuSlowdown });

    const kinds = new Map<string, Kind>();
    const described = new Map<string, string>();
    const bytes: Run["bytes"] = { js: 0, css: 0, html: 0, json: 0, font: 0, other: 0, total: 0 };
    const scriptEncodings: Record<string, number> = {};
    let requests = 0;
    let websocketBytesReceived = 0;
    cdp.on("Network.responseReceived", (e) => {
      const kind = kindOf(e.type, e.response.mimeType ?? "");
      kinds.set(e.requestId, kind);
      const encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === "content-encoding")?.[1] ?? "identity";
      described.set(e.requestId, `${kind}\t${encoding}\t${new URL(e.response.url).pathname}`);
      if (kind === "js") {
        const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
        const encoding = headers["content-encoding"] ?? "identity";
        scriptEncodings[encoding] = (scriptEncodings[encoding] ?? 0) + 1;
      }
    });
    cdp.on("Network.loadingFinished", (e) => {
      const kind = kinds.get(e.requestId) ?? "other";
      bytes[kind] += e.encodedDataLength;
      bytes.total += e.encodedDataLength;
      if (VERBOSE) console.error(`${server.label}\t${e.encodedDataLength}\t${described.get(e.requestId) ?? "?"}`);
      requests++;
    });
    cdp.on("Network.webSocketFrameReceived", (e) => {
      websocketBytesReceived += e.response.opcode === 2 ? Math.floor((e.response.payloadData.length * 3) / 4) : e.response.payloadData.length;
    });

    await page.goto(`/drafts/${draftId}`, { waitUntil: "commit" });
    await page
      .waitForFunction(() => (window as unknown as { __editableAt?: number }).__editableAt !== undefined, null, { timeout: EDITABLE_TIMEOUT_MS, polling: 250 })
      .catch(async (error) => {
        const seen = await page.evaluate(() => ({ url: location.href, synced: document.querySelector("[data-synced]")?.getAttribute("data-synced"), editable: document.querySelector(".ProseMirror")?.getAttribute("contenteditable") }));
        throw new Error(`${server.label}: not editable after ${EDITABLE_TIMEOUT_MS} ms (${JSON.stringify(seen)})`, { cause: error });
      });
    const editableMs = await page.evaluate(() => (window as unknown as { __editableAt: number }).__editableAt);
    // Let requests the page started by then finish (sources, comments), so their bytes count.
    await page.waitForLoadState("networkidle").catch(() => undefined);
    return { editableMs, bytes, requests, scriptEncodings, websocketBytesReceived };
  } finally {
    await context.close();
  }
}

async function signIn(request: import("playwright-core").APIRequestContext, base: string) {
  const { csrfToken } = await (await request.get(`${base}/api/auth/csrf`)).json();
  const res = await request.post(`${base}/api/auth/callback/credentials`, { form: { csrfToken, email: "member@demo.test", password: PASSWORD, json: "true" } });
  if (!res.ok()) throw new Error(`sign-in failed: ${res.status()}`);
}

async function demoDraftId(browser: Browser, server: Server): Promise<string> {
  const context = await browser.newContext({ baseURL: server.url });
  try {
    await signIn(context.request, server.url);
    const drafts = (await (await context.request.get("/api/drafts")).json()) as { id: string }[];
    if (!drafts[0]) throw new Error("no demo draft");
    return drafts[0].id;
  } finally {
    await context.close();
  }
}

/**
 * What on-the-fly compression of the editor page's HTML costs the server, per response, at the
 * quality server/http/compression.ts uses and at the build assets' quality 11, beside gzip -6.
 */
async function htmlCompressionCost(browser: Browser, server: Server, draftId: string) {
  const context = await browser.newContext({ baseURL: server.url });
  try {
    await signIn(context.request, server.url);
    const html = await (await context.request.get(`/drafts/${draftId}`, { headers: { "accept-encoding": "identity" } })).body();
    const time = (compress: () => Buffer) => {
      const rounds = 50;
      let size = 0;
      const start = performance.now();
      for (let i = 0; i < rounds; i++) size = compress().length;
      return { bytes: size, msPerResponse: Math.round(((performance.now() - start) / rounds) * 100) / 100 };
    };
    const brotli = (quality: number) => () => brotliCompressSync(html, { params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT } });
    return {
      identityBytes: html.length,
      gzip6: time(() => gzipSync(html, { level: 6 })),
      [`brotli${DYNAMIC_BROTLI_QUALITY}`]: time(brotli(DYNAMIC_BROTLI_QUALITY)),
      brotli11: time(brotli(11)),
    };
  } finally {
    await context.close();
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const median = (values: number[]) => percentile(values, 50);
const KiB = (n: number) => Math.round((n / 1024) * 10) / 10;

function summarise(runs: Run[]) {
  const kinds: (keyof Run["bytes"])[] = ["js", "css", "html", "json", "font", "other", "total"];
  return {
    runs: runs.length,
    editableMs: { p50: Math.round(percentile(runs.map((r) => r.editableMs), 50)), p95: Math.round(percentile(runs.map((r) => r.editableMs), 95)), all: runs.map((r) => Math.round(r.editableMs)) },
    transferredKiB: Object.fromEntries(kinds.map((k) => [k, KiB(median(runs.map((r) => r.bytes[k])))])),
    requests: median(runs.map((r) => r.requests)),
    scriptEncodings: runs[0]!.scriptEncodings,
    scriptsBrotli: runs.every((r) => Object.keys(r.scriptEncodings).every((e) => e === "br")),
    websocketKiBReceived: KiB(median(runs.map((r) => r.websocketBytesReceived))),
  };
}

async function main() {
  const servers = [await startServer("this", process.cwd(), PORT)];
  if (COMPARE_DIR) servers.push(await startServer("compare", path.resolve(COMPARE_DIR), PORT + 1));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const drafts = await Promise.all(servers.map((s) => demoDraftId(browser, s)));
    // One unmeasured open per server: the server's first render compiles nothing, but warms its caches.
    for (let i = 0; i < servers.length; i++) await measure(browser, servers[i]!, drafts[i]!);
    const runs: Run[][] = servers.map(() => []);
    const loadBefore = loadavg();
    for (let r = 0; r < RUNS; r++) {
      for (let i = 0; i < servers.length; i++) runs[i]!.push(await measure(browser, servers[i]!, drafts[i]!));
    }
    const result = {
      benchmark: "page-load",
      date: new Date().toISOString(),
      commit: readCommit(),
      profile: PROFILE,
      target: { transferredKiB: 300, editableMs: 3000 },
      loadAverage: { before: loadBefore.map((n) => Math.round(n * 100) / 100), after: loadavg().map((n) => Math.round(n * 100) / 100) },
      results: Object.fromEntries(servers.map((s, i) => [s.label, summarise(runs[i]!)])),
      editorHtmlCompression: await htmlCompressionCost(browser, servers[0]!, drafts[0]!),
    };
    console.log(JSON.stringify(result, null, 2));
    const dir = path.join(process.cwd(), "tests", "bench", "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "page-load-latest.json"), JSON.stringify(result, null, 2) + "\n");
  } finally {
    await browser.close();
    for (const s of servers) s.child.kill("SIGTERM");
  }
}

function readCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
