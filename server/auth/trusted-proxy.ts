// Which request headers describe the client. X-Forwarded-* are written by whoever sends the
// request, so they are believed only behind a reverse proxy the operator declared with
// TRUST_PROXY=<number of proxies in front of the app> (usually 1). Otherwise the address is the
// socket's, which server/main.ts writes into PEER_HEADER (overwriting anything a client sent).

/** Set by server/main.ts on every request from `socket.remoteAddress`. */
export const PEER_HEADER = "x-charter-peer";

type ProxyEnv = { TRUST_PROXY?: string; [name: string]: string | undefined };
type Headers = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(",") : (value ?? null);
}

/** The number of proxies whose X-Forwarded-* headers are believed; 0 when none is declared. */
export function trustedProxyCount(env: ProxyEnv = process.env): number {
  const n = Number(env.TRUST_PROXY ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

const list = (value: string | null) => (value ?? "").split(",").map((v) => v.trim()).filter(Boolean);

/**
 * The client's address. Each proxy appends the address it received the request from, so behind
 * N trusted proxies the client is the Nth entry from the right of [X-Forwarded-For…, peer];
 * what lies further left was written by the client and is ignored.
 */
export function clientAddress(headers: Headers, env: ProxyEnv = process.env): string {
  const peer = header(headers, PEER_HEADER) ?? "unknown";
  const hops = trustedProxyCount(env);
  if (!hops) return peer;
  const chain = [...list(header(headers, "x-forwarded-for")), peer];
  return chain[Math.max(0, chain.length - 1 - hops)];
}

/** The host the browser asked for: the proxy's X-Forwarded-Host when trusted, else Host. */
export function publicHost(headers: Headers, env: ProxyEnv = process.env): string | null {
  const forwarded = trustedProxyCount(env) ? list(header(headers, "x-forwarded-host")).at(-1) : undefined;
  return forwarded ?? header(headers, "host");
}

/**
 * Whether the browser reached the app over https. server/main.ts serves plain HTTP, so TLS is
 * always terminated by a proxy in front, and only a trusted proxy's X-Forwarded-Proto says so.
 */
export function servedOverHttps(headers: Headers, env: ProxyEnv = process.env): boolean {
  return trustedProxyCount(env) > 0 && list(header(headers, "x-forwarded-proto")).at(-1) === "https";
}
