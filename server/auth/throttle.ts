// Sign-in throttling. An account is locked for 15 minutes after 5 failures within 15 minutes;
// an address after 50 (a whole delegation may share one address, so its limit is higher).
// In memory: one process serves the committee.
const WINDOW_MS = 15 * 60 * 1000;
const LIMITS = { email: 5, ip: 50 } as const;
type KeyKind = keyof typeof LIMITS;
export type ThrottleKey = `${KeyKind}:${string}`;

const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

const limitOf = (key: ThrottleKey) => LIMITS[key.slice(0, key.indexOf(":")) as KeyKind];

export function isThrottled(keys: ThrottleKey[], now = Date.now()): boolean {
  return keys.some((k) => recent(k, now).length >= limitOf(k));
}

export function recordFailure(keys: ThrottleKey[], now = Date.now()): void {
  for (const k of keys) failures.set(k, [...recent(k, now), now]);
}

export function clearFailures(keys: ThrottleKey[]): void {
  for (const k of keys) if (k.startsWith("email:")) failures.delete(k);
}
