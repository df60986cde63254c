#!/usr/bin/env bash
# Runs the gateway benchmark (issue 8) end to end on loopback:
#   1. a temporary directory (mode 700) holding, each mode 600: the admin key (40 hex
#      digits), matching's and the gateway's service keys (keys/matching.key and
#      keys/gateway.key, "cadre_" + 48 hex digits) and the email HMAC key;
#   2. a private redis-server (free port, appendonly yes, appendfsync everysec);
#   3. the registry (127.0.0.1, free port, metrics off, warn logs, CADRE_ADMIN_KEY,
#      --service_keys_dir), then ROLES open roles seeded through its API
#      (gateway_bench --seed_only);
#   4. matching (127.0.0.1, free port, metrics off, warn logs, its key files), which the
#      gateway's role and body pages call; the bench waits until it is SERVING;
#   5. the gateway (127.0.0.1, free port, --web_root=$BUILD_DIR/web, metrics off,
#      --log_every_request=false, --anonymous_per_minute=0 so that the rate limit does not
#      refuse the load generator, --http_threads=HTTP_THREADS, its keys dir with
#      gateway.key), without the admin key in its environment;
#   6. gateway_bench: GetRole and ListRoles (LIST_PAGE_SIZE a page) over gRPC straight to the
#      registry and as Connect JSON through the gateway at IN_FLIGHT; the JSON reads
#      without gzip, the home page, a role's, a body's and the search page at PAGE_IN_FLIGHT;
#      the CPU of every process per call; the gateway's JSON and gzip work alone; REPEATS
#      runs; then the home page's weight on the wire.
# Everything it starts is stopped by PID on exit; the whole run is bounded by TIME_LIMIT.
#
# Usage: bench/run_gateway_bench.sh [-- extra gateway_bench flags]
#   binaries: $BUILD_DIR/services/{registry/cadre-registry,matching/cadre-matching,
#   gateway/cadre-gateway}, $BUILD_DIR/bench/gateway_bench (BUILD_DIR: build, as
#   `make bench-gateway` uses). Extra flags go to the measuring gateway_bench run
#   (`gateway_bench --help` lists them, e.g. --search_queries).
# Environment (`make bench-gateway` passes its variables of the same names):
#   REPEATS (3)              runs of the whole set of measurements
#   ROLES (10000)            open roles seeded, 1-1,000,000
#   IN_FLIGHT (1,16,64)      calls in flight of GetRole and ListRoles, gRPC and JSON
#   PAGE_IN_FLIGHT (16)      requests in flight of the pages and the JSON reads without gzip
#                            (set empty: none)
#   LIST_PAGE_SIZE (20)      ListRoles page size
#   HTTP_THREADS (64)        the gateway's --http_threads (one a connection served at once:
#                            at least the largest in-flight count)
#   KEEP_ALIVE_REQUESTS (100) the gateway's --keep_alive_requests (its default)
#   DURATION (5)             seconds measured per target and in-flight count, after WARMUP (1)
#   TIME_LIMIT               seconds for the whole run; default 120 + 3 ms a role + 1.5 x the
#                            measuring time + 10 s a run (defaults: 681 s)
#   OUT                      also write the summary markdown to this file
#   LOGS                     copy the services' logs (warn level) to this directory on exit
#   BUILD_DIR (build), REDIS_SERVER (redis-server on PATH)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-build}"
[[ "${build_dir}" == /* ]] || build_dir="${repo}/${build_dir}"
registry_bin="${build_dir}/services/registry/cadre-registry"
matching_bin="${build_dir}/services/matching/cadre-matching"
gateway_bin="${build_dir}/services/gateway/cadre-gateway"
bench_bin="${build_dir}/bench/gateway_bench"
web_root="${build_dir}/web"
if [[ $# -gt 0 && "$1" == "--" ]]; then shift; fi
repeats="${REPEATS:-3}"
roles="${ROLES:-10000}"
in_flight="${IN_FLIGHT:-1,16,64}"
page_in_flight="${PAGE_IN_FLIGHT-16}"
list_page_size="${LIST_PAGE_SIZE:-20}"
http_threads="${HTTP_THREADS:-64}"
keep_alive_requests="${KEEP_ALIVE_REQUESTS:-100}"
duration="${DURATION:-5}"
warmup="${WARMUP:-1}"
redis_server="${REDIS_SERVER:-redis-server}"
for pair in "REPEATS=${repeats}" "ROLES=${roles}" "LIST_PAGE_SIZE=${list_page_size}" \
  "HTTP_THREADS=${http_threads}" "KEEP_ALIVE_REQUESTS=${keep_alive_requests}" \
  "DURATION=${duration}" "WARMUP=${warmup}"; do
  [[ "${pair#*=}" =~ ^[0-9]+$ ]] || { echo "${pair%%=*}: a whole number, not '${pair#*=}'" >&2; exit 2; }
done
(( roles >= 1 )) || { echo "ROLES: at least 1" >&2; exit 2; }
(( roles >= list_page_size )) || { echo "ROLES: at least LIST_PAGE_SIZE" >&2; exit 2; }
for pair in "IN_FLIGHT=${in_flight}" "PAGE_IN_FLIGHT=${page_in_flight}"; do
  [[ -z "${pair#*=}" || "${pair#*=}" =~ ^[0-9]+(,[0-9]+)*$ ]] || {
    echo "${pair%%=*}: comma-separated numbers such as 1,16,64, not '${pair#*=}'" >&2; exit 2; }
done
[[ -n "${in_flight}" ]] || { echo "IN_FLIGHT: at least one count" >&2; exit 2; }
largest="$(tr , '\n' <<<"${in_flight},${page_in_flight}" | sort -n | tail -1)"
(( http_threads >= largest )) || {
  echo "HTTP_THREADS (${http_threads}) below the largest in-flight count (${largest}):" \
    "requests would queue for a thread" >&2; exit 2; }
# Measuring: REPEATS x (4 targets a count of IN_FLIGHT + 6 a count of PAGE_IN_FLIGHT) x
# (WARMUP + DURATION), and ~10 s a run for the in-process measurement and the probes.
count_of() { [[ -z "$1" ]] && echo 0 || echo $(( $(tr -cd , <<<"$1" | wc -c) + 1 )); }
targets=$(( 4 * $(count_of "${in_flight}") + 6 * $(count_of "${page_in_flight}") ))
measure=$(( repeats * (targets * (warmup + duration) + 10) ))
time_limit="${TIME_LIMIT:-$(( 120 + roles * 3 / 1000 + measure * 3 / 2 ))}"
[[ "${time_limit}" =~ ^[0-9]+$ ]] || { echo "TIME_LIMIT: a whole number of seconds" >&2; exit 2; }
echo "gateway bench: ${roles} open roles, GetRole and ListRoles (${list_page_size} a page) at" \
  "${in_flight} in flight, pages at ${page_in_flight:-none}, ${repeats} run(s) of" \
  "${warmup}+${duration} s per measurement (~$(( measure / 60 )) min measuring)," \
  "time limit ${time_limit} s" >&2

for bin in "${registry_bin}" "${matching_bin}" "${gateway_bin}" "${bench_bin}"; do
  [[ -x "${bin}" ]] || { echo "not built: ${bin}" >&2; exit 2; }
done
[[ -d "${web_root}/templates" ]] || { echo "no web root in ${web_root} (build cadre-gateway)" >&2; exit 2; }

deadline=$(( SECONDS + time_limit ))
# Seconds left of TIME_LIMIT, at least 1.
left() { local n=$(( deadline - SECONDS )); echo $(( n > 0 ? n : 1 )); }

work="$(mktemp -d -t cadre-gateway-bench.XXXXXX)"
chmod 700 "${work}"
redis_pid=""
registry_pid=""
matching_pid=""
gateway_pid=""

# stop, free_port, wait_for_port, hex, make_bench_secrets, start_bench_redis, keep_bench_logs
source "${repo}/bench/bench_processes.sh"

cleanup() {
  local rc=$?
  stop "${gateway_pid}"
  stop "${matching_pid}"
  stop "${registry_pid}"
  stop "${redis_pid}"
  keep_bench_logs "${rc}" "${work}" registry matching gateway
  rm -rf "${work}"
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The secrets, each readable by us alone (the gateway's key beside matching's), and Redis.
make_bench_secrets "${work}"
(umask 077 && echo "cadre_$(hex 24)" >"${work}/keys/gateway.key")
start_bench_redis "${redis_server}" "${work}"

registry_port="$(free_port)"
"${registry_bin}" --host=127.0.0.1 --port="${registry_port}" --metrics_port=-1 --redis_port="${redis_port}" \
  --log_level=warn --service_keys_dir="${work}/keys" >"${work}/registry.log" 2>&1 &
registry_pid=$!
wait_for_port "${registry_port}" "${registry_pid}" "the registry"

out_flag=()
append_flag=()
[[ -n "${OUT:-}" ]] && out_flag=(--out="${OUT}") && append_flag=(--out="${OUT}" --out_append)
timeout --kill-after=10 "$(left)" "${bench_bin}" --seed_only \
  --registry="127.0.0.1:${registry_port}" --roles="${roles}" \
  --roles_file="${work}/roles.txt" "${out_flag[@]}"

matching_port="$(free_port)"
"${matching_bin}" --host=127.0.0.1 --port="${matching_port}" --metrics_port=-1 --redis_port="${redis_port}" \
  --registry="127.0.0.1:${registry_port}" --service_key_file="${work}/keys/matching.key" \
  --service_keys_dir="${work}/keys" --email_hmac_key_file="${work}/email-hmac.key" \
  --admin_key_file="${work}/admin.key" --log_level=warn >"${work}/matching.log" 2>&1 &
matching_pid=$!
wait_for_port "${matching_port}" "${matching_pid}" "matching"

# The gateway holds no admin key (deploy/: it never has one), so none in its environment.
gateway_port="$(free_port)"
env -u CADRE_ADMIN_KEY "${gateway_bin}" --host=127.0.0.1 --port="${gateway_port}" --metrics_port=-1 \
  --registry="127.0.0.1:${registry_port}" --matching="127.0.0.1:${matching_port}" \
  --web_root="${web_root}" --service_keys_dir="${work}/keys" --log_every_request=false \
  --redis_port="${redis_port}" --session_key_file="${work}/gateway-session.key" \
  --anonymous_per_minute=0 --http_threads="${http_threads}" \
  --keep_alive_requests="${keep_alive_requests}" --log_level=warn >"${work}/gateway.log" 2>&1 &
gateway_pid=$!
wait_for_port "${gateway_port}" "${gateway_pid}" "the gateway"

# The bench waits until the registry answers, matching is SERVING and the gateway's
# /readyz says ready. It runs in the foreground, so `timeout` bounds it; the trap then
# stops the rest.
timeout --kill-after=10 "$(left)" "${bench_bin}" \
  --registry="127.0.0.1:${registry_port}" --matching="127.0.0.1:${matching_port}" \
  --gateway="127.0.0.1:${gateway_port}" --roles_file="${work}/roles.txt" --roles="${roles}" \
  --redis_port="${redis_port}" \
  --cpu_pids="gateway=${gateway_pid},registry=${registry_pid},matching=${matching_pid},redis=${redis_pid}" \
  --repeats="${repeats}" --in_flight="${in_flight}" --page_in_flight="${page_in_flight}" \
  --list_page_size="${list_page_size}" --duration="${duration}s" --warmup="${warmup}s" \
  --wait_ready=120s "${append_flag[@]}" "$@"
echo "gateway bench: done in ${SECONDS} s" >&2
