#!/usr/bin/env bash
# `npm run quickstart`: install, migrate, add demo data, build, serve on http://localhost:${PORT:-3000}
# with an embedded SQLite file (data/voices.db). Safe to run again: demo data is added once.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== Installing (the first time compiles better-sqlite3, about a minute)"
# NOTE: `npm install` with the committed lockfile, not `npm ci` (see scripts/ci.sh).
npm install --no-audit --no-fund
echo "== Migrating the database"
npm run --silent db:migrate
echo "== Adding demo data"
npm run --silent db:seed
echo "== Building"
npm run --silent build > /dev/null
echo "== Starting"
exec npm run --silent start
