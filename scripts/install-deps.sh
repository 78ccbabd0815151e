#!/usr/bin/env bash
# Installs what reghub needs to build, run and test, from Debian's packages.
# Idempotent: when everything is present it returns in well under a second.
set -euo pipefail

build_packages=(
  cmake ninja-build g++ ccache pkg-config
  libboost-dev nlohmann-json3-dev libyaml-cpp-dev libsodium-dev
  libcurl4-openssl-dev libssl-dev libsqlite3-dev libpq-dev zlib1g-dev
  libcli11-dev libspdlog-dev libfmt-dev libgtest-dev libgmock-dev
)
test_packages=(
  docker-registry skopeo apache2-utils openssl postgresql wrk curl
  chromium
)

# The web UI builds with Node and npm (scripts/build-web.sh); Debian's when none is on PATH.
if ! command -v npm >/dev/null 2>&1; then build_packages+=(nodejs npm); fi

wanted=("${build_packages[@]}")
if [[ "${1:-}" == "--test" ]]; then
  wanted+=("${test_packages[@]}")
fi

missing=()
for package in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
