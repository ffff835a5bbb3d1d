#!/usr/bin/env bash
# Installs npm dependencies when node_modules is missing or older than the lock file. better-sqlite3 compiles from
# source here (no prebuilt downloads are reachable), which takes about a minute.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# `npm install`, not `npm ci`: npm 11 leaves other platforms' optional packages (@next/swc-darwin-*, …) out of the
# lock file it writes and then `npm ci` refuses that same lock file. `npm install` keeps the locked versions.
# npm 11 runs a dependency's install scripts only when package.json's allowScripts approves it: better-sqlite3 and
# esbuild (native builds Berth needs). ssh2 and cpu-features (optional native speed-ups ssh2 does without) and
# protobufjs (a version check) are recorded there as reviewed and denied, so the install ends without npm's warning.
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm install --no-audit --no-fund
fi
# A missing native binding means an install whose scripts did not run; rebuild it rather than fail at start.
node -e "require('better-sqlite3')(':memory:')" 2>/dev/null || npm rebuild better-sqlite3
