#!/usr/bin/env bash
# Benchmarks the registry API of a real hub (see bench/README.md).
#   bench/registry_api.sh [build-dir]      (default: build; expects <build-dir>/reghub)
# Environment: SEED_COUNT (10000), SEED_METHOD (wrk|curl), DURATION (10s),
# THREADS (2), CONNECTIONS (32).
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build_dir=${1:-build}
binary=$(cd "$build_dir" 2>/dev/null && pwd)/reghub || true
seed_count=${SEED_COUNT:-10000}
seed_method=${SEED_METHOD:-wrk}
duration=${DURATION:-10s}
threads=${THREADS:-2}
connections=${CONNECTIONS:-32}

die() { echo "registry_api.sh: $*" >&2; exit 1; }
[[ -x "$binary" ]] || die "no reghub binary in '$build_dir' (build it first: cmake --build $build_dir)"
for tool in wrk curl; do
  command -v "$tool" >/dev/null || die "$tool is missing: run scripts/install-deps.sh --test"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/reghub-bench.XXXXXX")
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free loopback port: one nobody answers on.
free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  die "no free port found"
}

port=$(free_port)
base="http://127.0.0.1:$port"
password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
REGHUB_ADMIN_PASSWORD=$password "$binary" serve --listen "127.0.0.1:$port" --data "$work/data" \
  >"$work/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 300); do
  curl -fs -o /dev/null "$base/readyz" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; die "the hub exited"; }
  sleep 0.1
done
curl -fs -o /dev/null "$base/readyz" || { tail -20 "$work/server.log" >&2; die "the hub is not ready"; }

token=$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$base/api/v1/auth/login" |
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[[ -n "$token" ]] || die "login failed"

export BENCH_DIR=$bench_dir BENCH_TOKEN=$token SEED_COUNT=$seed_count SEED_THREADS=$threads

registry_count() {
  # Counts through the list API (500 per page).
  local count=0 page_token="" body
  while :; do
    body=$(curl -fsS -G -H "Authorization: Bearer $token" --data-urlencode "page_size=500" \
      ${page_token:+--data-urlencode "page_token=$page_token"} "$base/api/v1/registries")
    count=$((count + $(grep -o '"revision":' <<<"$body" | wc -l)))
    page_token=$(sed -n 's/.*"next_page_token":"\([^"]*\)".*/\1/p' <<<"$body")
    [[ -n "$page_token" ]] || break
  done
  echo "$count"
}

seed_with_wrk() {
  # wrk is the fastest client, but stops a little late: ask it for one
  # registry per connection fewer, then top up exactly with curl.
  local first=$((seed_count > 2 * connections ? seed_count - connections : 0))
  if ((first > 0)); then
    SEED_COUNT=$first SEED_DONE="$work/seed.done" \
      wrk -t"$threads" -c"$connections" -d600s -s "$bench_dir/wrk/seed_registries.lua" "$base" \
      >"$work/seed.out" || true
  fi
  local have
  have=$(registry_count)
  ((have < seed_count)) && seed_with_curl $((seed_count - have)) $((10 * seed_count))
  return 0
}

seed_with_curl() {  # [count] [first n]
  local count=${1:-$seed_count} offset=${2:-0} config="$work/seed.curl"
  : >"$config"
  for ((n = offset; n < offset + count; n++)); do
    ((n == offset)) || echo next >>"$config"
    printf 'url = "%s/api/v1/registries"\nheader = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\n' \
      "$base" "$token" >>"$config"
    printf 'data = "{\\"url\\":\\"seed-%05d.example.com\\",\\"provider\\":\\"generic\\",\\"display_name\\":\\"Seed %d\\",\\"credentials\\":{\\"kind\\":\\"basic\\",\\"username\\":\\"ci\\",\\"password\\":\\"bench-password-%d\\"}}"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
      "$n" "$n" "$n" >>"$config"
  done
  curl -s --no-progress-meter --parallel --parallel-max "$connections" -K "$config" >>"$work/seed.codes"
}

echo "seeding $seed_count registries with $seed_method ..."
start=$(date +%s.%N)
"seed_with_$seed_method"
end=$(date +%s.%N)
seeded=$(registry_count)
awk -v n="$seeded" -v a="$start" -v b="$end" \
  'BEGIN { printf "seeded %d registries in %.1f s (%.0f creates/s)\n", n, b - a, n / (b - a) }'
