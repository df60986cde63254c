#!/usr/bin/env bash
# Runs the matching benchmark end to end on loopback:
#   1. a temporary directory (mode 700) holding, each mode 600: the admin key (40 hex
#      digits), matching's service key (keys/matching.key, "cadre_" + 48 hex digits) and
#      the email HMAC key (32 random bytes as 64 hex digits);
#   2. a private redis-server (free port, appendonly yes, appendfsync everysec), shared by
#      the registry and matching as `make run` shares one;
#   3. the registry (127.0.0.1, free port, metrics off, warn logs, CADRE_ADMIN_KEY,
#      --service_keys_dir) and matching (127.0.0.1, free port, metrics off, warn logs, its
#      key files; --signins_per_address_minute=0, because every sign-in of the load
#      generator comes from one address and the default 30 a minute would refuse nearly
#      all of them);
#   4. the no-op baseline (matching_bench --serve_noop) in a process of its own, so both
#      services are measured across a process boundary (NOOP_IN_PROCESS=1: in the bench);
#   5. matching_bench: scrypt's cost in-process; APPLICANTS sign-ups as admin; GetMyProfile
#      on matching and the no-op at IN_FLIGHT, SignIn at SIGNIN_IN_FLIGHT, REPEATS runs;
#      then VIEW_ROLES open roles seeded through the registry's API and the load of
#      matching's view of them timed in-process;
#   6. with VIEW_ROLES > 0, REPEATS times: a fresh cadre-matching (port 0) started and
#      timed from launch to health SERVING for cadre.v1.Matching (it is NOT_SERVING until
#      its view has loaded every open role).
# Everything it starts is stopped by PID on exit; the whole run is bounded by TIME_LIMIT.
#
# Usage: bench/run_matching_bench.sh [REGISTRY_BIN [MATCHING_BIN [BENCH_BIN]]] [-- extra flags]
#   defaults: $BUILD_DIR/services/registry/cadre-registry,
#   $BUILD_DIR/services/matching/cadre-matching, $BUILD_DIR/bench/matching_bench
#   (BUILD_DIR: build, as `make build` and `make bench-matching` use). Extra flags go to
#   the main matching_bench run (`matching_bench --help` lists them).
# Environment (`make bench-matching` passes its variables of the same names):
#   REPEATS (3)               runs of the whole set of measurements (and of view loads)
#   IN_FLIGHT (1,16,64)       GetMyProfile calls in flight, comma-separated
#   SIGNIN_IN_FLIGHT (1,2,4)  SignIn calls in flight, comma-separated
#   DURATION (5)              seconds measured per target and in-flight count, after WARMUP (1)
#   APPLICANTS (64)           applicants signed up (one key per GetMyProfile slot), 0-10,000
#   VIEW_ROLES (50000)        open roles seeded for the view's load, 0 (none)-1,000,000
#   TIME_LIMIT                seconds for the whole run; default 120 + 3 ms a role + 1.5 x
#                             the measuring time + 20 s a timed start (defaults: 573 s)
#   OUT                       also write the summary markdown to this file
#   BUILD_DIR (build), REDIS_SERVER (redis-server on PATH), NOOP_IN_PROCESS (0)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-build}"
[[ "${build_dir}" == /* ]] || build_dir="${repo}/${build_dir}"
registry_bin="${build_dir}/services/registry/cadre-registry"
matching_bin="${build_dir}/services/matching/cadre-matching"
bench_bin="${build_dir}/bench/matching_bench"
if [[ $# -gt 0 && "$1" != "--" ]]; then registry_bin="$1"; shift; fi
if [[ $# -gt 0 && "$1" != "--" ]]; then matching_bin="$1"; shift; fi
if [[ $# -gt 0 && "$1" != "--" ]]; then bench_bin="$1"; shift; fi
if [[ $# -gt 0 && "$1" == "--" ]]; then shift; fi
repeats="${REPEATS:-3}"
in_flight="${IN_FLIGHT:-1,16,64}"
signin_in_flight="${SIGNIN_IN_FLIGHT:-1,2,4}"
duration="${DURATION:-5}"
warmup="${WARMUP:-1}"
applicants="${APPLICANTS:-64}"
view_roles="${VIEW_ROLES:-50000}"
redis_server="${REDIS_SERVER:-redis-server}"
for pair in "REPEATS=${repeats}" "DURATION=${duration}" "WARMUP=${warmup}" \
  "APPLICANTS=${applicants}" "VIEW_ROLES=${view_roles}"; do
  [[ "${pair#*=}" =~ ^[0-9]+$ ]] || { echo "${pair%%=*}: a whole number, not '${pair#*=}'" >&2; exit 2; }
done
for pair in "IN_FLIGHT=${in_flight}" "SIGNIN_IN_FLIGHT=${signin_in_flight}"; do
  [[ "${pair#*=}" =~ ^[0-9]+(,[0-9]+)*$ ]] || {
    echo "${pair%%=*}: comma-separated numbers such as 1,16,64, not '${pair#*=}'" >&2; exit 2; }
done
# Measuring: REPEATS x (2 targets x GetMyProfile counts + SignIn counts) x (WARMUP + DURATION).
counts=$(( $(tr -cd , <<<"${in_flight}" | wc -c) + 1 ))
signin_counts=$(( $(tr -cd , <<<"${signin_in_flight}" | wc -c) + 1 ))
measure=$(( repeats * (2 * counts + signin_counts) * (warmup + duration) ))
starts=$(( view_roles > 0 ? repeats : 0 ))
time_limit="${TIME_LIMIT:-$(( 120 + view_roles * 3 / 1000 + measure * 3 / 2 + 20 * starts ))}"
[[ "${time_limit}" =~ ^[0-9]+$ ]] || { echo "TIME_LIMIT: a whole number of seconds" >&2; exit 2; }
echo "matching bench: ${applicants} applicants, GetMyProfile at ${in_flight} and SignIn at" \
  "${signin_in_flight} in flight, ${repeats} run(s) of ${warmup}+${duration} s per measurement" \
  "(~$(( measure / 60 )) min measuring), ${view_roles} roles for the view, time limit" \
  "${time_limit} s" >&2

for bin in "${registry_bin}" "${matching_bin}" "${bench_bin}"; do
  [[ -x "${bin}" ]] || { echo "not built: ${bin}" >&2; exit 2; }
done

deadline=$(( SECONDS + time_limit ))
# Seconds left of TIME_LIMIT, at least 1.
left() { local n=$(( deadline - SECONDS )); echo $(( n > 0 ? n : 1 )); }

work="$(mktemp -d -t cadre-matching-bench.XXXXXX)"
chmod 700 "${work}"
redis_pid=""
registry_pid=""
matching_pid=""
noop_pid=""
fresh_pid=""

# stop, free_port, wait_for_port
source "${repo}/bench/bench_processes.sh"

cleanup() {
  local rc=$?
  stop "${fresh_pid}"
  stop "${noop_pid}"
  stop "${matching_pid}"
  stop "${registry_pid}"
  stop "${redis_pid}"
  if [[ ${rc} -ne 0 ]]; then
    for log in registry matching matching-fresh; do
      [[ -s "${work}/${log}.log" ]] || continue
      echo "--- last lines of ${log}.log" >&2
      tail -n 20 "${work}/${log}.log" >&2 || true
    done
  fi
  rm -rf "${work}"
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The secrets, each readable by us alone, and the private Redis.
make_bench_secrets "${work}"
start_bench_redis "${redis_server}" "${work}"

# A registry from before service keys has no --service_keys_dir: then sign-up and sign-in
# fail (run with APPLICANTS=0 to measure scrypt and the view only).
registry_flags=(--service_keys_dir="${work}/keys")
if ! "${registry_bin}" --help 2>&1 | grep -q -- '--service_keys_dir'; then
  echo "warning: ${registry_bin} takes no --service_keys_dir (no service keys)" >&2
  registry_flags=()
fi
registry_port="$(free_port)"
"${registry_bin}" --host=127.0.0.1 --port="${registry_port}" --metrics_port=-1 --redis_port="${redis_port}" \
  --log_level=warn "${registry_flags[@]}" >"${work}/registry.log" 2>&1 &
registry_pid=$!
wait_for_port "${registry_port}" "${registry_pid}" "the registry"

# Starts cadre-matching on port $1, logging at level $3 to $2; sets started_pid.
start_matching() {
  "${matching_bin}" --host=127.0.0.1 --port="$1" --metrics_port=-1 --redis_port="${redis_port}" \
    --registry="127.0.0.1:${registry_port}" --service_key_file="${work}/keys/matching.key" \
    --service_keys_dir="${work}/keys" --email_hmac_key_file="${work}/email-hmac.key" \
    --admin_key_file="${work}/admin.key" --signins_per_address_minute=0 --log_level="$3" \
    >"$2" 2>&1 &
  started_pid=$!
}

# The port a matching started with --port=0 --log_level=info says it serves on (its
# "serving" log line), polled every 10 ms while process $1 lives; empty after 30 s.
logged_port() {
  local pid="$1" log="$2" port=""
  for _ in $(seq 3000); do
    port="$(grep -o '"msg":"serving","port":"[0-9]*"' "${log}" 2>/dev/null | grep -o '[0-9]*' | head -n 1)"
    [[ -n "${port}" ]] && break
    kill -0 "${pid}" 2>/dev/null || break
    sleep 0.01
  done
  echo "${port}"
}
matching_port="$(free_port)"
start_matching "${matching_port}" "${work}/matching.log" warn
matching_pid="${started_pid}"
wait_for_port "${matching_port}" "${matching_pid}" "matching"

noop_flags=()
if [[ "${NOOP_IN_PROCESS:-0}" != 1 ]]; then
  noop_port="$(free_port)"
  "${bench_bin}" --serve_noop --noop_port="${noop_port}" >"${work}/noop.log" 2>&1 &
  noop_pid=$!
  wait_for_port "${noop_port}" "${noop_pid}" "the no-op service"
  noop_flags=(--noop="127.0.0.1:${noop_port}")
fi

# The bench reads the admin key from CADRE_ADMIN_KEY and itself waits until matching is
# SERVING. It runs in the foreground, so `timeout` bounds it; the trap then stops the rest.
out_flag=()
[[ -n "${OUT:-}" ]] && out_flag=(--out="${OUT}")
timeout --kill-after=10 "$(left)" "${bench_bin}" \
  --matching="127.0.0.1:${matching_port}" --registry="127.0.0.1:${registry_port}" \
  --redis_port="${redis_port}" --service_key_file="${work}/keys/matching.key" \
  --repeats="${repeats}" --applicants="${applicants}" --in_flight="${in_flight}" \
  --signin_in_flight="${signin_in_flight}" --duration="${duration}s" --warmup="${warmup}s" \
  --view_roles="${view_roles}" --wait_ready=60s "${noop_flags[@]}" "${out_flag[@]}" "$@"

# A fresh replica against the seeded registry: launch to SERVING, REPEATS times.
append_flag=()
[[ -n "${OUT:-}" ]] && append_flag=(--out="${OUT}" --out_append)
if (( starts > 0 )); then
  heading="## Matching start to SERVING (a fresh replica loads its view first)"
  printf '%s\n\n' "${heading}"
  [[ -n "${OUT:-}" ]] && printf '%s\n\n' "${heading}" >>"${OUT}"
fi
# Each fresh replica binds port 0 (a port nothing else holds) and is asked for it through
# its log: a port from free_port could be shared, as gRPC listens with SO_REUSEPORT, with
# another process that binds it meanwhile, and the health check could then reach that
# process (one start in a trial answered SERVING in 0.13 s, faster than the view loads).
for (( i = 1; i <= starts; i++ )); do
  started_ns="$(date +%s%N)"
  start_matching 0 "${work}/matching-fresh.log" info
  fresh_pid="${started_pid}"
  fresh_port="$(logged_port "${fresh_pid}" "${work}/matching-fresh.log")"
  [[ -n "${fresh_port}" ]] || { echo "the fresh matching logged no port" >&2; exit 1; }
  timeout --kill-after=10 "$(left)" "${bench_bin}" --time_serving="127.0.0.1:${fresh_port}" \
    --started_unix_ns="${started_ns}" --time_serving_roles="${view_roles}" --wait_ready=120s \
    "${append_flag[@]}"
  stop "${fresh_pid}"
  fresh_pid=""
done
(( starts > 0 )) && echo
echo "matching bench: done in ${SECONDS} s" >&2
