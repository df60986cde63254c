#!/usr/bin/env bash
# Runs the applications benchmark (issue 7) end to end on loopback:
#   1. a temporary directory (mode 700) holding, each mode 600: the admin key (40 hex
#      digits), matching's service key (keys/matching.key, "cadre_" + 48 hex digits) and
#      the email HMAC key (32 random bytes as 64 hex digits);
#   2. a private redis-server (free port, appendonly yes, appendfsync everysec), shared by
#      the registry and matching as `make run` shares one;
#   3. the registry (127.0.0.1, free port, metrics off, warn logs, CADRE_ADMIN_KEY,
#      --service_keys_dir), then OPEN_ROLES open roles seeded through its API
#      (applications_bench --seed_only);
#   4. matching, started only then (127.0.0.1, free port, metrics off, warn logs, its key
#      files, --max_live_applications=MAX_LIVE so that SubmitApplication's slots can keep
#      applying): it answers NOT_SERVING until its view has loaded every open role, and the
#      bench waits for SERVING;
#   5. the no-op baseline (applications_bench --serve_noop) in a process of its own, so
#      both services are measured across a process boundary (NOOP_IN_PROCESS=1: in the
#      bench);
#   6. applications_bench: applicants signed up as admin; RecommendRoles (page_size 10)
#      and the registry's GetRole at RECOMMEND_IN_FLIGHT; SubmitApplication on the no-op
#      and on matching at SUBMIT_IN_FLIGHT, with the CPU of every process per call; a race
#      of acceptances for RACE_ROLES roles of RACE_PLACES places at RACE_IN_FLIGHT;
#      REPEATS runs.
# Everything it starts is stopped by PID on exit; the whole run is bounded by TIME_LIMIT.
#
# Usage: bench/run_applications_bench.sh [REGISTRY_BIN [MATCHING_BIN [BENCH_BIN]]] [-- extra flags]
#   defaults: $BUILD_DIR/services/registry/cadre-registry,
#   $BUILD_DIR/services/matching/cadre-matching, $BUILD_DIR/bench/applications_bench
#   (BUILD_DIR: build, as `make build` and `make bench-applications` use). Extra flags go
#   to the measuring applications_bench run (`applications_bench --help` lists them).
# Environment (`make bench-applications` passes its variables of the same names):
#   REPEATS (3)                   runs of the whole set of measurements
#   OPEN_ROLES (50000)            open roles seeded before matching starts, 1-1,000,000
#   APPLICANTS (64)               applicants whose keys RecommendRoles uses (they apply to
#                                 nothing; the SubmitApplication and race applicants are others)
#   SUBMIT_APPLICANTS (320)       applicants SubmitApplication's slots share: a window holds
#                                 at most SUBMIT_APPLICANTS x MAX_LIVE applications; the first
#                                 RACE_IN_FLIGHT of them race
#   MAX_LIVE (100)                matching's --max_live_applications, 1-100
#   RECOMMEND_IN_FLIGHT (1,16,64) RecommendRoles and GetRole calls in flight (set empty: none)
#   SUBMIT_IN_FLIGHT (16,64)      SubmitApplication calls in flight (set empty: none)
#   RACE_ROLES (20), RACE_PLACES (3), RACE_IN_FLIGHT (64)   the acceptance race (0 roles: none)
#   DURATION (5)                  seconds measured per target and in-flight count, after WARMUP (1)
#   TIME_LIMIT                    seconds for the whole run; default 120 + 3 ms a role + 0.25 s
#                                 a sign-up + 1.5 x the measuring time + 45 s a run for clean-up
#                                 and the race (defaults: 771 s)
#   OUT                           also write the summary markdown to this file
#   LOGS                          copy the services' logs (warn level) to this directory on exit
#   BUILD_DIR (build), REDIS_SERVER (redis-server on PATH), NOOP_IN_PROCESS (0)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-build}"
[[ "${build_dir}" == /* ]] || build_dir="${repo}/${build_dir}"
registry_bin="${build_dir}/services/registry/cadre-registry"
matching_bin="${build_dir}/services/matching/cadre-matching"
bench_bin="${build_dir}/bench/applications_bench"
if [[ $# -gt 0 && "$1" != "--" ]]; then registry_bin="$1"; shift; fi
if [[ $# -gt 0 && "$1" != "--" ]]; then matching_bin="$1"; shift; fi
if [[ $# -gt 0 && "$1" != "--" ]]; then bench_bin="$1"; shift; fi
if [[ $# -gt 0 && "$1" == "--" ]]; then shift; fi
repeats="${REPEATS:-3}"
open_roles="${OPEN_ROLES:-50000}"
applicants="${APPLICANTS:-64}"
submit_applicants="${SUBMIT_APPLICANTS:-320}"
max_live="${MAX_LIVE:-100}"
recommend_in_flight="${RECOMMEND_IN_FLIGHT-1,16,64}"
submit_in_flight="${SUBMIT_IN_FLIGHT-16,64}"
race_roles="${RACE_ROLES:-20}"
race_places="${RACE_PLACES:-3}"
race_in_flight="${RACE_IN_FLIGHT:-64}"
duration="${DURATION:-5}"
warmup="${WARMUP:-1}"
redis_server="${REDIS_SERVER:-redis-server}"
for pair in "REPEATS=${repeats}" "OPEN_ROLES=${open_roles}" "APPLICANTS=${applicants}" \
  "SUBMIT_APPLICANTS=${submit_applicants}" "MAX_LIVE=${max_live}" "RACE_ROLES=${race_roles}" \
  "RACE_PLACES=${race_places}" "RACE_IN_FLIGHT=${race_in_flight}" "DURATION=${duration}" \
  "WARMUP=${warmup}"; do
  [[ "${pair#*=}" =~ ^[0-9]+$ ]] || { echo "${pair%%=*}: a whole number, not '${pair#*=}'" >&2; exit 2; }
done
(( open_roles >= 1 )) || { echo "OPEN_ROLES: at least 1" >&2; exit 2; }
(( max_live >= 1 && max_live <= 100 )) || { echo "MAX_LIVE: 1-100 (matching's range)" >&2; exit 2; }
for pair in "RECOMMEND_IN_FLIGHT=${recommend_in_flight}" "SUBMIT_IN_FLIGHT=${submit_in_flight}"; do
  [[ -z "${pair#*=}" || "${pair#*=}" =~ ^[0-9]+(,[0-9]+)*$ ]] || {
    echo "${pair%%=*}: comma-separated numbers such as 1,16,64, not '${pair#*=}'" >&2; exit 2; }
done
# Measuring: REPEATS x (2 targets x each count of both lists) x (WARMUP + DURATION).
count_of() { [[ -z "$1" ]] && echo 0 || echo $(( $(tr -cd , <<<"$1" | wc -c) + 1 )); }
counts=$(( $(count_of "${recommend_in_flight}") + $(count_of "${submit_in_flight}") ))
measure=$(( repeats * 2 * counts * (warmup + duration) ))
# RecommendRoles' applicants apply to nothing; the others submit and race.
appliers=${submit_applicants}
(( race_roles > 0 && race_in_flight > appliers )) && appliers=${race_in_flight}
signups=$(( applicants + appliers ))
time_limit="${TIME_LIMIT:-$(( 120 + open_roles * 3 / 1000 + signups / 4 + measure * 3 / 2 + 45 * repeats ))}"
[[ "${time_limit}" =~ ^[0-9]+$ ]] || { echo "TIME_LIMIT: a whole number of seconds" >&2; exit 2; }
echo "applications bench: ${open_roles} open roles, ${signups} applicants, RecommendRoles and" \
  "GetRole at ${recommend_in_flight:-none}, SubmitApplication at ${submit_in_flight:-none} in" \
  "flight, a race of ${race_roles} x ${race_places} places at ${race_in_flight}, ${repeats}" \
  "run(s) of ${warmup}+${duration} s per measurement (~$(( measure / 60 )) min measuring)," \
  "time limit ${time_limit} s" >&2

for bin in "${registry_bin}" "${matching_bin}" "${bench_bin}"; do
  [[ -x "${bin}" ]] || { echo "not built: ${bin}" >&2; exit 2; }
done

deadline=$(( SECONDS + time_limit ))
# Seconds left of TIME_LIMIT, at least 1.
left() { local n=$(( deadline - SECONDS )); echo $(( n > 0 ? n : 1 )); }

work="$(mktemp -d -t cadre-applications-bench.XXXXXX)"
chmod 700 "${work}"
redis_pid=""
registry_pid=""
matching_pid=""
noop_pid=""

# stop, free_port, wait_for_port, keep_bench_logs
source "${repo}/bench/bench_processes.sh"

cleanup() {
  local rc=$?
  stop "${noop_pid}"
  stop "${matching_pid}"
  stop "${registry_pid}"
  stop "${redis_pid}"
  keep_bench_logs "${rc}" "${work}" registry matching
  rm -rf "${work}"
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The secrets, each readable by us alone, and the private Redis.
make_bench_secrets "${work}"
start_bench_redis "${redis_server}" "${work}"

registry_port="$(free_port)"
"${registry_bin}" --host=127.0.0.1 --port="${registry_port}" --metrics_port=-1 --redis_port="${redis_port}" \
  --log_level=warn --service_keys_dir="${work}/keys" >"${work}/registry.log" 2>&1 &
registry_pid=$!
wait_for_port "${registry_port}" "${registry_pid}" "the registry"

# Seeding first, and matching after it: a matching replica is SERVING only once its view
# holds every open role, so the bench's wait for SERVING is a wait for all of them.
out_flag=()
append_flag=()
[[ -n "${OUT:-}" ]] && out_flag=(--out="${OUT}") && append_flag=(--out="${OUT}" --out_append)
timeout --kill-after=10 "$(left)" "${bench_bin}" --seed_only \
  --registry="127.0.0.1:${registry_port}" --roles="${open_roles}" \
  --roles_file="${work}/roles.txt" "${out_flag[@]}"

matching_port="$(free_port)"
"${matching_bin}" --host=127.0.0.1 --port="${matching_port}" --metrics_port=-1 --redis_port="${redis_port}" \
  --registry="127.0.0.1:${registry_port}" --service_key_file="${work}/keys/matching.key" \
  --service_keys_dir="${work}/keys" --email_hmac_key_file="${work}/email-hmac.key" \
  --admin_key_file="${work}/admin.key" --max_live_applications="${max_live}" --log_level=warn \
  >"${work}/matching.log" 2>&1 &
matching_pid=$!
wait_for_port "${matching_port}" "${matching_pid}" "matching"

noop_flags=()
pids="matching=${matching_pid},registry=${registry_pid},redis=${redis_pid}"
if [[ "${NOOP_IN_PROCESS:-0}" != 1 ]]; then
  noop_port="$(free_port)"
  "${bench_bin}" --serve_noop --noop_port="${noop_port}" >"${work}/noop.log" 2>&1 &
  noop_pid=$!
  wait_for_port "${noop_port}" "${noop_pid}" "the no-op service"
  noop_flags=(--noop="127.0.0.1:${noop_port}")
  pids="${pids},noop=${noop_pid}"
fi

# The bench reads the admin key from CADRE_ADMIN_KEY and itself waits until matching is
# SERVING. It runs in the foreground, so `timeout` bounds it; the trap then stops the rest.
timeout --kill-after=10 "$(left)" "${bench_bin}" \
  --matching="127.0.0.1:${matching_port}" --registry="127.0.0.1:${registry_port}" \
  --roles_file="${work}/roles.txt" --roles="${open_roles}" --redis_port="${redis_port}" \
  --cpu_pids="${pids}" --repeats="${repeats}" --applicants="${applicants}" \
  --submit_applicants="${submit_applicants}" --max_live="${max_live}" \
  --recommend_in_flight="${recommend_in_flight}" --submit_in_flight="${submit_in_flight}" \
  --race_roles="${race_roles}" --race_places="${race_places}" --race_in_flight="${race_in_flight}" \
  --duration="${duration}s" --warmup="${warmup}s" --wait_ready=120s "${noop_flags[@]}" \
  "${append_flag[@]}" "$@"
echo "applications bench: done in ${SECONDS} s" >&2
