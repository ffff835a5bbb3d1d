#!/usr/bin/env bash
# Every test Berth has, from a fresh clone on a fresh Debian machine (as root):
#   system packages → npm dependencies → real daemons/PostgreSQL/sshd (scripts/harness) → type check → lint → unit →
#   integration (against the daemons, on SQLite and PostgreSQL) → production build → Playwright in Debian's Chromium.
# The harness is torn down on exit, pass or fail.
set -Eeuo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# Each runner also writes a JSON report here; scripts/test-summary.mjs adds them up into one closing line.
REPORTS=test-reports
rm -rf "$REPORTS" && mkdir -p "$REPORTS"

step "system packages"
bash scripts/harness/install.sh

step "npm dependencies"
bash scripts/ensure-deps.sh

step "type check"
npx tsc --noEmit

step "lint (ESLint: Next's rules, TypeScript, import cycles) and format (Prettier)"
npm run --silent lint

step "unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$REPORTS/unit.json"

step "test harness: private Docker daemons, PostgreSQL, sshd"
trap 'step "tearing the harness down"; bash scripts/harness/down.sh || true' EXIT
bash scripts/harness/up.sh
set -a
# shellcheck disable=SC1091
source "${BERTH_HARNESS_DIR:-.harness}/env"
set +a

step "integration tests (server/ against real daemons: Engine 20.10)"
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$REPORTS/integration.json"

step "integration tests again on Engine 26.1 (the suites that touch the Engine)"
npx vitest run --project integration-engine26 --reporter=default --reporter=json --outputFile.json="$REPORTS/integration-engine26.json"

step "production build"
npx next build

step "end-to-end tests (Playwright, Debian Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/e2e.json" npx playwright test --reporter=list,json

node scripts/test-summary.mjs "$REPORTS"
