// State of the security rules that several app processes must share (issue 15): collaboration
// token ids already used, and failed sign-ins. One process keeps both in memory; with REDIS_URL
// (several processes) they live here, in the database every process uses.
import type { DbTx } from "../client";

/** Prisma's "unique constraint failed" (another process, or this one, inserted the same key). */
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

export const usedCollabTokensRepo = {
  /** True the first time a token id is claimed anywhere; false when it was used before. */
  claim: async (tx: DbTx, jti: string, expiresAt: Date): Promise<boolean> => {
    try {
      await tx.usedCollabToken.create({ data: { jti, expiresAt } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  },
  /** Token ids whose token expired are refused by the expiry check already. */
  forgetExpired: (tx: DbTx, now: Date) => tx.usedCollabToken.deleteMany({ where: { expiresAt: { lt: now } } }),
};

export const signInFailuresRepo = {
  count: (tx: DbTx, key: string, since: Date) => tx.signInFailure.count({ where: { key, at: { gte: since } } }),
  add: (tx: DbTx, keys: string[], at: Date) => tx.signInFailure.createMany({ data: keys.map((key) => ({ key, at })) }),
  clear: (tx: DbTx, key: string) => tx.signInFailure.deleteMany({ where: { key } }),
  forgetBefore: (tx: DbTx, before: Date) => tx.signInFailure.deleteMany({ where: { at: { lt: before } } }),
};
