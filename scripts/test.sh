#!/usr/bin/env bash
# `npm test`: everything a fresh machine needs, then every suite. Installs npm packages when
# missing and Debian's Chromium for the browser tests (Playwright cannot download browsers here).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1

step() { printf '\n== %s\n' "$*"; }

if [ ! -f node_modules/.package-lock.json ] || [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  step "npm install"
  npm install --no-audit --no-fund
fi

if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  step "Installing Debian's Chromium"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

step "lint"
npx eslint .
step "type-check"
npx tsc --noEmit
step "unit and integration tests (real SQLite, real websocket clients)"
npx vitest run
step "build"
node scripts/start.mjs --build-only
step "browser and API tests (Playwright + Debian Chromium)"
npx playwright test
