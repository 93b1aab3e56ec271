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
});
