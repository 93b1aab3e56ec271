#!/usr/bin/env bash
# PostgreSQL smoke test (not part of `npm test`): installs and starts Debian's PostgreSQL 15,
# applies the PostgreSQL migrations, starts the app on it with the demo data and checks the API.
# Usage: bash scripts/postgres-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pg_ctlcluster >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
pg_ctlcluster 15 main start 2>/dev/null || true
su postgres -c "psql -tc \"SELECT 1 FROM pg_roles WHERE rolname='charter'\" | grep -q 1 || psql -c \"CREATE USER charter WITH PASSWORD 'charter' CREATEDB\""
su postgres -c "psql -c 'DROP DATABASE IF EXISTS charter_smoke' -c 'CREATE DATABASE charter_smoke OWNER charter'" >/dev/null
export DATABASE_URL=postgresql://charter:charter@127.0.0.1:5432/charter_smoke PORT=3399 SEED_DEMO=1 NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
node scripts/start.mjs --build-only
node --import tsx server/main.ts > /tmp/charter-pg-smoke.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null' EXIT
for _ in $(seq 1 60); do curl -sf http://localhost:3399/login >/dev/null && break; sleep 1; done
jar=$(mktemp)
csrf=$(curl -s -c "$jar" -b "$jar" http://localhost:3399/api/auth/csrf | node -e 'process.stdin.on("data",d=>console.log(JSON.parse(d).csrfToken))')
curl -s -c "$jar" -b "$jar" -X POST --data-urlencode "csrfToken=$csrf" --data-urlencode email=chair@demo.test --data-urlencode password=charter-demo --data-urlencode json=true http://localhost:3399/api/auth/callback/credentials >/dev/null
count=$(curl -s -b "$jar" http://localhost:3399/api/sources | node -e 'process.stdin.on("data",d=>console.log(JSON.parse(d).length))')
draft=$(curl -s -b "$jar" http://localhost:3399/api/drafts | node -e 'process.stdin.on("data",d=>console.log(JSON.parse(d)[0].id))')
clauses=$(curl -s -b "$jar" "http://localhost:3399/api/drafts/$draft/clauses" | node -e 'process.stdin.on("data",d=>console.log(JSON.parse(d).length))')
version=$(curl -s -b "$jar" -X POST -H 'content-type: application/json' -d '{"name":"Smoke"}' -o /dev/null -w '%{http_code}' "http://localhost:3399/api/drafts/$draft/versions")
echo "sources=$count clauses=$clauses named-version=$version"
[ "$count" = 60 ] && [ "$clauses" = 5 ] && [ "$version" = 201 ] && echo "PostgreSQL smoke test passed"
