// Next.js proxy (formerly middleware), run before every page and route handler:
// - a path whose percent-encoding is malformed is a JSON 400 (Next.js would answer a text 500);
// - pages get a nonce-based Content-Security-Policy (Next.js reads the nonce from the request's
//   CSP header and puts it on its own scripts);
// - HSTS when the browser came over https (through a trusted proxy, see server/auth/trusted-proxy.ts).
import { NextResponse, type NextRequest } from "next/server";
import { publicHost, servedOverHttps } from "@/server/auth/trusted-proxy";

function malformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/** The websocket origin the editor connects to (same host, or COLLAB_PUBLIC_URL). */
function collabOrigin(req: NextRequest, https: boolean): string | null {
  const configured = process.env.COLLAB_PUBLIC_URL;
  if (configured) {
    try {
      return new URL(configured).origin.replace(/^http/, "ws");
    } catch {
      return null;
    }
  }
  const host = publicHost(req.headers);
  return host ? `${https ? "wss" : "ws"}://${host}` : null;
}

export function contentSecurityPolicy(nonce: string, options: { collabOrigin: string | null; dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by the nonced Next.js scripts run; nothing else does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // React writes style attributes (editor carets, colours); inline styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.collabOrigin ? ` ${options.collabOrigin}` : ""}`,
    // The offline service worker (/sw.js).
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function proxy(req: NextRequest) {
  if (malformedPath(req.nextUrl.pathname)) {
    return NextResponse.json({ error: { code: "invalid", message: "The address is not valid (malformed percent-encoding)." } }, { status: 400 });
  }
  const https = servedOverHttps(req.headers);
  const isPage = !req.nextUrl.pathname.startsWith("/api/");
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = isPage ? contentSecurityPolicy(nonce, { collabOrigin: collabOrigin(req, https), dev: process.env.NODE_ENV === "development", https }) : null;

  const requestHeaders = new Headers(req.headers);
  if (csp) requestHeaders.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  if (csp) res.headers.set("content-security-policy", csp);
  if (https) res.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  return res;
}

export const config = {
  // Everything but built assets (hashed, immutable, no HTML).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
