// Starts the built app for Playwright on a fresh database: node scripts/e2e-server.mjs <port> <name> [--demo]
import { rmSync, mkdirSync } from "node:fs";
import { spawn } from "node:child_process";
import path from "node:path";

const [port, name] = process.argv.slice(2);
const dir = path.join(process.cwd(), "data", "e2e");
mkdirSync(dir, { recursive: true });
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path.join(dir, `${name}.db${suffix}`), { force: true });
const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: port,
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${path.join(dir, `${name}.db`)}`,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    SEED_DEMO: process.argv.includes("--demo") ? "1" : "0",
  },
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
