#!/usr/bin/env bash
# `npm run ci`: installs what the tests need and runs every check, on both database engines.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }

step "install"
# NOTE: not `npm ci`: the registry here answers 404 for other platforms' optional packages
# (@rollup/rollup-android-*, …), so npm never writes them to the lockfile and `npm ci` refuses it.
# `npm install` with the committed lockfile installs exactly the locked versions.
npm install --no-audit --no-fund

step "services"
bash scripts/services.sh

step "typecheck"
npm run typecheck
step "lint"
npm run lint

step "tests on SQLite"
npm test
step "tests on PostgreSQL"
npm run test:postgres

step "done"
