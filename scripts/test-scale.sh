#!/usr/bin/env bash
# `npm run test:scale` (issue 15): several app processes on one PostgreSQL and one Redis.
# Installs what it needs on a machine that has nothing (npm packages; Redis and PostgreSQL 15 from
# Debian, through scripts/scale-services.sh), starts the two services on ports of their own,
# migrates a template database with the PostgreSQL migrations (each test file copies it), builds
# the app when needed (tests start real app processes) and runs tests/scale. Run after `npm test`
# on CI (.ci/run); re-runnable.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
step() { printf '\n== %s\n' "$*"; }

if [ ! -f node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

step "PostgreSQL 15 and Redis (scripts/scale-services.sh)"
export SCALE_DIR=${SCALE_DIR:-/tmp/charter-test-scale} SCALE_PG_PORT=${SCALE_PG_PORT:-5463} SCALE_REDIS_PORT=${SCALE_REDIS_PORT:-6463}
eval "$(bash scripts/scale-services.sh start)"
trap 'bash scripts/scale-services.sh stop >/dev/null 2>&1 || true' EXIT
bash scripts/scale-services.sh fresh-db

step "PostgreSQL migrations (prisma/postgresql/migrations) on the template database"
npx prisma migrate deploy

step "build (tests/scale start real app processes)"
node scripts/start.mjs --build-only

step "scale-out tests"
npx vitest run --config vitest.scale.config.mts "$@"
