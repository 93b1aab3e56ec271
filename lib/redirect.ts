// Where to go after signing in. A target is accepted only when the browser would resolve it to
// this site: "/\evil.example/x" and "//evil.example" look like paths but leave the site.

/** The target as an absolute URL on `origin`, or null when it would leave the site. */
export function sameOriginTarget(target: string | null | undefined, origin: string): string | null {
  if (!target) return null;
  try {
    const base = new URL(origin);
    const url = new URL(target, base);
    return url.origin === base.origin ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The same rule for the sign-in form: a path on this site, or the fallback. */
export function safeCallbackPath(target: string | null | undefined, origin: string, fallback: string): string {
  const url = sameOriginTarget(target, origin);
  if (!url) return fallback;
  const { pathname, search, hash } = new URL(url);
  // "http://site//evil.example" is on this site, but its path "//evil.example" would not be.
  return `${pathname.replace(/^\/+/, "/")}${search}${hash}`;
}
