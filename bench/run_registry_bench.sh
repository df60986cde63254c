#!/usr/bin/env bash
# Runs the registry benchmark end to end on loopback:
#   1. a private redis-server (free port, temporary directory, appendonly yes,
#      appendfsync everysec, as `make run` and compose run it);
#   2. the registry binary on a free port, metrics off, warn-level logs, with a random
#      40-hex-digit admin key in CADRE_ADMIN_KEY;
#   3. the no-op baseline (registry_bench --serve_noop) in a process of its own, so that
#      the no-op service and the registry are both measured across a process boundary
#      (NOOP_IN_PROCESS=1 serves it inside the load generator instead);
#   4. registry_bench: seeds 12 bodies and ROLES open roles once (10,000; it prints how
#      long seeding took), then measures the no-op service and the registry at IN_FLIGHT
#      calls in flight (1,16,64), REPEATS times (3), and prints per-run tables, the median
#      and range, the ratios and Redis bytes per role.
# Everything it starts is stopped by PID on exit; the whole run is bounded by TIME_LIMIT.
#
# Usage: bench/run_registry_bench.sh [REGISTRY_BIN [BENCH_BIN]] [-- extra registry_bench flags]
#   defaults: $BUILD_DIR/services/registry/cadre-registry, $BUILD_DIR/bench/registry_bench
#   (BUILD_DIR: build, as `make build` and `make bench` use)
# Environment (`make bench` passes its variables of the same names):
#   REPEATS (3)           runs of the whole set of measurements
#   ROLES (10000)         roles to seed, 1,600-1,000,000
#   IN_FLIGHT (1,16,64)   calls in flight to measure at, comma-separated
#   DURATION (5)          seconds measured per target and in-flight count, after WARMUP (1)
#   TIME_LIMIT            seconds for the whole run; default 120 + 3 ms a role + 1.5 x the
#                         measuring time (defaults: 555 s; ROLES=100000: 825 s)
#   OUT                   also write the summary markdown to this file
#   BUILD_DIR (build), REDIS_SERVER (redis-server on PATH), NOOP_IN_PROCESS (0)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-build}"
[[ "${build_dir}" == /* ]] || build_dir="${repo}/${build_dir}"
registry_bin="${build_dir}/services/registry/cadre-registry"
bench_bin="${build_dir}/bench/registry_bench"
if [[ $# -gt 0 && "$1" != "--" ]]; then registry_bin="$1"; shift; fi
if [[ $# -gt 0 && "$1" != "--" ]]; then bench_bin="$1"; shift; fi
if [[ $# -gt 0 && "$1" == "--" ]]; then shift; fi
repeats="${REPEATS:-3}"
roles="${ROLES:-10000}"
in_flight="${IN_FLIGHT:-1,16,64}"
duration="${DURATION:-5}"
warmup="${WARMUP:-1}"
redis_server="${REDIS_SERVER:-redis-server}"
for pair in "REPEATS=${repeats}" "ROLES=${roles}" "DURATION=${duration}" "WARMUP=${warmup}"; do
  [[ "${pair#*=}" =~ ^[0-9]+$ ]] || { echo "${pair%%=*}: a whole number, not '${pair#*=}'" >&2; exit 2; }
done
[[ "${in_flight}" =~ ^[0-9]+(,[0-9]+)*$ ]] || {
  echo "IN_FLIGHT: comma-separated numbers such as 1,16,64, not '${in_flight}'" >&2; exit 2; }
# Measuring: REPEATS x in-flight counts x 5 targets x (WARMUP + DURATION) seconds.
counts=$(( $(tr -cd , <<<"${in_flight}" | wc -c) + 1 ))
measure=$(( repeats * counts * 5 * (warmup + duration) ))
time_limit="${TIME_LIMIT:-$(( 120 + roles * 3 / 1000 + measure * 3 / 2 ))}"
echo "registry bench: ${roles} roles, ${in_flight} in flight, ${repeats} run(s) of" \
  "${warmup}+${duration} s per measurement (~$(( measure / 60 )) min measuring)," \
  "time limit ${time_limit} s" >&2

for bin in "${registry_bin}" "${bench_bin}"; do
  [[ -x "${bin}" ]] || { echo "not built: ${bin}" >&2; exit 2; }
done

work="$(mktemp -d -t cadre-registry-bench.XXXXXX)"
redis_pid=""
registry_pid=""
noop_pid=""

# stop, free_port, wait_for_port
source "${repo}/bench/bench_processes.sh"

cleanup() {
  local rc=$?
  stop "${noop_pid}"
  stop "${registry_pid}"
  stop "${redis_pid}"
  if [[ ${rc} -ne 0 && -f "${work}/registry.log" ]]; then
    echo "--- last lines of the registry's log" >&2
    tail -n 20 "${work}/registry.log" >&2 || true
  fi
  rm -rf "${work}"
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_bench_redis "${redis_server}" "${work}"

registry_port="$(free_port)"
CADRE_ADMIN_KEY="$(od -An -tx1 -N20 /dev/urandom | tr -d ' \n')"
export CADRE_ADMIN_KEY
"${registry_bin}" --port="${registry_port}" --metrics_port=-1 --redis_port="${redis_port}" \
  --log_level=warn >"${work}/registry.log" 2>&1 &
registry_pid=$!
wait_for_port "${registry_port}" "${registry_pid}" "the registry"

noop_flags=()
if [[ "${NOOP_IN_PROCESS:-0}" != 1 ]]; then
  noop_port="$(free_port)"
  noop_full_port="$(free_port)"
  "${bench_bin}" --serve_noop --noop_port="${noop_port}" --noop_full_port="${noop_full_port}" \
    >"${work}/noop.log" 2>&1 &
  noop_pid=$!
  wait_for_port "${noop_port}" "${noop_pid}" "the no-op service"
  wait_for_port "${noop_full_port}" "${noop_pid}" "the no-op service (1 KB roles)"
  noop_flags=(--noop="127.0.0.1:${noop_port}" --noop_full="127.0.0.1:${noop_full_port}")
fi

# The bench reads the admin key from CADRE_ADMIN_KEY and itself waits until the registry
# answers ListRoles. It runs in the foreground, so `timeout` bounds it; the trap then
# stops the registry and Redis.
out_flag=()
[[ -n "${OUT:-}" ]] && out_flag=(--out="${OUT}")
timeout --kill-after=10 "${time_limit}" "${bench_bin}" \
  --registry="127.0.0.1:${registry_port}" --redis_port="${redis_port}" \
  --repeats="${repeats}" --roles="${roles}" --in_flight="${in_flight}" \
  --duration="${duration}s" --warmup="${warmup}s" \
  --wait_ready=30s "${noop_flags[@]}" "${out_flag[@]}" "$@"
