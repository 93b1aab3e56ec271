// Prisma CLI configuration (migrate deploy/status/diff). Same database choice as the app:
// DATABASE_URL=postgresql://… selects PostgreSQL, anything else the embedded SQLite file.
import { defineConfig } from "prisma/config";
import { databaseTarget } from "./server/db/target";

const target = databaseTarget(process.env.DATABASE_URL);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: target.schemaPath,
  migrations: { path: target.migrationsPath },
  adapter: async () => {
    if (target.provider === "postgresql") {
      // adapter-pg 6.19 cannot read the catalog's `name` type that migrate needs; 7.x can.
      const { PrismaPg } = await import("prisma-adapter-pg-migrate");
      return new PrismaPg({ connectionString: target.url });
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url: target.url });
  },
});

