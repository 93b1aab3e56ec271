// Start-up work on the stored data (server/main.ts): the migrations, the shipped outcome document
// and, with SEED_DEMO=1, the demo accounts and draft. Several app processes may start at once on
// one PostgreSQL (scale-out): each step is done by one of them while the others wait, then find
// it done (two imports at once collided on the source items' keys).
import { spawn } from "node:child_process";
import { SYSTEM_ACTOR } from "./domain/actor";
import { ensureMarrakeshImported } from "./import/import-document";
import { withJobLock } from "./db/job-lock";
import { databaseTarget } from "./db/target";

/**
 * `prisma migrate deploy` takes PostgreSQL's advisory lock, but gives up after 10 s (P1002): a
 * process started beside one that is still migrating (a fresh database takes longer) would stop.
 * It tries again until the other is done; then there is nothing left to apply.
 */
const MIGRATE_ATTEMPTS = 30;

export async function migrateDatabase(): Promise<void> {
  const provider = databaseTarget(process.env.DATABASE_URL).provider;
  for (let attempt = 1; ; attempt++) {
    const { code, output } = await runPrisma(["migrate", "deploy"]);
    if (code === 0) return;
    if (provider === "postgresql" && /advisory lock/i.test(output) && attempt < MIGRATE_ATTEMPTS) continue;
    throw new Error(`Database migration failed (${provider}):\n${output}`);
  }
}

function runPrisma(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["prisma", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

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
