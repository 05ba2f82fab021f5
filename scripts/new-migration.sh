#!/usr/bin/env bash
# Writes the SQL for a schema change, for both engines, offline:
#   npm run db:migration -- add_polls
# It diffs prisma/migrations/schema.snapshot.prisma (the schema as of the last migration) against
# prisma/schema.prisma with the Prisma 6 CLI in tools/prisma6 (Prisma 7 has no offline diff), then
# refreshes the snapshot. Review the SQL before committing. See docs/decisions/002-database.md.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: npm run db:migration -- <name_in_snake_case>}"
[[ "$name" =~ ^[a-z0-9_]+$ ]] || { echo "name must be snake_case" >&2; exit 2; }
[ -x tools/prisma6/node_modules/.bin/prisma ] || npm install --prefix tools/prisma6 --no-audit --no-fund
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
touch "$tmp/no-query-engine"
stamp=$(date -u +%Y%m%d%H%M%S)
with_url() { # schema file, provider -> schema with a url line and no generator (Prisma 6 wants it)
  sed -e "s/provider = \"sqlite\"/provider = \"$2\"\n  url      = \"unused\"/" -e '/^generator client {/,/^}/d' "$1"
}
changed=0
for provider in sqlite postgresql; do
  with_url prisma/schema.prisma "$provider" > "$tmp/to.prisma"
  if [ -f prisma/migrations/schema.snapshot.prisma ]; then
    with_url prisma/migrations/schema.snapshot.prisma "$provider" > "$tmp/from.prisma"
    from=(--from-schema-datamodel "$tmp/from.prisma")
  else
    from=(--from-empty)
  fi
  sql=$(cd tools/prisma6 && DIFF_PROVIDER=$provider PRISMA_QUERY_ENGINE_LIBRARY="$tmp/no-query-engine" \
    PRISMA_SCHEMA_ENGINE_BINARY=../schema-engine-stub PRISMA_HIDE_UPDATE_MESSAGE=1 \
    npx prisma migrate diff "${from[@]}" --to-schema-datamodel "$tmp/to.prisma" --script 2>/dev/null)
  if ! grep -qv '^-- This is an empty migration.' <<<"$sql" || [ -z "$(grep -v '^--' <<<"$sql" | tr -d '[:space:]')" ]; then
    echo "$provider: no change"; continue
  fi
  dir="prisma/migrations/$provider/${stamp}_$name"
  mkdir -p "$dir"
  printf '%s\n' "$sql" > "$dir/migration.sql"
  echo "wrote $dir/migration.sql"
  changed=1
done
[ "$changed" = 1 ] && cp prisma/schema.prisma prisma/migrations/schema.snapshot.prisma
