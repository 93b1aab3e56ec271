// HTTP hardening seen by a client of the real server (issue 11, items 10–15): body limits,
// status codes, headers, redirects and sessions.
import http from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_DRAFT, openDemoDraft, signInApi } from "./helpers";
import { DEMO_URL } from "../../playwright.config";

async function demoDraftId(request: APIRequestContext): Promise<string> {
  const drafts = await (await request.get("/api/drafts")).json();
  return drafts.find((d: { title: string }) => d.title === DEMO_DRAFT).id;
}

/** A raw HTTP request (Playwright's client always sends Content-Length). */
function rawRequest(options: { method: string; path: string; headers: Record<string, string>; chunks: Buffer[] }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(DEMO_URL);
    const req = http.request({ host: url.hostname, port: url.port, method: options.method, path: options.path, headers: options.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8") }));
    });
    // The server may answer and close before the whole body is sent.
    req.on("error", reject);
    (async () => {
      for (const chunk of options.chunks) {
        if (req.destroyed) return;
        if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
      }
      req.end();
    })().catch(() => undefined);
  });
}

async function sessionCookie(request: APIRequestContext): Promise<string> {
  const state = await request.storageState();
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

test.describe("HTTP hardening", () => {
  test("a chunked body over 2.5 MB is refused with 413 and nothing is stored", async ({ request }) => {
    await signInApi(request, "observer@demo.test");
    const draftId = await demoDraftId(request);
    const before = (await (await request.get(`/api/drafts/${draftId}/comments`)).json()).length;
    const [clause] = await (await request.get(`/api/drafts/${draftId}/clauses`)).json();
    // A whole-article anchor whose `start` carries 3 MB: the body limit is the only thing in the way.
    const head = Buffer.from(`{"body":"Chunked","anchor":{"clauseId":"${clause.clauseId}","exact":"","start":{"pad":"`);
    const filler = Buffer.alloc(256 * 1024, "a");
    const chunks = [head, ...Array.from({ length: 12 }, () => filler), Buffer.from(`"}}}`)];
    const res = await rawRequest({
      method: "POST",
      path: `/api/drafts/${draftId}/comments`,
      headers: { "content-type": "application/json", "transfer-encoding": "chunked", cookie: await sessionCookie(request), origin: DEMO_URL },
      chunks,
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe("too_large");
    const after = await (await request.get(`/api/drafts/${draftId}/comments`)).json();
    expect(after.length).toBe(before);
  });

  test("bad percent-encoding in a route is a JSON 400", async ({ request }) => {
    await signInApi(request, "viewer@demo.test");
    for (const path of ["/api/sources/%E0%A4%A", "/api/drafts/%E0%A4%A/clauses", "/api/comments/%ZZ"]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(400);
      expect(res.headers()["content-type"], path).toMatch(/application\/json/);
      expect((await res.json()).error.code, path).toBe("invalid");
    }
  });

  test("Origin: null is a 403 and the JSON content type is parsed, not substring-matched", async ({ request }) => {
    await signInApi(request, "secretariat@demo.test");
    const nullOrigin = await request.post("/api/drafts", { headers: { origin: "null" }, data: { title: "From a sandboxed frame" } });
    expect(nullOrigin.status()).toBe(403);
    expect((await nullOrigin.json()).error.code).toBe("forbidden");
    const disguised = await request.post("/api/drafts", { headers: { "content-type": "text/plain; x=application/json" }, data: JSON.stringify({ title: "Disguised" }) });
    expect(disguised.status()).toBe(415);
    const withCharset = await request.post("/api/drafts", { headers: { "content-type": "Application/JSON; charset=utf-8" }, data: JSON.stringify({ title: "With a charset" }) });
    expect(withCharset.status()).toBe(201);
  });

  test("unknown comment and message ids answer 401 to anonymous callers, 404 to signed-in ones", async ({ playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL: DEMO_URL });
    for (const [method, path] of [["PATCH", "/api/comments/nope"], ["PATCH", "/api/comments/messages/nope"], ["DELETE", "/api/comments/messages/nope"]] as const) {
      const res = await anonymous.fetch(path, { method, data: { status: "resolved", body: "x" } });
      expect(res.status(), `${method} ${path}`).toBe(401);
    }
    const member = await playwright.request.newContext({ baseURL: DEMO_URL });
    await signInApi(member, "member@demo.test");
    expect((await member.patch("/api/comments/messages/nope", { data: { body: "x" } })).status()).toBe(404);
    const onMissingDraft = await member.post("/api/drafts/nope/comments", { data: { anchor: { clauseId: "c1", exact: "" }, body: "Hello" } });
    expect(onMissingDraft.status()).toBe(404);
    expect((await member.get("/api/drafts/nope/clauses/c1/history")).status()).toBe(404);
    await anonymous.dispose();
    await member.dispose();
  });

  test("control characters and lone surrogates are refused with 400", async ({ request }) => {
    await signInApi(request, "secretariat@demo.test");
    for (const title of ["Null\u0000byte", "Escape\u001b[31m", "Lone \ud800 surrogate"]) {
      const res = await request.post("/api/drafts", { headers: { "content-type": "application/json" }, data: JSON.stringify({ title }) });
      expect(res.status(), JSON.stringify(title)).toBe(400);
      expect((await res.json()).error.code).toBe("invalid");
    }
  });

  test("the collab URL ignores a client-sent X-Forwarded-Host", async ({ request }) => {
    await signInApi(request, "member@demo.test");
    const draftId = await demoDraftId(request);
    const res = await request.get(`/api/drafts/${draftId}/collab`, { headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" } });
    const { url } = await res.json();
    expect(url).toBe(`${DEMO_URL.replace("http", "ws")}/collab`);
  });

  test("signing out invalidates the session cookie", async ({ playwright }) => {
    const ctx = await playwright.request.newContext({ baseURL: DEMO_URL });
    await signInApi(ctx, "viewer@demo.test");
    const stolen = await sessionCookie(ctx);
    expect((await ctx.get("/api/me")).status()).toBe(200);
    const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
    const out = await ctx.post("/api/auth/signout", { form: { csrfToken, json: "true" } });
    expect(out.ok()).toBeTruthy();
    const replay = await playwright.request.newContext({ baseURL: DEMO_URL, extraHTTPHeaders: { cookie: stolen } });
    const me = await replay.get("/api/me");
    expect(me.status()).toBe(401);
    await replay.dispose();
    await ctx.dispose();
  });

  test("next-auth refuses a callbackUrl on another origin", async ({ request }) => {
    const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
    for (const callbackUrl of ["https://evil.example/x", "/\\evil.example/x", "//evil.example/x"]) {
      const res = await request.post("/api/auth/callback/credentials", {
        form: { csrfToken, email: "viewer@demo.test", password: "charter-demo", callbackUrl, json: "true" },
      });
      const { url } = await res.json();
      expect(new URL(url).origin, callbackUrl).toBe(DEMO_URL);
    }
  });
});

test.describe("sign-in page", () => {
  test("a callbackUrl that leaves the site is ignored after sign-in", async ({ page }) => {
    await page.goto("/login?callbackUrl=/%5Cevil.example/x");
    await page.getByLabel("Email").fill("viewer@demo.test");
    await page.getByLabel("Password").fill("charter-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("whoami")).toBeVisible();
    expect(new URL(page.url()).origin).toBe(DEMO_URL);
  });

  test("Enter before the page is interactive never puts the password in the URL", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill("viewer@demo.test");
    await page.getByLabel("Password").fill("charter-demo");
    await page.getByLabel("Password").press("Enter");
    await page.waitForLoadState("load");
    expect(page.url()).not.toContain("charter-demo");
    expect(page.url()).not.toContain("password");
    await context.close();
  });
});

test.describe("Content-Security-Policy", () => {
  test("pages carry a nonce-based CSP and the editor works under it", async ({ browser }) => {
    const context = await browser.newContext();
    await signInApi(context.request, "member@demo.test");
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (msg) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.error(`Refused to load (CSP) ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));
    });
    const response = await page.goto("/drafts");
    const csp = response!.headers()["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/worker-src 'self'/);
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+/);
    await openDemoDraft(page);
    await page.getByTestId("charter-editor").locator(".ProseMirror").first().click();
    await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
    expect(violations).toEqual([]);
    expect(response!.headers()["strict-transport-security"]).toBeUndefined(); // plain http here
    await context.close();
  });
});
