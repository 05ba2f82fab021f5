#!/usr/bin/env bash
# `npm run ci`: installs what the tests need and runs every check, on both database engines.
# Work that does not depend on each other runs side by side (a 2-core machine is otherwise half
# idle for most of the run); each side's output is kept apart and printed whole when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }

# together NAME COMMAND [NAME COMMAND …]: runs the commands at the same time, each into its own log;
# prints each log whole as its command ends (`-- NAME: passed|FAILED (Ns)`), and fails if any
# failed, once all have ended.
together() {
  local logs n=0 i status ended failed=0
  logs=$(mktemp -d)
  while [ $# -gt 0 ]; do
    n=$((n + 1))
    printf '%s' "$1" > "$logs/$n.name"
    {
      status=0
      bash -c "set -euo pipefail; $2" > "$logs/$n.log" 2>&1 || status=$?
      echo "$(date +%s) $status" > "$logs/$n.tmp" && mv "$logs/$n.tmp" "$logs/$n.end"
    } &
    shift 2
  done
  local -A printed=()
  while [ ${#printed[@]} -lt $n ]; do
    for i in $(seq 1 $n); do
      [ -z "${printed[$i]-}" ] && [ -f "$logs/$i.end" ] || continue
      read -r ended status < "$logs/$i.end"
      printf '\n-- %s: %s (%ss)\n' "$(cat "$logs/$i.name")" "$([ "$status" -eq 0 ] && echo passed || echo "FAILED, exit $status")" "$(( ended - started ))"
      cat "$logs/$i.log"
      [ "$status" -eq 0 ] || failed=1
      printed[$i]=1
    done
    [ ${#printed[@]} -eq $n ] || sleep 1
  done
  wait
  rm -rf "$logs"
  if [ "$failed" -ne 0 ]; then
    echo "FAILED: see the -- … FAILED block(s) above." >&2
    return 1
  fi
}

step "install"
# NOTE: not `npm ci`: the registry here answers 404 for other platforms' optional packages
# (@rollup/rollup-android-*, …), so npm never writes them to the lockfile and `npm ci` refuses it.
# `npm install` with the committed lockfile installs exactly the locked versions.
# Install scripts run in the next step, beside the type check: the allowed ones (package.json's
# allowScripts: better-sqlite3 compiles from source, about 80 s on one core) and ours (Prisma clients).
npm install --no-audit --no-fund --ignore-scripts

step "services"
bash scripts/services.sh

step "chromium"
# The browser tests drive Debian's Chromium (`npx playwright install` cannot download here):
# chromium-headless-shell if it can be had (the same build, lighter for tests), else chromium.
have_headless_shell() { [ -x /usr/lib/chromium/chromium-headless-shell ] || command -v chromium-headless-shell >/dev/null; }
can_install=true as_root=()
if [ "$(id -u)" -eq 0 ]; then as_root=(); elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then as_root=(sudo); else can_install=false; fi
apt_install() {
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
    || { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; }
}
if [ -n "${CHROMIUM_PATH:-}" ] || have_headless_shell; then
  echo "Chromium is installed."
elif $can_install; then
  apt_install chromium-headless-shell || apt_install chromium
elif command -v chromium >/dev/null; then
  echo "Chromium is installed (chromium-headless-shell, the same build, runs the browser tests faster)."
else
  echo "Chromium is missing: run \`apt-get install -y --no-install-recommends chromium-headless-shell\` as root." >&2
  exit 1
fi
# The fonts an Android phone has (Noto, for Arabic-script, Ge'ez and emoji), so that the
# screenshots people look at show Pashto's ۍ, Tigrinya and the mood faces as a phone would.
if ! fc-list 2>/dev/null | grep -q NotoSansEthiopic || ! fc-list 2>/dev/null | grep -q NotoColorEmoji; then
  if $can_install; then
    apt_install fonts-noto-core fonts-noto-color-emoji \
      || echo "Noto fonts not installed: screenshots may show missing glyphs; the tests do not depend on them."
  else
    echo "Noto fonts missing (fonts-noto-core fonts-noto-color-emoji): screenshots may show missing glyphs."
  fi
fi

step "install scripts, typecheck, lint and build"
allowed=$(node -p 'Object.entries(require("./package.json").allowScripts ?? {}).filter(([, ok]) => ok).map(([name]) => name).join(" ")')
together \
  "install scripts of ${allowed:-no dependency}" "${allowed:+npm rebuild $allowed}" \
  "Prisma clients, typecheck, lint, build" "npm run generate && npm run typecheck && npm run lint && npm run build"

step "tests on SQLite and on PostgreSQL"
# Each run has its own template database and a fresh copy per test file (tests/setup/).
together \
  "tests on SQLite" "npm test" \
  "tests on PostgreSQL" "npm run test:postgres"

step "browser tests"
npm run test:e2e

step "done"
