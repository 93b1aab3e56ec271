// Bundles the service worker (sw/service-worker.ts) into public/sw.js after `next build`, with the
// precache list of the build: every file under .next/static (content-hashed names, so no revision).
// Run by scripts/start.mjs after each build; `node scripts/build-sw.mjs` on its own after `next build`.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

export const SW_OUTPUT = path.join("public", "sw.js");

function staticFiles(dir, prefix) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return staticFiles(full, `${prefix}/${name}`);
    // The .br copies are another encoding of the same URL (scripts/precompress.mjs), not files to fetch.
    return name.endsWith(".br") ? [] : [`${prefix}/${name}`];
  });
}

export async function buildServiceWorker() {
  const manifest = staticFiles(path.join(".next", "static"), "/_next/static").map((url) => ({ url, revision: null }));
  await build({
    entryPoints: [path.join("sw", "service-worker.ts")],
    outfile: SW_OUTPUT,
    bundle: true,
    format: "iife",
    target: "es2022",
    minify: true,
    define: { "self.__SW_MANIFEST": JSON.stringify(manifest), "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  return manifest.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = await buildServiceWorker();
  console.log(`Service worker: ${SW_OUTPUT} (${count} files precached)`);
}
