// The start-up environment is checked once, with a readable message: a real child process, since
// an invalid environment ends it.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", "-e", 'require("./server/env.ts").loadEnv([]); console.log("valid");'], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", AUTH_SECRET: "x".repeat(40), ...env },
    encoding: "utf8",
  });
}

describe("start-up environment", () => {
  it("refuses a misspelt SQLITE_SYNCHRONOUS instead of silently using FULL", () => {
    const result = start({ SQLITE_SYNCHRONOUS: "normal" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("SQLITE_SYNCHRONOUS must be FULL (the default) or NORMAL");
  });

  it("accepts the documented values", () => {
    for (const value of ["FULL", "NORMAL"]) {
      const result = start({ SQLITE_SYNCHRONOUS: value });
      expect(result.stdout.trim()).toBe("valid");
    }
  });

  it("refuses REDIS_URL with the embedded SQLite database, which several processes cannot share", () => {
    const result = start({ REDIS_URL: "redis://127.0.0.1:6379" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("REDIS_URL (several app processes) needs DATABASE_URL=postgresql://");
    const typo = start({ REDIS_URL: "127.0.0.1:6379", DATABASE_URL: "postgresql://u:p@127.0.0.1/db" });
    expect(typo.stderr).toContain("REDIS_URL must start with redis:// or rediss://");
  });

  it("accepts REDIS_URL with PostgreSQL", () => {
    const result = start({ REDIS_URL: "redis://127.0.0.1:6379", DATABASE_URL: "postgresql://u:p@127.0.0.1/db" });
    expect(result.stdout.trim()).toBe("valid");
  });
});
