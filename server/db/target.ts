// Which database this process talks to, from DATABASE_URL. One rule for the app, the CLI and tests.
import path from "node:path";

export interface DatabaseTarget {
  provider: "sqlite" | "postgresql";
  /** For SQLite an absolute file path (no "file:" prefix); for PostgreSQL the connection string. */
  url: string;
  schemaPath: string;
  migrationsPath: string;
}

// npm scripts, the app and the tests all run from the project root.
const ROOT = process.cwd();
export const DEFAULT_SQLITE_FILE = path.join(ROOT, "data", "charter.db");

export function databaseTarget(databaseUrl: string | undefined): DatabaseTarget {
  const url = databaseUrl?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    return {
      provider: "postgresql",
      url,
      schemaPath: path.join(ROOT, "prisma", "postgresql", "schema.prisma"),
      migrationsPath: path.join(ROOT, "prisma", "postgresql", "migrations"),
    };
  }
  const file = url ? path.resolve(/*turbopackIgnore: true*/ ROOT, url.replace(/^file:/, "")) : DEFAULT_SQLITE_FILE;
  return {
    provider: "sqlite",
    url: `file:${file}`,
    schemaPath: path.join(ROOT, "prisma", "schema.prisma"),
    migrationsPath: path.join(ROOT, "prisma", "migrations"),
  };
}
