#!/usr/bin/env bash
# Runs the staff applicants page's benchmark (issue 10) end to end on loopback:
#   1. the secrets, a private redis-server, the registry, matching and the gateway on free
#      loopback ports, as bench/run_account_pages_bench.sh has them (start_bench_services
#      in bench/bench_processes.sh), matching with --max_live_applications=MAX_LIVE;
#   2. staff_pages_bench: one body and one open role seeded through the registry's API,
#      APPLICANTS people signed up as admin, each applying to that role (some moved on to
#      acknowledged and shortlisted by the body), a recruiter made with the body's key
#      and signed in through the gateway's /staff/sign-in form; then REPEATS runs of the
#      anonymous role page and /staff/roles/{id}/applicants with the recruiter's cookie,
#      both at IN_FLIGHT with the pages' Server-Timing parts, and the page's upstream
#      calls alone over gRPC (GetRole, ListApplications, RankApplicants) at 1 and at
#      IN_FLIGHT; with the CPU each process spent per request or call.
# Everything it starts is stopped by PID on exit; the whole run is bounded by TIME_LIMIT.
#
# Usage: bench/run_staff_pages_bench.sh [-- extra staff_pages_bench flags]
# Environment (`make bench-staff-pages` passes its variables of the same names):
#   REPEATS (3), DURATION (5), WARMUP (1)   runs, and seconds measured per target after a warm-up
#   APPLICANTS (500)         people applying to the role, 1-5,000
#   MAX_LIVE (10)            matching's --max_live_applications, 1-100 (each person holds one)
#   IN_FLIGHT (16)           requests (and gRPC calls) in flight
#   HTTP_THREADS (64)        the gateway's --http_threads (at least IN_FLIGHT)
#   TIME_LIMIT               seconds for the whole run; default 180 + 0.1 s an applicant +
#                            1.5 x the measuring time (defaults: ~445 s)
#   OUT                      also write the summary markdown to this file
#   LOGS                     copy the services' logs (warn level) to this directory on exit
#   BUILD_DIR (build), REDIS_SERVER (redis-server on PATH)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-build}"
[[ "${build_dir}" == /* ]] || build_dir="${repo}/${build_dir}"
bench_bin="${build_dir}/bench/staff_pages_bench"
if [[ $# -gt 0 && "$1" == "--" ]]; then shift; fi
repeats="${REPEATS:-3}"
duration="${DURATION:-5}"
warmup="${WARMUP:-1}"
applicants="${APPLICANTS:-500}"
max_live="${MAX_LIVE:-10}"
in_flight="${IN_FLIGHT:-16}"
http_threads="${HTTP_THREADS:-64}"
redis_server="${REDIS_SERVER:-redis-server}"
for pair in "REPEATS=${repeats}" "DURATION=${duration}" "WARMUP=${warmup}" \
  "APPLICANTS=${applicants}" "MAX_LIVE=${max_live}" "IN_FLIGHT=${in_flight}" \
  "HTTP_THREADS=${http_threads}"; do
  [[ "${pair#*=}" =~ ^[0-9]+$ ]] || { echo "${pair%%=*}: a whole number, not '${pair#*=}'" >&2; exit 2; }
done
(( http_threads >= in_flight )) || {
  echo "HTTP_THREADS (${http_threads}) below IN_FLIGHT (${in_flight}): requests would queue" >&2; exit 2; }
# Measuring: REPEATS x 8 targets (2 pages; 3 gRPC calls at 1 and at IN_FLIGHT) x (WARMUP + DURATION).
measure=$(( repeats * 8 * (warmup + duration) ))
time_limit="${TIME_LIMIT:-$(( 180 + applicants / 10 + measure * 3 / 2 ))}"
[[ "${time_limit}" =~ ^[0-9]+$ ]] || { echo "TIME_LIMIT: a whole number of seconds" >&2; exit 2; }
echo "staff pages bench: one role with ${applicants} applicants, ${in_flight} in flight," \
  "${repeats} run(s) of ${warmup}+${duration} s a target, time limit ${time_limit} s" >&2

# stop, keep_bench_logs, require_page_bench_build, start_bench_services (the secrets,
# redis-server, the registry, matching and the gateway on free loopback ports) and
# stop_bench_services
source "${repo}/bench/bench_processes.sh"
require_page_bench_build "${build_dir}" "${bench_bin}"

deadline=$(( SECONDS + time_limit ))
left() { local n=$(( deadline - SECONDS )); echo $(( n > 0 ? n : 1 )); }

work="$(mktemp -d -t cadre-staff-pages-bench.XXXXXX)"
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
  --gateway="127.0.0.1:${gateway_port}" --applicants="${applicants}" \
  --redis_port="${redis_port}" \
  --cpu_pids="gateway=${gateway_pid},registry=${registry_pid},matching=${matching_pid},redis=${redis_pid}" \
  --in_flight="${in_flight}" --repeats="${repeats}" --duration="${duration}s" \
  --warmup="${warmup}s" --wait_ready=120s "${out_flag[@]}" "$@"
echo "staff pages bench: done in ${SECONDS} s" >&2
