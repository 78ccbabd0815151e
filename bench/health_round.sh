#!/usr/bin/env bash
# One health round over many registries (see bench/README.md).
#   bench/health_round.sh [build-dir]      (default: build; expects <build-dir>/reghub)
# Environment: REGISTRIES (1000), UNREACHABLE (200 of them), REGISTRY_PROCESSES (4),
# CONCURRENCY (8).
set -euo pipefail

build_dir=${1:-build}
binary=$(cd "$build_dir" 2>/dev/null && pwd)/reghub || true
total=${REGISTRIES:-1000}
unreachable=${UNREACHABLE:-200}
processes=${REGISTRY_PROCESSES:-4}
concurrency=${CONCURRENCY:-8}
healthy=$((total - unreachable))

die() { echo "health_round.sh: $*" >&2; exit 1; }
[[ -x "$binary" ]] || die "no reghub binary in '$build_dir' (build it first: cmake --build $build_dir)"
command -v curl >/dev/null || die "curl is missing: run scripts/install-deps.sh --test"
[[ -x /usr/bin/docker-registry ]] || die "docker-registry is missing: run scripts/install-deps.sh --test"
((healthy >= 0 && unreachable <= 250 && healthy <= 250 * processes)) ||
  die "at most 250 unreachable and 250 healthy registries per registry process"

work=$(mktemp -d "${TMPDIR:-/tmp}/reghub-health-bench.XXXXXX")
pids=()
server_pid=""
stop_pid() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  [[ -n "$server_pid" ]] && stop_pid "$server_pid"
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  die "no free port found"
}

# The registry processes listen on every address so that each one serves many
# distinct registry URLs (127.0.0.2, 127.0.0.3, ... on its port): the hub keys
# registries by host:port.
ports=()
for ((p = 0; p < processes; p++)); do
  port=$(free_port)
  mkdir -p "$work/registry$p"
  cat >"$work/registry$p/config.yml" <<CONFIG
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/registry$p/data
http:
  addr: 0.0.0.0:$port
  secret: reghub-bench-secret
CONFIG
  /usr/bin/docker-registry serve "$work/registry$p/config.yml" >"$work/registry$p/log" 2>&1 &
  pids+=($!)
  ports+=("$port")
done
for port in "${ports[@]}"; do
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/v2/" && break; sleep 0.1; done
  curl -fs -o /dev/null "http://127.0.0.1:$port/v2/" || die "docker-registry on port $port did not start"
done

# The registries: healthy ones spread over the processes, unreachable ones on
# port 9 of 127.0.1.N (nothing listens: connection refused).
: >"$work/urls"
for ((i = 0; i < healthy; i++)); do
  echo "127.0.0.$((2 + i / processes)):${ports[i % processes]}" >>"$work/urls"
done
for ((i = 0; i < unreachable; i++)); do echo "127.0.1.$((1 + i)):9" >>"$work/urls"; done

port=$(free_port)
base="http://127.0.0.1:$port"
password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
start_hub() {  # extra serve flags...
  REGHUB_ADMIN_PASSWORD=$password "$binary" serve --listen "127.0.0.1:$port" --data "$work/data" \
    "$@" >>"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 300); do
    curl -fs -o /dev/null "$base/readyz" && return 0
    kill -0 "$server_pid" 2>/dev/null || { tail -20 "$work/server.log" >&2; die "the hub exited"; }
    sleep 0.1
  done
  die "the hub is not ready"
}
stop_hub() { stop_pid "$server_pid"; server_pid=""; }
kib() { awk -v k="$1" '/^'"$1"':/ { print $2 }' "/proc/$server_pid/status"; }

