#!/usr/bin/env bash
# Installs npm dependencies when node_modules is missing or older than the lock file. better-sqlite3 compiles from
# source here (no prebuilt downloads are reachable), which takes about a minute.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
# A missing native binding means an install whose scripts did not run; rebuild it rather than fail at start.
node -e "require('better-sqlite3')(':memory:')" 2>/dev/null || npm rebuild better-sqlite3
