// Failed sign-ins kept in the database, for sign-in throttling shared by several app processes
// (server/auth/throttle.ts holds the rule and chooses this store with REDIS_URL).
import { db } from "@/server/db/client";
import { signInFailuresRepo } from "@/server/db/repositories/security";

/** Older rows are deleted at most once a minute per process. */
let prunedAt = 0;

export const databaseSignInFailures = {
  count: (key: string, since: number) => signInFailuresRepo.count(db(), key, new Date(since)),
  async add(keys: string[], at: number, windowMs: number): Promise<void> {
    await signInFailuresRepo.add(db(), keys, new Date(at));
    if (at - prunedAt > 60_000) {
      prunedAt = at;
      await signInFailuresRepo.forgetBefore(db(), new Date(at - windowMs));
    }
  },
  clear: async (key: string) => void (await signInFailuresRepo.clear(db(), key)),
};
