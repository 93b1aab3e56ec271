// npm run bench:page:typing — time per keystroke in the editor as the Charter grows (issue 14:
// a 1,000-article draft within 1.2× of the 5-article demo draft).
//
// Runs the built app (node scripts/start.mjs --build-only first) on a fresh demo database, adds
// drafts of 200 and 1,000 articles (a heading, a paragraph and a citation each, a chapter every
// 20) through the domain, opens each in Debian's Chromium and types into a paragraph in the middle
// of the document. One keystroke's time is measured in the page, from the key event's timestamp
// to the end of the first frame after it (a requestAnimationFrame callback, then a message task
// that runs once that frame's style, layout and paint are done): the time until the person sees
// the character. Chromium runs without its 60 Hz frame cap so the figure is the work, not the
// wait for the next vsync. Keys are sent one at a time, each after the previous one's frame.
// Rounds alternate between the sizes so the machine's load spreads over all of them. Prints JSON
// and writes tests/bench/results/page-typing-latest.json.
// Options (environment): BENCH_PORT (default E2E_PORT or 3330), BENCH_SIZES ("200,1000"),
// BENCH_ROUNDS (3), BENCH_KEYS (200 per round and size), BENCH_NO_WRITE=1; for finding causes:
// BENCH_PROFILE=<label> (CPU profile) or BENCH_TRACE=<label> (Chromium trace, categories in
// BENCH_TRACE_CATEGORIES) of the first round into data/, BENCH_EXTRA_CSS (a style to try out).
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { percentile, round2, writeResult } from "./lib";

const PORT = Number(process.env.BENCH_PORT ?? process.env.E2E_PORT ?? 3330);
const BASE = `http://127.0.0.1:${PORT}`;
const SIZES = (process.env.BENCH_SIZES ?? "200,1000").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const KEYS_PER_ROUND = Number(process.env.BENCH_KEYS ?? 200);
const WARM_UP_KEYS = 20;
const DB_NAME = "bench-page-typing";
const SENTENCE = "The signatories shall ensure that border management respects the rights and dignity of every migrant. ";
const TEXT = "Partner countries shall cooperate in good faith and share information on vulnerable migrants at the border ";

function startServer(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/e2e-server.mjs", String(PORT), DB_NAME, "--demo"], { stdio: ["ignore", "pipe", "inherit"], env: process.env });
    let done = false;
    const poll = async () => {
      while (!done) {
        try {
          if ((await fetch(`${BASE}/login`)).ok) return resolve(child);
        } catch {
          // not up yet
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    child.stdout!.on("data", () => {}); // drain
    child.on("exit", (code) => {
      done = true;
      reject(new Error(`server exited ${code}`));
    });
    void poll();
  });
}

/** Drafts of `articles` articles through the domain, in the database the server uses. */
async function createLargeDrafts(): Promise<Map<number, string>> {
  process.env.DATABASE_URL = `file:${path.join(process.cwd(), "data", "e2e", `${DB_NAME}.db`)}`;
  const { createDraft } = await import("@/server/domain/drafts");
  const { toActor } = await import("@/server/domain/members");
  const { usersRepo } = await import("@/server/db/repositories/users");
  const { sourcesRepo } = await import("@/server/db/repositories/sources");
  const { db } = await import("@/server/db/client");
  const actor = toActor((await usersRepo.findByEmail(db(), "secretariat@demo.test"))!)!;
  const items = await sourcesRepo.listItems(db(), {});
  const ids = new Map<number, string>();
  for (const articles of SIZES) {
    const blocks = [];
    for (let i = 0; i < articles; i++) {
      if (i % 20 === 0) blocks.push({ chapter: `Chapter ${i / 20 + 1}` });
      const item = items[i % items.length];
      blocks.push({ heading: `Heading ${i + 1}`, paragraphs: [[SENTENCE.repeat(2), { cite: { sourceItemId: item.id, key: item.key } }, " " + SENTENCE]] });
    }
    ids.set(articles, (await createDraft(actor, { title: `Bench typing ${articles}` }, blocks)).id);
  }
  return ids;
}

/** Installed before the app's scripts: one latency per keydown, key event → end of its frame. */
function installProbe() {
  const w = window as unknown as { __keyLatencies: number[] };
  w.__keyLatencies = [];
  addEventListener(
    "keydown",
    (event) => {
      const start = event.timeStamp;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => w.__keyLatencies.push(performance.now() - start);
        channel.port2.postMessage(null);
      });
    },
    true,
  );
}

async function openDraft(page: Page, draftId: string): Promise<void> {
  await page.goto(`${BASE}/drafts/${draftId}`);
  await page.getByTestId("connection-status").and(page.locator('[data-state="connected"]')).waitFor({ timeout: 120_000 });
  await page.locator(".ProseMirror section.clause").first().waitFor({ timeout: 120_000 });
}

/** Puts the caret at the start of the paragraph of the middle article (clear of its citation). */
async function caretInMiddle(page: Page): Promise<void> {
  const count = await page.locator(".ProseMirror section.clause").count();
  const paragraph = page.locator(".ProseMirror section.clause").nth(Math.floor(count / 2)).locator("p").first();
  await paragraph.scrollIntoViewIfNeeded();
  await paragraph.click({ position: { x: 2, y: 4 } });
}

