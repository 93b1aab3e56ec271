// Sign-in throttling, keyed so that nobody can lock out someone else:
// - an account from one address is locked for 15 minutes after 5 failures within 15 minutes
//   (guessing someone's password from elsewhere never locks the owner out at their own address);
// - an address is locked after 50 failures across accounts (password spraying; a whole delegation
//   may share one address, so a handful of typos never reaches it).
// The address comes from server/auth/trusted-proxy.ts, never from a header the client controls.
// In memory: one process serves the committee.
const WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 50;

export interface SignInAttempt {
  account: string;
  address: string;
}

const failures = new Map<string, number[]>();

const accountKey = (a: SignInAttempt) => `account:${a.account.toLowerCase()}|${a.address}`;
const addressKey = (a: SignInAttempt) => `address:${a.address}`;

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

export function isThrottled(attempt: SignInAttempt, now = Date.now()): boolean {
  return recent(accountKey(attempt), now).length >= ACCOUNT_LIMIT || recent(addressKey(attempt), now).length >= ADDRESS_LIMIT;
}

export function recordFailure(attempt: SignInAttempt, now = Date.now()): void {
  for (const key of [accountKey(attempt), addressKey(attempt)]) failures.set(key, [...recent(key, now), now]);
}

/** A successful sign-in forgets that account's failures from that address. */
export function clearFailures(attempt: SignInAttempt): void {
  failures.delete(accountKey(attempt));
}
