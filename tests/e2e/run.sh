#!/usr/bin/env bash
# Runs the end-to-end tier: tests/e2e/run.sh [PLAYWRIGHT ARGS...]
# Needs USHER_BIN (the binary under test); screenshots go to E2E_SCREENSHOTS.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/playwright ] || [ ! -x /usr/bin/chromium ]; then
  echo "e2e: Playwright or chromium missing; run scripts/install-deps --test" >&2
  exit 1
fi
start=$(date +%s)
set +e
node_modules/.bin/playwright test "$@"
rc=$?
set -e
echo "e2e: $(( $(date +%s) - start )) s"
exit $rc