start_hub --health-interval 0
token=$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$base/api/v1/auth/login" |
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[[ -n "$token" ]] || die "login failed"
: >"$work/seed.curl"
first=1
while read -r url; do
  ((first)) || echo next >>"$work/seed.curl"
  first=0
  printf 'url = "%s/api/v1/registries"\nheader = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\n' \
    "$base" "$token" >>"$work/seed.curl"
  printf 'data = "{\\"url\\":\\"%s\\",\\"provider\\":\\"generic\\",\\"access\\":\\"public\\",\\"tls\\":{\\"mode\\":\\"plain-http\\"}}"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
    "$url" >>"$work/seed.curl"
done <"$work/urls"
curl -s --no-progress-meter --parallel --parallel-max 8 -K "$work/seed.curl" >"$work/seed.codes"
created=$(grep -c '^201$' "$work/seed.codes" || true)
((created == total)) || die "created $created of $total registries: $(sort "$work/seed.codes" | uniq -c | tr '\n' ' ')"
stop_hub
echo "$total registries: $healthy on $processes docker-registry processes, $unreachable unreachable (refused)"

declare -A round_ms peak_kib base_kib up_count
# Restarts the hub with scheduled rounds every 2 s at concurrency $1 and waits
# for the first round's log line; peak memory is the hub's VmHWM then.
measure_round() {
  local c=$1 line
  : >"$work/server.log"
  start_hub --health-interval 2 --health-concurrency "$c"
  base_kib[$c]=$(kib VmRSS)
  for _ in $(seq 6000); do
    line=$(grep -m1 'health round:' "$work/server.log" || true)
    [[ -n "$line" ]] && break
    sleep 0.05
  done
  [[ -n "$line" ]] || die "no health round within 300 s at concurrency $c"
  peak_kib[$c]=$(kib VmHWM)
  round_ms[$c]=$(sed -n 's/.*checked in \([0-9]*\) ms.*/\1/p' <<<"$line")
  grep -q "$total of $total registries" <<<"$line" || die "incomplete round: $line"
  up_count[$c]=$(curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/health?status=up" |
    grep -o '"registry_id"' | wc -l)
  stop_hub
}
measure_round "$concurrency"
measure_round 1

# Reference: the same registries' GET /v2/ with curl, one transfer after the
# other in one process, and 8 at a time.
: >"$work/ping.curl"
while read -r url; do
  printf 'url = "http://%s/v2/"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' "$url" >>"$work/ping.curl"
done <"$work/urls"
seconds() { local a b; a=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; b=$(date +%s.%N); awk -v a="$a" -v b="$b" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }
curl_seq_ms=$(seconds curl -s --connect-timeout 10 -K "$work/ping.curl")
curl_par_ms=$(seconds curl -s --connect-timeout 10 --parallel --parallel-max "$concurrency" -K "$work/ping.curl")

echo
printf '%-44s %10s %12s %12s\n' "run" "wall ms" "peak RSS MiB" "start RSS MiB"
for c in "$concurrency" 1; do
  printf '%-44s %10d %12.1f %12.1f\n' "hub round, concurrency $c (${up_count[$c]} up)" "${round_ms[$c]}" \
    "$(awk -v k="${peak_kib[$c]}" 'BEGIN { print k / 1024 }')" \
    "$(awk -v k="${base_kib[$c]}" 'BEGIN { print k / 1024 }')"
done
printf '%-44s %10d\n' "curl GET /v2/, sequential (one process)" "$curl_seq_ms"
printf '%-44s %10d\n' "curl GET /v2/, $concurrency in parallel" "$curl_par_ms"
awk -v r="${round_ms[$concurrency]}" -v r1="${round_ms[1]}" -v s="$curl_seq_ms" -v p="$curl_par_ms" -v c="$concurrency" 'BEGIN {
  printf "\nround at concurrency %d vs concurrency 1: %.2fx faster\n", c, r1 / r
  printf "round at concurrency %d vs sequential curl pings: %.2fx the time\n", c, r / s
  printf "round at concurrency %d vs curl pings %d in parallel: %.2fx the time\n", c, c, r / p
  printf "per registry (concurrency %d): %.2f ms of wall time\n", c, r / '"$total"'
}'
