// `npm run test:scale` (issue 15): several app processes on one PostgreSQL and one Redis.
// scripts/test-scale.sh starts the services and exports DATABASE_URL and REDIS_URL first.
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["tests/scale/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    env: { NODE_ENV: "test", AUTH_SECRET: "test-secret-test-secret-test-secret-0123456789" },
  },
});