async function typeKeys(page: Page, text: string): Promise<number[]> {
  // Two frames first: the keys that placed the caret are not part of the sample.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.evaluate(() => ((window as unknown as { __keyLatencies: number[] }).__keyLatencies = []));
  for (let i = 0; i < text.length; i++) {
    await page.keyboard.type(text[i]);
    await page.waitForFunction((n) => (window as unknown as { __keyLatencies: number[] }).__keyLatencies.length >= n, i + 1, { polling: 5 });
  }
  return page.evaluate(() => (window as unknown as { __keyLatencies: number[] }).__keyLatencies);
}

function summary(values: number[]) {
  return { keys: values.length, p50Ms: round2(percentile(values, 50)), p95Ms: round2(percentile(values, 95)), meanMs: round2(values.reduce((a, b) => a + b, 0) / values.length) };
}

async function main() {
  const loadBefore = loadavg().map(round2);
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--disable-frame-rate-limit", "--disable-gpu-vsync"],
  });
  try {
    const drafts = await createLargeDrafts();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(installProbe);
    const { csrfToken } = await (await context.request.get(`${BASE}/api/auth/csrf`)).json();
    await context.request.post(`${BASE}/api/auth/callback/credentials`, { form: { csrfToken, email: "secretariat@demo.test", password: "charter-demo", json: "true" } });
    const listing = await context.newPage();
    await listing.goto(`${BASE}/drafts`);
    const demoHref = await listing.getByRole("link", { name: "Charter on Humanised Border Management — working draft" }).getAttribute("href");
    await listing.close();
    const targets: { label: string; articles: number; draftId: string }[] = [
      { label: "demo", articles: 5, draftId: demoHref!.split("/").pop()! },
      ...SIZES.map((n) => ({ label: String(n), articles: n, draftId: drafts.get(n)! })),
    ];
    const pages = new Map<string, Page>();
    for (const target of targets) {
      const page = await context.newPage();
      await openDraft(page, target.draftId);
      if (process.env.BENCH_EXTRA_CSS) await page.addStyleTag({ content: process.env.BENCH_EXTRA_CSS });
      await caretInMiddle(page);
      await typeKeys(page, TEXT.slice(0, WARM_UP_KEYS));
      pages.set(target.label, page);
    }
    const samples = new Map<string, number[]>(targets.map((t) => [t.label, []]));
    const rounds: Record<string, number>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const row: Record<string, number> = {};
      for (const target of targets) {
        const page = pages.get(target.label)!;
        await page.bringToFront();
        await caretInMiddle(page);
        const text = TEXT.repeat(Math.ceil(KEYS_PER_ROUND / TEXT.length)).slice(0, KEYS_PER_ROUND);
        const profiling = process.env.BENCH_PROFILE === target.label && round === 0;
        const cdp = profiling ? await context.newCDPSession(page) : null;
        if (cdp) {
          await cdp.send("Profiler.enable");
          await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
          await cdp.send("Profiler.start");
        }
        const tracing = process.env.BENCH_TRACE === target.label && round === 0;
        if (tracing) await browser.startTracing(page, { path: path.join("data", `page-typing-${target.label}.trace.json`), categories: (process.env.BENCH_TRACE_CATEGORIES ?? "devtools.timeline").split(",") });
        const latencies = await typeKeys(page, text);
        if (tracing) await browser.stopTracing();
        if (cdp) {
          // A CPU profile of the page's main thread while typing (open it in DevTools' Performance panel).
          const { profile } = await cdp.send("Profiler.stop");
          writeFileSync(path.join("data", `page-typing-${target.label}.cpuprofile`), JSON.stringify(profile));
        }
        // The typing really landed in the document (a benchmark of dropped keys would be fast).
        const landed = await page.locator(".ProseMirror").evaluate((el, t) => el.textContent!.includes(t), text.slice(-40));
        if (!landed) throw new Error(`typed text missing from the ${target.label} draft`);
        samples.get(target.label)!.push(...latencies);
        row[target.label] = round2(percentile(latencies, 50));
      }
      rounds.push(row);
    }
    const results = Object.fromEntries(targets.map((t) => [t.label, { articles: t.articles, ...summary(samples.get(t.label)!) }]));
    const demo = results.demo;
    const ratios = Object.fromEntries(
      SIZES.map((n) => [`${n}/demo`, { p50: round2(results[n].p50Ms / demo.p50Ms), p95: round2(results[n].p95Ms / demo.p95Ms), mean: round2(results[n].meanMs / demo.meanMs) }]),
    );
    const report = {
      benchmark: "page-typing",
      date: new Date().toISOString(),
      measure: "keydown timeStamp → end of the first frame after it (rAF + message task), Chromium without frame-rate limit, one key at a time",
      target: "1000/demo ≤ 1.2",
      rounds: ROUNDS,
      keysPerRound: KEYS_PER_ROUND,
      loadAverage: { before: loadBefore, after: loadavg().map(round2) },
      results,
      ratios,
      roundP50Ms: rounds,
    };
    if (process.env.BENCH_NO_WRITE !== "1") writeResult("page-typing", report);
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await browser.close();
    server.removeAllListeners("exit");
    server.kill("SIGTERM");
  }
  process.exit(0);
}
void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
