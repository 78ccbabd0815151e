#!/usr/bin/env bash
# The web UI's test runs, as CTest calls them (web/tests.cmake):
#   scripts/web-test.sh unit                 vitest component tests
#   scripts/web-test.sh e2e REGHUB SHOT_DIR  playwright-core + /usr/bin/chromium
#                                            against REGHUB serve and a docker-registry
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
case "${1:-}" in
  unit)
    "$root/scripts/build-web.sh" --install
    cd "$root/web"
    exec npx --no-install vitest run --reporter=verbose
    ;;
  e2e)
    binary=${2:?usage: web-test.sh e2e REGHUB_BINARY SCREENSHOT_DIR}
    shots=${3:?usage: web-test.sh e2e REGHUB_BINARY SCREENSHOT_DIR}
    "$root/scripts/build-web.sh"
    cd "$root/web"
    REGHUB_BINARY="$binary" REGHUB_WEB_DIR="$root/web/dist" REGHUB_E2E_SCREENSHOTS="$shots" exec node e2e/run.mjs
    ;;
  *)
    echo "usage: web-test.sh unit | e2e REGHUB_BINARY SCREENSHOT_DIR" >&2
    exit 2
    ;;
esac
