// Writes a brotli copy (`<file>.br`, quality 11) beside every compressible file of the Next.js
// build's `.next/static`, which server/http/compression.ts sends to browsers that accept brotli.
// Done once per build because quality 11 costs about a second per megabyte: far too slow per
// request, and build assets never change. Run by scripts/start.mjs after each build; on its own
// with `node scripts/precompress.mjs` after `next build`.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants } from "node:zlib";

export const STATIC_DIR = path.join(".next", "static");
const COMPRESSIBLE = /\.(js|css|json|svg|txt|map|html)$/;
const compress = promisify(brotliCompress);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

export async function precompressStatic(dir = STATIC_DIR) {
  const targets = files(dir).filter((f) => COMPRESSIBLE.test(f));
  let before = 0;
  let after = 0;
  // zlib runs these on libuv's thread pool: all at once uses every core.
  await Promise.all(
    targets.map(async (file) => {
      const body = readFileSync(file);
      const br = await compress(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      });
      writeFileSync(`${file}.br`, br);
      before += body.length;
      after += br.length;
    }),
  );
  return { files: targets.length, bytes: before, brotliBytes: after };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { files: count, bytes, brotliBytes } = await precompressStatic();
  console.log(`Brotli copies: ${count} files, ${(bytes / 1024).toFixed(0)} KiB → ${(brotliBytes / 1024).toFixed(0)} KiB`);
}
