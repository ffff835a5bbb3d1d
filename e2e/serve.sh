#!/usr/bin/env bash
# Starts the built app for the end-to-end tests with an empty store, and the harness's daemon A as the machine's
# "local" Docker socket, so the first-start registration is exercised for real.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
H=${BERTH_HARNESS_DIR:-$PWD/.harness}
[[ -f $H/env ]] || { echo "no harness at $H: run scripts/harness/up.sh first" >&2; exit 1; }
# shellcheck disable=SC1091
source "$H/env"
export BERTH_DATA_DIR=$H/e2e-data-${PORT:-3210}
# a template with one question of each type, only for the specs (e2e/catalog)
export BERTH_CATALOG_DIRS=$PWD/e2e/catalog
rm -rf "$BERTH_DATA_DIR"
export DOCKER_HOST=unix://$DOCKER_A_SOCKET
export NODE_ENV=production
# The admin the specs sign in as, and GitHub sign-in against e2e/fake-github.ts (see e2e/accounts.ts).
export BERTH_ADMIN_PASSWORD=Harbour-Lights-2026
GH=http://127.0.0.1:$(( ${PORT:-3210} + 1000 ))
export BERTH_GITHUB_CLIENT_ID=berth-e2e BERTH_GITHUB_CLIENT_SECRET=berth-e2e-secret BERTH_GITHUB_ORGS=acme
export BERTH_GITHUB_URL=$GH BERTH_GITHUB_API_URL=$GH/api/v3 BERTH_MEMBERSHIP_RECHECK_MS=2000
exec node_modules/.bin/tsx server.ts
