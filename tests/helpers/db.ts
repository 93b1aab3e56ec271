// A fresh real SQLite database (migrated by the real migrations) for one test file.
import { copyFileSync, mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { closeDb, db, tuneDb } from "@/server/db/client";
import { TEMPLATE_DB } from "./global-setup";

export async function useFreshDatabase(): Promise<string> {
  await closeDb();
  const dir = path.join(process.cwd(), "data", "test");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.db`);
  copyFileSync(TEMPLATE_DB, file);
  process.env.DATABASE_URL = `file:${file}`;
  await tuneDb(db());
  return file;
}
