// Start-up work on the stored data (server/main.ts): the shipped outcome document and, with
// SEED_DEMO=1, the demo accounts and draft.
import { SYSTEM_ACTOR } from "./domain/actor";
import { ensureMarrakeshImported } from "./import/import-document";

export interface PreparedData {
  imported: "imported" | "present";
  seeded: { accounts: number; draftCreated: boolean } | null;
}

export async function prepareStoredData(options: { seedDemo: boolean }): Promise<PreparedData> {
  const imported = await ensureMarrakeshImported(SYSTEM_ACTOR);
  let seeded: PreparedData["seeded"] = null;
  if (options.seedDemo) {
    const { seedDemo } = await import("./demo/seed");
    seeded = await seedDemo();
  }
  return { imported, seeded };
}
