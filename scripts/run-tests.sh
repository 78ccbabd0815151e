#!/usr/bin/env bash
# Runs every test through CTest, independent binaries in parallel.
set -euo pipefail
build_dir=${1:-build}
cd "$build_dir"
ctest --output-on-failure -j "$(nproc)" --timeout 600
