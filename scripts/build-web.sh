#!/usr/bin/env bash
# Installs the web UI's npm packages (npm ci, pinned by web/package-lock.json)
# and builds the UI into web/dist, which `reghub serve` serves at /.
#   scripts/build-web.sh            install when needed, build when sources changed
#   scripts/build-web.sh --install  install only (for the test runners)
# Idempotent and fast when nothing changed: node_modules carries the hash of
# the lock file it was installed from; dist carries the hash of the sources.
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v npm >/dev/null 2>&1; then
  echo "build-web: npm is missing: run scripts/install-deps.sh" >&2
  exit 1
fi

# One installer/builder at a time (make build and parallel CTest runs).
exec 9>".build.lock"
flock 9

lock_hash=$(sha256sum package-lock.json package.json | sha256sum | cut -c1-64)
if [[ ! -f node_modules/.reghub-lock-hash || "$(cat node_modules/.reghub-lock-hash)" != "$lock_hash" ]]; then
  echo "build-web: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$lock_hash" > node_modules/.reghub-lock-hash
fi
[[ "${1:-}" == "--install" ]] && exit 0

source_hash=$( (echo "$lock_hash"; find src public index.html vite.config.ts tsconfig.json -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-64)
if [[ -f dist/index.html && -f dist/.reghub-source-hash && "$(cat dist/.reghub-source-hash)" == "$source_hash" ]]; then
  exit 0
fi
echo "build-web: building the web UI" >&2
npx --no-install tsc --noEmit
npx --no-install vite build --logLevel warn
echo "$source_hash" > dist/.reghub-source-hash
node scripts/bundle-size.mjs dist | tail -1