((seeded >= seed_count)) || die "only $seeded of $seed_count registries were created"

# Every id and every page token of page_size=100, for the rotating scripts.
: >"$work/ids"
: >"$work/page_tokens"
page_token=""
while :; do
  body=$(curl -fsS -G -H "Authorization: Bearer $token" --data-urlencode "page_size=100" \
    ${page_token:+--data-urlencode "page_token=$page_token"} "$base/api/v1/registries")
  grep -o '"id":"[0-9a-f]*"' <<<"$body" | cut -d'"' -f4 >>"$work/ids"
  page_token=$(sed -n 's/.*"next_page_token":"\([^"]*\)".*/\1/p' <<<"$body")
  [[ -n "$page_token" ]] || break
  echo "$page_token" >>"$work/page_tokens"
done
export BENCH_IDS=$work/ids BENCH_PAGE_TOKENS=$work/page_tokens
echo "$(wc -l <"$work/ids") ids, $(($(wc -l <"$work/page_tokens") + 1)) pages of 100"

declare -A rps p99 errors
run() {  # name script path [threads connections]
  local name=$1 script=$2 path=$3 t=${4:-$threads} c=${5:-$connections} line
  line=$(BENCH_LIST_MODE=${BENCH_LIST_MODE:-pages} wrk -t"$t" -c"$c" -d"$duration" --latency -s "$bench_dir/wrk/$script" \
    "$base$path" | tee "$work/$name.out" | grep '^RESULT') || die "wrk failed for $name"
  rps[$name]=$(sed -n 's/.* rps=\([0-9.]*\).*/\1/p' <<<"$line")
  p99[$name]=$(sed -n 's/.* p99_us=\([0-9]*\).*/\1/p' <<<"$line")
  errors[$name]=$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' <<<"$line")
  local kinds
  kinds=$(sed -n 's/.*errors=[0-9]* \((.*)\).*/\1/p' <<<"$line")
  awk -v name="$name" -v rps="${rps[$name]}" -v p99="${p99[$name]}" -v errors="${errors[$name]}" \
    -v kinds="$kinds" 'BEGIN { printf "%-10s %10.0f req/s   p99 %7.2f ms   errors %d %s\n", name, rps,
      p99 / 1000, errors, (errors > 0 ? kinds : "") }'
}

echo "wrk: $threads threads, $connections connections, $duration each"
run healthz healthz.lua /healthz
run get-one get_registry.lua /api/v1/registries
BENCH_LIST_MODE=pages run list-page list_registries.lua /api/v1/registries
# Latency is judged below saturation: at 32 connections on two shared cores the
# p99 is queueing behind the throughput limit, not the time of a page. Four
# concurrent clients stand for a busy team's UI and CLI; one shows the bare
# service time.
BENCH_LIST_MODE=pages run list-page-4c list_registries.lua /api/v1/registries 2 4
BENCH_LIST_MODE=pages run list-page-1c list_registries.lua /api/v1/registries 1 1
BENCH_LIST_MODE=filter run list-filter list_registries.lua /api/v1/registries

awk -v connections="$connections" -v get="${rps[get-one]}" -v health="${rps[healthz]}" \
    -v list_p99="${p99[list-page]}" -v list_p99_4c="${p99[list-page-4c]}" \
    -v list_rps="${rps[list-page]}" 'BEGIN {
  ratio = get / health
  printf "get-one/healthz throughput: %.2f (target >= 0.6: %s)\n", ratio, (ratio >= 0.6 ? "met" : "MISSED")
  printf "list page p99 at 4 connections: %.2f ms (target < 5 ms: %s)\n", list_p99_4c / 1000,
    (list_p99_4c / 1000 < 5 ? "met" : "MISSED")
  printf "list page p99 at %d connections (saturated, %.0f pages/s): %.2f ms\n", connections,
    list_rps, list_p99 / 1000
}'
total_errors=0
for name in "${!errors[@]}"; do total_errors=$((total_errors + errors[$name])); done
((total_errors == 0)) || echo "warning: $total_errors failed requests (non-2xx or socket errors)"
