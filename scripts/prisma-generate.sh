#!/usr/bin/env bash
# Derives the PostgreSQL schema from the one source schema and generates both Prisma clients.
# Runs offline: Prisma 7 needs no query engine, and `generate` only checks the schema engine exists.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p prisma/generated
sed -e 's/provider = "sqlite"/provider = "postgresql"/' \
    -e 's#output   = "../app/generated/sqlite"#output   = "../../app/generated/postgresql"#' \
    prisma/schema.prisma > prisma/generated/schema.postgresql.prisma
grep -q 'provider = "postgresql"' prisma/generated/schema.postgresql.prisma
export PRISMA_SCHEMA_ENGINE_BINARY="$PWD/tools/schema-engine-stub"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
npx prisma generate --schema prisma/schema.prisma
npx prisma generate --schema prisma/generated/schema.postgresql.prisma
