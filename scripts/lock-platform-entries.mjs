// Adds lock-file entries for platform-specific optional packages (macOS, Windows, other CPUs)
// that this machine's registry mirror does not serve: npm then drops them from package-lock.json
// and `npm ci` refuses the lock as out of sync. The entries carry os/cpu, so npm skips them on
// Linux x64 without fetching anything. Run after `npm install` changes the lock.
import { readFileSync, writeFileSync } from "node:fs";

const LOCK = "package-lock.json";
const lock = JSON.parse(readFileSync(LOCK, "utf8"));
const packages = lock.packages;

function platformOf(name) {
  const tail = name.split("/").pop();
  const os = ["darwin", "win32", "linux", "freebsd", "android", "openbsd", "netbsd", "sunos", "aix", "openharmony"].find((o) => tail.includes(o));
  const cpu = ["arm64", "x64", "ia32", "arm", "ppc64", "s390x", "riscv64", "loong64", "mips64el"].find((c) => new RegExp(`(^|-)${c}(-|$)`).test(tail));
  if (!os || !cpu) return null;
  const entry = { os: [os], cpu: [cpu] };
  if (os === "linux") entry.libc = [tail.includes("musl") ? "musl" : "glibc"];
  return entry;
}

let added = 0;
for (const [path, pkg] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${dep}` : `node_modules/${dep}`;
    if (packages[base] || packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
    packages[`node_modules/${dep}`] = { version, optional: true, ...platform };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync(LOCK, JSON.stringify(lock, null, 2) + "\n");
console.log(`lock-platform-entries: ${added} entries added`);
