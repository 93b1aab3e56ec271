#!/usr/bin/env bash
# `npm test`: everything a fresh machine needs, then every suite. Installs npm packages when
# missing and Debian's Chromium for the browser tests (Playwright cannot download browsers here).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1

step() { printf '\n== %s\n' "$*"; }

if [ ! -f node_modules/.package-lock.json ] || [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  step "npm ci (the lock file as a production deploy uses it)"
  # A clean install must print no peer or engine conflicts and no unreviewed install scripts.
  npm ci --no-audit --no-fund 2>&1 | tee .npm-ci.log
  if grep -E "ERESOLVE|EBADENGINE|not yet covered by allowScripts" .npm-ci.log; then
    echo "npm ci printed dependency conflicts or unreviewed install scripts (see above)" >&2
    exit 1
  fi
  rm -f .npm-ci.log
fi

# Debian packages: Chromium (browser tests, PDF export), poppler-utils (pdftotext, to read PDFs back)
# and libxml2-utils (xmllint, to validate Akoma Ntoso exports against the OASIS schema).
missing=()
command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
if [ ${#missing[@]} -gt 0 ]; then
  step "Installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

step "lint"
npx eslint .
step "type-check"
npx tsc --noEmit
npx tsc -p sw --noEmit # the service worker (webworker types)
step "unit and integration tests (real SQLite, real websocket clients)"
npx vitest run
step "build"
node scripts/start.mjs --build-only
step "browser and API tests (Playwright + Debian Chromium)"
npx playwright test
