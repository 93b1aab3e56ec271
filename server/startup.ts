// Start-up work on the stored data (server/main.ts): the shipped outcome document and, with
// SEED_DEMO=1, the demo accounts and draft. Several app processes may start at once on one
// PostgreSQL (scale-out): the work runs under one lock, so the second waits for the first and
// then finds everything present (two imports at once collided on the source items' keys).
import { SYSTEM_ACTOR } from "./domain/actor";
import { ensureMarrakeshImported } from "./import/import-document";
import { withJobLock } from "./db/job-lock";

export interface PreparedData {
  imported: "imported" | "present";
  seeded: { accounts: number; draftCreated: boolean } | null;
}

/** How long a process waits for another one's import and seed (a first start imports a whole outcome document). */
const STARTUP_WAIT_MS = 10 * 60_000;

export async function prepareStoredData(options: { seedDemo: boolean }): Promise<PreparedData> {
  const outcome = await withJobLock(
    "startup",
    "stored-data",
    async (): Promise<PreparedData> => {
      const imported = await ensureMarrakeshImported(SYSTEM_ACTOR);
      let seeded: PreparedData["seeded"] = null;
      if (options.seedDemo) {
        const { seedDemo } = await import("./demo/seed");
        seeded = await seedDemo();
      }
      return { imported, seeded };
    },
    { waitMs: STARTUP_WAIT_MS, holdMs: STARTUP_WAIT_MS },
  );
  if (!outcome.ran) throw new Error("Another app process held the start-up lock for too long (import of the stored data).");
  return outcome.value;
}
