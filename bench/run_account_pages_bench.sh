#!/usr/bin/env bash
# Runs the account pages' benchmark (issue 9) end to end on loopback:
#   1. a temporary directory (mode 700) holding, each mode 600: the admin key, matching's
#      and the gateway's service keys, the email HMAC key and the gateway's session key;
#   2. a private redis-server (free port, appendonly yes, appendfsync everysec), shared by
#      the registry, matching and the gateway's sessions;
#   3. the registry and matching (127.0.0.1, free ports, metrics off, warn logs), matching
#      with --max_live_applications=MAX_LIVE so that every person's history fits, and
#      --signins_per_address_minute=0: every person signs in from 127.0.0.1;
#   4. the gateway (127.0.0.1, free port, --web_root=$BUILD_DIR/web, metrics off,
#      --anonymous_per_minute=0 so that the rate limit does not refuse the load generator,
#      --http_threads=HTTP_THREADS), without the admin key in its environment;
#   5. account_pages_bench: ROLES open roles seeded through the registry's API, PEOPLE
#      people signed up as admin with APPLICATIONS applications each, every one signed in
#      through the gateway's form; then REPEATS runs of the anonymous role page,
#      /applications and /for-you at IN_FLIGHT, with the Server-Timing parts.
# Everything it starts is stopped by PID on exit; the whole run is bounded by TIME_LIMIT.
#
# Usage: bench/run_account_pages_bench.sh [-- extra account_pages_bench flags]
# Environment (`make bench-account-pages` passes its variables of the same names):
#   REPEATS (3), DURATION (5), WARMUP (1)   runs, and seconds measured per page after a warm-up
#   ROLES (2000)             open roles seeded, 20-100,000
#   PEOPLE (50)              people signed up and signed in, 1-1,000
#   APPLICATIONS (20)        applications each person makes (every 4th withdrawn again)
#   MAX_LIVE (20)            matching's --max_live_applications, 1-100
#   IN_FLIGHT (16)           requests in flight
#   HTTP_THREADS (64)        the gateway's --http_threads (at least IN_FLIGHT)
#   TIME_LIMIT               seconds for the whole run; default 180 + 10 ms a role + 0.5 s a
#                            person + 1.5 x the measuring time (defaults: ~290 s)
#   OUT                      also write the summary markdown to this file
#   LOGS                     copy the services' logs (warn level) to this directory on exit
#   BUILD_DIR (build), REDIS_SERVER (redis-server on PATH)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-build}"
[[ "${build_dir}" == /* ]] || build_dir="${repo}/${build_dir}"
bench_bin="${build_dir}/bench/account_pages_bench"
if [[ $# -gt 0 && "$1" == "--" ]]; then shift; fi
repeats="${REPEATS:-3}"
duration="${DURATION:-5}"
warmup="${WARMUP:-1}"
roles="${ROLES:-2000}"
people="${PEOPLE:-50}"
applications="${APPLICATIONS:-20}"
max_live="${MAX_LIVE:-20}"
in_flight="${IN_FLIGHT:-16}"
http_threads="${HTTP_THREADS:-64}"
redis_server="${REDIS_SERVER:-redis-server}"
for pair in "REPEATS=${repeats}" "DURATION=${duration}" "WARMUP=${warmup}" "ROLES=${roles}" \
  "PEOPLE=${people}" "APPLICATIONS=${applications}" "MAX_LIVE=${max_live}" \
  "IN_FLIGHT=${in_flight}" "HTTP_THREADS=${http_threads}"; do
  [[ "${pair#*=}" =~ ^[0-9]+$ ]] || { echo "${pair%%=*}: a whole number, not '${pair#*=}'" >&2; exit 2; }
done
(( http_threads >= in_flight )) || {
  echo "HTTP_THREADS (${http_threads}) below IN_FLIGHT (${in_flight}): requests would queue" >&2; exit 2; }
# Measuring: REPEATS x 3 pages x (WARMUP + DURATION).
measure=$(( repeats * 3 * (warmup + duration) ))
time_limit="${TIME_LIMIT:-$(( 180 + roles / 100 + people / 2 + measure * 3 / 2 ))}"
[[ "${time_limit}" =~ ^[0-9]+$ ]] || { echo "TIME_LIMIT: a whole number of seconds" >&2; exit 2; }
echo "account pages bench: ${roles} roles, ${people} people with ${applications} applications" \
  "each, ${in_flight} in flight, ${repeats} run(s) of ${warmup}+${duration} s a page," \
  "time limit ${time_limit} s" >&2

# stop, keep_bench_logs, require_page_bench_build, start_bench_services (the secrets,
# redis-server, the registry, matching and the gateway on free loopback ports) and
# stop_bench_services
source "${repo}/bench/bench_processes.sh"
require_page_bench_build "${build_dir}" "${bench_bin}"

deadline=$(( SECONDS + time_limit ))
left() { local n=$(( deadline - SECONDS )); echo $(( n > 0 ? n : 1 )); }

work="$(mktemp -d -t cadre-account-pages-bench.XXXXXX)"
chmod 700 "${work}"
redis_pid=""
registry_pid=""
matching_pid=""
gateway_pid=""
trap stop_bench_services EXIT
trap 'exit 130' INT TERM

start_bench_services "${build_dir}" "${work}" "${max_live}" "${http_threads}" "${redis_server}"

out_flag=()
[[ -n "${OUT:-}" ]] && out_flag=(--out="${OUT}")
timeout --kill-after=10 "$(left)" "${bench_bin}" \
  --registry="127.0.0.1:${registry_port}" --matching="127.0.0.1:${matching_port}" \
  --gateway="127.0.0.1:${gateway_port}" --roles="${roles}" --people="${people}" \
  --applications_each="${applications}" --in_flight="${in_flight}" --repeats="${repeats}" \
  --duration="${duration}s" --warmup="${warmup}s" --wait_ready=120s "${out_flag[@]}" "$@"
echo "account pages bench: done in ${SECONDS} s" >&2
