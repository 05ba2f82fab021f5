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

step "chromium"
# The browser tests drive Debian's Chromium (`npx playwright install` cannot download here).
if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null \
  || [ -x /usr/lib/chromium/chromium-headless-shell ] || command -v chromium-headless-shell >/dev/null; then
  echo "Chromium is installed."
else
  if [ "$(id -u)" -eq 0 ]; then as_root=(); elif command -v sudo >/dev/null; then as_root=(sudo); else
    echo "Chromium is missing: run \`apt-get install -y --no-install-recommends chromium\` as root." >&2
    exit 1
  fi
  "${as_root[@]}" apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi
# The fonts an Android phone has (Noto, for Arabic-script, Ge'ez and emoji), so that the
# screenshots people look at show Pashto's ۍ, Tigrinya and the mood faces as a phone would.
if ! fc-list 2>/dev/null | grep -q NotoSansEthiopic || ! fc-list 2>/dev/null | grep -q NotoColorEmoji; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-noto-core fonts-noto-color-emoji \
      || echo "Noto fonts not installed: screenshots may show missing glyphs; the tests do not depend on them."
  else
    echo "Noto fonts missing (fonts-noto-core fonts-noto-color-emoji): screenshots may show missing glyphs."
  fi
fi

step "typecheck"
npm run typecheck
step "lint"
npm run lint

step "tests on SQLite"
npm test
step "tests on PostgreSQL"
npm run test:postgres

step "build"
npm run build
step "browser tests"
npm run test:e2e

step "done"
