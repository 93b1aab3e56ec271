#!/usr/bin/env bash
# Writes the SQLite and PostgreSQL migrations for the changes of prisma/schema.prisma since the
# last commit: bash scripts/new-migration.sh <name>. (The shadow-database route of
# `migrate diff --from-migrations` does not work with the driver adapter here.)
set -euo pipefail
name=${1:?usage: scripts/new-migration.sh <name>}
stamp=$(date -u +%Y%m%d%H%M%S)
tmp=$(mktemp -d)
git show HEAD:prisma/schema.prisma > "$tmp/old.prisma"
sed 's/provider = "sqlite"/provider = "postgresql"/; s|url      = "file:../data/charter.db"|url      = "postgresql://localhost/charter"|' "$tmp/old.prisma" > "$tmp/old-pg.prisma"
node scripts/db-generate.mjs >/dev/null
mkdir -p "prisma/migrations/${stamp}_$name" "prisma/postgresql/migrations/${stamp}_$name"
npx prisma migrate diff --from-schema-datamodel "$tmp/old.prisma" --to-schema-datamodel prisma/schema.prisma --script > "prisma/migrations/${stamp}_$name/migration.sql"
npx prisma migrate diff --from-schema-datamodel "$tmp/old-pg.prisma" --to-schema-datamodel prisma/postgresql/schema.prisma --script > "prisma/postgresql/migrations/${stamp}_$name/migration.sql"
echo "Wrote prisma/migrations/${stamp}_$name and its PostgreSQL twin."
