// `npm start`: builds the app when the sources changed since the last build, then runs
// server/main.ts (migrations, source import, web app and collaboration server on one port).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { spawnSync, spawn } from "node:child_process";
import path from "node:path";
import { buildServiceWorker, SW_OUTPUT } from "./build-sw.mjs";
import { precompressStatic } from "./precompress.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
const STAMP = path.join(".next", "charter-build-stamp");
const INPUTS = ["app", "lib", "server", "public", "sw", "patches", "next.config.js", "proxy.ts", "package.json", "tsconfig.json"];

function fingerprint() {
  const hash = createHash("sha256");
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      if (p.endsWith("generated")) return;
      for (const name of readdirSync(p).sort()) walk(path.join(p, name));
    } else if (p !== SW_OUTPUT) hash.update(p).update(readFileSync(p)); // the worker is an output of the build
  };
  INPUTS.forEach(walk);
  return hash.digest("hex");
}

export async function buildIfNeeded() {
  const wanted = fingerprint();
  const built = existsSync(STAMP) ? readFileSync(STAMP, "utf8") : "";
  if (wanted === built && existsSync(path.join(".next", "BUILD_ID")) && existsSync(SW_OUTPUT)) return;
  console.log("Building the app (first start or changed sources)…");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // Brotli copies of the build's assets (server/http/compression.ts sends them).
  await precompressStatic();
  // The service worker's precache list is the build's static files: built after them.
  await buildServiceWorker();
  writeFileSync(STAMP, wanted);
}

if (process.argv.includes("--build-only")) {
  await buildIfNeeded();
  process.exit(0);
}
await buildIfNeeded();

const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts", ...process.argv.slice(2)], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
