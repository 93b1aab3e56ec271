// Sign-in throttling, keyed so that nobody can lock out someone else:
// - an account from one address is locked for 15 minutes after 5 failures within 15 minutes
//   (guessing someone's password from elsewhere never locks the owner out at their own address);
// - an address is locked after 50 failures across accounts (password spraying; a whole delegation
//   may share one address, so a handful of typos never reaches it).
// The address comes from server/auth/trusted-proxy.ts, never from a header the client controls.
// One process keeps the failures in memory; several (REDIS_URL, behind one proxy without sticky
// sessions) keep them in the database they share, so N processes do not give N times the attempts.
import { databaseSignInFailures } from "@/server/domain/members/sign-in-failures";

const WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 50;

export interface SignInAttempt {
  account: string;
  address: string;
}

/** Where failures are counted: this process's memory, or the shared database. */
export interface FailureStore {
  count(key: string, since: number): Promise<number>;
  add(keys: string[], at: number, windowMs: number): Promise<void>;
  clear(key: string): Promise<void>;
}

const failures = new Map<string, number[]>();

export const memoryFailures: FailureStore = {
  async count(key, since) {
    const list = (failures.get(key) ?? []).filter((t) => t >= since);
    if (list.length) failures.set(key, list);
    else failures.delete(key);
    return list.length;
  },
  async add(keys, at, windowMs) {
    for (const key of keys) failures.set(key, [...(failures.get(key) ?? []).filter((t) => at - t < windowMs), at]);
  },
  async clear(key) {
    failures.delete(key);
  },
};

const storeInUse = (): FailureStore => (process.env.REDIS_URL ? databaseSignInFailures : memoryFailures);

const accountKey = (a: SignInAttempt) => `account:${a.account.toLowerCase()}|${a.address}`;
const addressKey = (a: SignInAttempt) => `address:${a.address}`;

export async function isThrottled(attempt: SignInAttempt, now = Date.now(), store = storeInUse()): Promise<boolean> {
  const since = now - WINDOW_MS + 1;
  return (await store.count(accountKey(attempt), since)) >= ACCOUNT_LIMIT || (await store.count(addressKey(attempt), since)) >= ADDRESS_LIMIT;
}

export async function recordFailure(attempt: SignInAttempt, now = Date.now(), store = storeInUse()): Promise<void> {
  await store.add([accountKey(attempt), addressKey(attempt)], now, WINDOW_MS);
}

/** A successful sign-in forgets that account's failures from that address. */
export async function clearFailures(attempt: SignInAttempt, store = storeInUse()): Promise<void> {
  await store.clear(accountKey(attempt));
}
