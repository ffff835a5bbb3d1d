#!/usr/bin/env bash
# Installs, builds and starts Berth on http://localhost:${PORT:-3000} with SQLite in ./data. The local Docker socket
# (DOCKER_HOST or /var/run/docker.sock), when present, is registered as a host on the first start.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-deps.sh
# Rebuild only when a source file is newer than the last build.
if [[ ! -f .next/BUILD_ID ]] || [[ -n $(find app components lib server next.config.js package-lock.json -newer .next/BUILD_ID -print -quit) ]]; then
  npx next build
fi
exec npm start
