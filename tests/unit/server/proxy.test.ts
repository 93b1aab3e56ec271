import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";

const request = (path: string, headers: Record<string, string> = {}) => new NextRequest(new URL(path, "http://127.0.0.1:3000"), { headers: { host: "127.0.0.1:3000", ...headers } });

describe("proxy (CSP, HSTS, malformed paths)", () => {
  afterEach(() => {
    delete process.env.TRUST_PROXY;
    delete process.env.COLLAB_PUBLIC_URL;
  });

  it("gives every page a fresh nonce and allows the collab websocket", () => {
    const a = proxy(request("/drafts")).headers.get("content-security-policy")!;
    const b = proxy(request("/drafts")).headers.get("content-security-policy")!;
    expect(a).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(a).not.toBe(b);
    expect(a).toContain("connect-src 'self' ws://127.0.0.1:3000");
    expect(a).toContain("worker-src 'self'");
    expect(a).not.toContain("unsafe-eval");
    process.env.COLLAB_PUBLIC_URL = "wss://collab.example.org/collab";
    expect(proxy(request("/drafts")).headers.get("content-security-policy")).toContain("connect-src 'self' wss://collab.example.org");
  });

  it("sends HSTS only when a trusted proxy says the browser came over https", () => {
    const https = { "x-forwarded-proto": "https", "x-forwarded-host": "charter.example.org" };
    expect(proxy(request("/drafts", https)).headers.get("strict-transport-security")).toBeNull();
    process.env.TRUST_PROXY = "1";
    const res = proxy(request("/drafts", https));
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(res.headers.get("content-security-policy")).toContain("connect-src 'self' wss://charter.example.org");
  });

  it("answers a malformed percent-encoding with a JSON 400", async () => {
    const res = proxy(request("/api/sources/%E0%A4%A"));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid");
  });
});
