// Starts the built app for Playwright on a fresh database: node scripts/e2e-server.mjs <port> <name> [--demo]
// The server's output goes to the terminal and to data/e2e/<name>.log, which specs read (e.g. the
// one-copy-of-Yjs check). A test-only preload (tests/helpers/yjs-instances.cjs) writes one line per
// Yjs module evaluated in the process into that output.
import { rmSync, mkdirSync, createWriteStream } from "node:fs";
import { spawn } from "node:child_process";
import path from "node:path";

const [port, name] = process.argv.slice(2);
const dir = path.join(process.cwd(), "data", "e2e");
mkdirSync(dir, { recursive: true });
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path.join(dir, `${name}.db${suffix}`), { force: true });
rmSync(path.join(dir, `${name}.log`), { force: true });
const log = createWriteStream(path.join(dir, `${name}.log`));
const child = spawn(process.execPath, ["--require", "./tests/helpers/yjs-instances.cjs", "--import", "tsx", "server/main.ts"], {
  stdio: ["ignore", "pipe", "pipe"],
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
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  log.write(chunk);
});
child.stderr.on("data", (chunk) => {
  process.stderr.write(chunk);
  log.write(chunk);
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => log.end(() => process.exit(code ?? 0)));
