#!/usr/bin/env bash
# `make run`: Cadre on this machine, with its data kept between runs.
#
# Installs missing Debian and npm packages, builds Release into build/, starts a Redis
# whose append-only file lives in .run/redis/, starts every Cadre service built so far,
# waits until each is SERVING, starts the gateway (the web pages and the Connect JSON API)
# and waits until its /readyz answers 200, loads the demo data (idempotent), prints where
# everything listens, and waits. Ctrl-C (SIGINT), SIGTERM or SIGHUP stops, by PID,
# everything it started: the services first (they drain), then Redis (which flushes its
# AOF).
#
# Environment:
#   REDIS_PORT=6379          Redis port (loopback only).
#   REDIS_FSYNC=everysec     appendfsync: everysec (lose at most ~1 s of writes if Redis
#                            itself crashes) or always (fsync every write; slower).
#   REGISTRY_PORT=50051      registry gRPC port; its metrics are on REGISTRY_METRICS_PORT
#   REGISTRY_METRICS_PORT=51051
#   MATCHING_PORT=50052      matching gRPC port; its metrics on MATCHING_METRICS_PORT
#   MATCHING_METRICS_PORT=51052
#   GATEWAY_PORT=8080        the gateway's HTTP port (web pages); its metrics on
#   GATEWAY_METRICS_PORT=9080  GATEWAY_METRICS_PORT
#   BUILD_DIR=build          CMake build directory.
#   SKIP_BUILD=1             do not install packages or build (use what is in BUILD_DIR).
#                            The gateway needs BUILD_DIR/web (the build's web root).
#   SKIP_DEMO=1              do not load the demo data.
# Files: .run/redis/ (Redis data), .run/admin.key (admin API key, mode 600),
#        .run/service-keys/<service>.key (each service's own key, mode 600; every service
#        is given the directory, --service_keys_dir),
#        .run/email-hmac.key (the matching service's key of the HMAC that stands for
#        emails in its indexes, mode 600), .run/gateway-session.key (seals the web
#        sessions in Redis, mode 600), .run/demo-accounts.json (the demo applicants' and
#        bodies' staff's sign-ins, mode 600), .run/logs/<name>.log (one log per process),
#        .run/run.pid (this script).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${ROOT}"

REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_FSYNC="${REDIS_FSYNC:-everysec}"
BUILD_DIR="${BUILD_DIR:-build}"
RUN_DIR="${ROOT}/.run"
LOG_DIR="${RUN_DIR}/logs"
ADMIN_KEY_FILE="${RUN_DIR}/admin.key"
SERVICE_KEYS_DIR="${RUN_DIR}/service-keys"
# The services that call others as themselves, each with its own key in SERVICE_KEYS_DIR.
KEYED_SERVICES=(matching notifications gateway)
EMAIL_HMAC_KEY_FILE="${RUN_DIR}/email-hmac.key"
GATEWAY_SESSION_KEY_FILE="${RUN_DIR}/gateway-session.key"
PYTHON=/usr/bin/python3
# Seconds a service may take to drain after SIGTERM (its own drain is 10 s) before it
# is killed, and to become SERVING after start.
STOP_GRACE_S=20
READY_TIMEOUT_S=60

# Every Cadre service `make run` knows: name, binary under BUILD_DIR, gRPC port, metrics
# port. Those not built yet are skipped.
SERVICES=(
  "registry services/registry/cadre-registry ${REGISTRY_PORT:-50051} ${REGISTRY_METRICS_PORT:-51051}"
  "matching services/matching/cadre-matching ${MATCHING_PORT:-50052} ${MATCHING_METRICS_PORT:-51052}"
)
# The gateway is not a gRPC service (no grpc.health.v1): it is ready when GET /readyz
# answers 200. It starts after the services it calls are SERVING.
GATEWAY_PORT="${GATEWAY_PORT:-8080}"
GATEWAY_METRICS_PORT="${GATEWAY_METRICS_PORT:-9080}"
GATEWAY_BINARY=services/gateway/cadre-gateway
GATEWAY_URL="http://127.0.0.1:${GATEWAY_PORT}"
# Flags only some services take, by name.
declare -A SERVICE_FLAGS=(
  [matching]="--registry=127.0.0.1:${REGISTRY_PORT:-50051} --email_hmac_key_file=${EMAIL_HMAC_KEY_FILE}"
)

log() { printf 'run: %s\n' "$*"; }
die() {
  printf 'run: ERROR: %s\n' "$*" >&2
  exit 1
}

case "${REDIS_FSYNC}" in
  everysec | always) ;;
  *) die "REDIS_FSYNC must be everysec or always, not '${REDIS_FSYNC}'" ;;
esac
[[ "${REDIS_PORT}" =~ ^[0-9]+$ ]] || die "REDIS_PORT must be a number, not '${REDIS_PORT}'"

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True while process $1 exists and is not a zombie (our dead children stay zombies until
# waited for, and `kill -0` succeeds on a zombie).
alive() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != "Z" ]]
}

# Waits up to $2 seconds for child $1 to exit, then SIGKILLs it. Always reaps it.
wait_or_kill() {
  local pid="$1" deadline=$((SECONDS + $2))
  while alive "${pid}" && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if alive "${pid}"; then
    log "pid ${pid} did not stop within $2 s; killing it"
    kill -KILL "${pid}" 2>/dev/null || true
  fi
  wait "${pid}" 2>/dev/null || true
}

# ---- stopping -------------------------------------------------------------------------
REDIS_PID=""
SERVICE_PIDS=()   # parallel to SERVICE_NAMES
SERVICE_NAMES=()

cleanup() {
  local status=$?
  set +e
  # Finish stopping even if the terminal or a pipe reading our output is gone.
  trap '' INT TERM HUP PIPE
  local i
  for i in "${!SERVICE_PIDS[@]}"; do
    if alive "${SERVICE_PIDS[i]}"; then
      log "stopping ${SERVICE_NAMES[i]} (pid ${SERVICE_PIDS[i]})"
      kill -TERM "${SERVICE_PIDS[i]}" 2>/dev/null
    fi
  done
  for i in "${!SERVICE_PIDS[@]}"; do
    wait_or_kill "${SERVICE_PIDS[i]}" "${STOP_GRACE_S}"
  done
  if [[ -n "${REDIS_PID}" ]]; then
    if alive "${REDIS_PID}"; then
      log "stopping redis (pid ${REDIS_PID}); flushing its append-only file"
      # SHUTDOWN fsyncs the AOF; SIGTERM does the same if the command cannot be sent.
      if ! redis-cli -p "${REDIS_PORT}" shutdown >/dev/null 2>&1; then
        kill -TERM "${REDIS_PID}" 2>/dev/null
      fi
    fi
    wait_or_kill "${REDIS_PID}" 60
  fi
  rm -f "${RUN_DIR}/run.pid"
  log "stopped; data kept in .run/redis/"
  exit "${status}"
}

# ---- preparing ------------------------------------------------------------------------
mkdir -p "${RUN_DIR}/redis" "${LOG_DIR}"

previous="$(cat "${RUN_DIR}/run.pid" 2>/dev/null || true)"
if [[ -n "${previous}" ]] && alive "${previous}" &&
  grep -qa 'run\.sh' "/proc/${previous}/cmdline" 2>/dev/null; then
  die "make run is already running (pid ${previous}); stop it first"
fi

# Fail before a long build if a port we need is taken.
check_port() {
  if port_in_use "$1"; then
    die "port $1 ($2) is already in use on 127.0.0.1. Stop whatever listens there \
(e.g. \`ss -ltnp 'sport = :$1'\` shows it${3:+; $3}), or choose another port${4:+ with $4}."
  fi
}
check_port "${REDIS_PORT}" "Redis" "a Redis left from an earlier run stops with \
\`redis-cli -p ${REDIS_PORT} shutdown\`" "REDIS_PORT=6380 make run"
for entry in "${SERVICES[@]}"; do
  read -r name _ grpc_port metrics_port <<<"${entry}"
  upper="${name^^}"
  check_port "${grpc_port}" "${name} gRPC" "" "${upper}_PORT"
  check_port "${metrics_port}" "${name} metrics" "" "${upper}_METRICS_PORT"
done
check_port "${GATEWAY_PORT}" "gateway HTTP" "" "GATEWAY_PORT"
check_port "${GATEWAY_METRICS_PORT}" "gateway metrics" "" "GATEWAY_METRICS_PORT"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  scripts/install_deps.sh
  scripts/install_npm.sh
  log "configuring and building Release into ${BUILD_DIR}/ (a first build takes minutes)"
  cmake -S . -B "${BUILD_DIR}" -DCMAKE_BUILD_TYPE=Release >"${LOG_DIR}/cmake.log" 2>&1 || {
    tail -n 40 "${LOG_DIR}/cmake.log" >&2
    die "cmake configure failed; full output in .run/logs/cmake.log"
  }
  cmake --build "${BUILD_DIR}" -j2
fi

# The admin API key: 40 random hex characters, made once and kept.
scripts/new_key.sh "${ADMIN_KEY_FILE}"
chmod 600 "${ADMIN_KEY_FILE}"
# Each service's own key ("cadre_" + 48 hex), made once and kept; the directory is
# readable by this user only.
mkdir -p "${SERVICE_KEYS_DIR}"
chmod 700 "${SERVICE_KEYS_DIR}"
for service in "${KEYED_SERVICES[@]}"; do
  scripts/new_key.sh --issued "${SERVICE_KEYS_DIR}/${service}.key"
  chmod 600 "${SERVICE_KEYS_DIR}/${service}.key"
done

# The matching service's email HMAC key: 32 random bytes as hex, made once and kept (a
# new one would orphan every stored email index).
if [[ ! -s "${EMAIL_HMAC_KEY_FILE}" ]]; then
  (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"${EMAIL_HMAC_KEY_FILE}")
fi
chmod 600 "${EMAIL_HMAC_KEY_FILE}"
# The gateway's session key (seals web sessions in Redis): 32 random bytes as hex, made
# once and kept (a new one signs everybody out). To rotate, put a new line first.
if [[ ! -s "${GATEWAY_SESSION_KEY_FILE}" ]]; then
  (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"${GATEWAY_SESSION_KEY_FILE}")
fi
chmod 600 "${GATEWAY_SESSION_KEY_FILE}"

trap cleanup EXIT
trap 'exit 0' INT  # a stop asked for is a clean end
trap 'exit 0' TERM
trap 'exit 129' HUP
echo "$$" >"${RUN_DIR}/run.pid"

# ---- starting -------------------------------------------------------------------------
# Each child runs in its own session (setsid, which does not fork here, so $! is its
# PID): Ctrl-C reaches only this script, which then stops them in order.
log "starting redis on 127.0.0.1:${REDIS_PORT} (appendonly yes, appendfsync ${REDIS_FSYNC})"
setsid redis-server --bind 127.0.0.1 --port "${REDIS_PORT}" --dir "${RUN_DIR}/redis" \
  --appendonly yes --appendfsync "${REDIS_FSYNC}" --daemonize no \
  >>"${LOG_DIR}/redis.log" 2>&1 </dev/null &
REDIS_PID=$!

deadline=$((SECONDS + 60))
until [[ "$(redis-cli -p "${REDIS_PORT}" ping 2>/dev/null)" == "PONG" ]]; do
  alive "${REDIS_PID}" || {
    tail -n 20 "${LOG_DIR}/redis.log" >&2
    die "redis exited at start; see .run/logs/redis.log"
  }
  ((SECONDS < deadline)) || die "redis did not answer PING within 60 s (loading a large AOF?)"
  sleep 0.2
done

started=()  # "name grpc_port metrics_port" of each service started
for entry in "${SERVICES[@]}"; do
  read -r name binary grpc_port metrics_port <<<"${entry}"
  if [[ ! -x "${BUILD_DIR}/${binary}" ]]; then
    log "${name}: ${BUILD_DIR}/${binary} is not built; skipping"
    continue
  fi
  log "starting ${name} on :${grpc_port} (metrics :${metrics_port})"
  # SERVICE_FLAGS holds several flags: split on purpose (none has a space in it).
  # shellcheck disable=SC2086
  setsid "${BUILD_DIR}/${binary}" --port "${grpc_port}" --metrics_port "${metrics_port}" \
    --redis_host 127.0.0.1 --redis_port "${REDIS_PORT}" \
    --admin_key_file="${ADMIN_KEY_FILE}" --service_keys_dir="${SERVICE_KEYS_DIR}" \
    ${SERVICE_FLAGS[${name}]:-} \
    >>"${LOG_DIR}/${name}.log" 2>&1 </dev/null &
  SERVICE_PIDS+=("$!")
  SERVICE_NAMES+=("${name}")
  started+=("${name} ${grpc_port} ${metrics_port}")
done
((${#started[@]} > 0)) || die "no Cadre service is built in ${BUILD_DIR}/"

for i in "${!started[@]}"; do
  read -r name grpc_port _ <<<"${started[i]}"
  deadline=$((SECONDS + READY_TIMEOUT_S))
  until "${PYTHON}" scripts/grpc_health.py --addr "127.0.0.1:${grpc_port}" --quiet; do
    alive "${SERVICE_PIDS[i]}" || {
      tail -n 20 "${LOG_DIR}/${name}.log" >&2
      die "${name} exited at start; see .run/logs/${name}.log"
    }
    ((SECONDS < deadline)) ||
      die "${name} was not SERVING within ${READY_TIMEOUT_S} s; see .run/logs/${name}.log"
    sleep 0.3
  done
  log "${name} is SERVING"
done

registry_port="${REGISTRY_PORT:-50051}"
gateway_started=0
if [[ -x "${BUILD_DIR}/${GATEWAY_BINARY}" ]]; then
  log "starting gateway on ${GATEWAY_URL}/ (metrics :${GATEWAY_METRICS_PORT})"
  setsid "${BUILD_DIR}/${GATEWAY_BINARY}" --port "${GATEWAY_PORT}" \
    --metrics_port "${GATEWAY_METRICS_PORT}" --web_root "${BUILD_DIR}/web" \
    --service_keys_dir="${SERVICE_KEYS_DIR}" --registry "127.0.0.1:${registry_port}" \
    --matching "127.0.0.1:${MATCHING_PORT:-50052}" --public_url "${GATEWAY_URL}" \
    --redis_host 127.0.0.1 --redis_port "${REDIS_PORT}" \
    --session_key_file="${GATEWAY_SESSION_KEY_FILE}" \
    >>"${LOG_DIR}/gateway.log" 2>&1 </dev/null &
  SERVICE_PIDS+=("$!")
  SERVICE_NAMES+=("gateway")
  gateway_pid=$!
  deadline=$((SECONDS + READY_TIMEOUT_S))
  until curl -fsS -o /dev/null --max-time 2 "${GATEWAY_URL}/readyz" 2>/dev/null; do
    alive "${gateway_pid}" || {
      tail -n 20 "${LOG_DIR}/gateway.log" >&2
      die "gateway exited at start; see .run/logs/gateway.log"
    }
    ((SECONDS < deadline)) ||
      die "gateway's /readyz did not answer 200 within ${READY_TIMEOUT_S} s; see .run/logs/gateway.log"
    sleep 0.3
  done
  gateway_started=1
  log "gateway is ready"
else
  log "gateway: ${BUILD_DIR}/${GATEWAY_BINARY} is not built; skipping"
fi

if [[ "${SKIP_DEMO:-0}" != "1" && -f scripts/demo/load_demo.py ]]; then
  log "loading demo data (skipped if already there)"
  if ! "${PYTHON}" scripts/demo/load_demo.py --addr "127.0.0.1:${registry_port}" \
    --admin_key_file "${ADMIN_KEY_FILE}" 2>&1 | tee -a "${LOG_DIR}/demo.log"; then
    log "WARNING: loading demo data failed (see .run/logs/demo.log); services keep running"
  fi
  if [[ -x "${BUILD_DIR}/services/matching/cadre-matching" ]]; then
    log "loading demo applicants (skipped if already there)"
    if ! "${PYTHON}" scripts/demo/load_applicants.py --matching "127.0.0.1:${MATCHING_PORT:-50052}" \
      --admin_key_file "${ADMIN_KEY_FILE}" --body_keys "${RUN_DIR}/body-keys.json" \
      --accounts_out "${RUN_DIR}/demo-accounts.json" 2>&1 | tee -a "${LOG_DIR}/demo.log"; then
      log "WARNING: loading demo applicants failed (see .run/logs/demo.log); services keep running"
    fi
    log "loading demo applications and placements (skipped if already there)"
    if ! "${PYTHON}" scripts/demo/load_applications.py --matching "127.0.0.1:${MATCHING_PORT:-50052}" \
      --registry "127.0.0.1:${registry_port}" --admin_key_file "${ADMIN_KEY_FILE}" \
      --body_keys "${RUN_DIR}/body-keys.json" --accounts "${RUN_DIR}/demo-accounts.json" \
      2>&1 | tee -a "${LOG_DIR}/demo.log"; then
      log "WARNING: loading demo applications failed (see .run/logs/demo.log); services keep running"
    fi
  fi
  if [[ -f "${RUN_DIR}/body-keys.json" ]]; then
    log "loading demo bodies' staff (skipped if already there)"
    if ! "${PYTHON}" scripts/demo/load_staff.py --registry "127.0.0.1:${registry_port}" \
      --body_keys "${RUN_DIR}/body-keys.json" --accounts "${RUN_DIR}/demo-accounts.json" \
      2>&1 | tee -a "${LOG_DIR}/demo.log"; then
      log "WARNING: loading demo staff failed (see .run/logs/demo.log); services keep running"
    fi
  fi
fi

# ---- serving --------------------------------------------------------------------------
cadrectl="${BUILD_DIR}/tools/cadrectl/cadrectl"
{
  echo
  echo "Cadre is running. Ctrl-C stops everything; the data stays in .run/redis/."
  echo
  printf '  %-13s %-24s %s\n' "service" "gRPC (gateway: HTTP)" "metrics / health"
  for entry in "${started[@]}"; do
    read -r name grpc_port metrics_port <<<"${entry}"
    printf '  %-13s %-24s %s\n' "${name}" "127.0.0.1:${grpc_port}" \
      "http://127.0.0.1:${metrics_port}/metrics  /healthz"
  done
  if ((gateway_started)); then
    printf '  %-13s %-24s %s\n' "gateway" "${GATEWAY_URL}/" \
      "http://127.0.0.1:${GATEWAY_METRICS_PORT}/metrics  /healthz  (ready: ${GATEWAY_URL}/readyz)"
  fi
  printf '  %-13s %-24s %s\n' "redis" "127.0.0.1:${REDIS_PORT}" \
    "appendfsync ${REDIS_FSYNC}; data .run/redis/"
  echo
  if ((gateway_started)); then
    echo "  Open ${GATEWAY_URL}/ in a browser"
    echo
  fi
  echo "  admin key:  .run/admin.key   service keys: .run/service-keys/   logs: .run/logs/<name>.log"
  if [[ -f "${RUN_DIR}/body-keys.json" ]]; then
    echo "  demo bodies' API keys: .run/body-keys.json"
  fi
  if [[ -f "${RUN_DIR}/demo-accounts.json" ]]; then
    echo "  demo sign-ins of applicants and bodies' staff (invented people): .run/demo-accounts.json"
    # "EMAIL PASSWORD" of the first applicant, then of the first staff manager.
    demo_first() {
      "${PYTHON}" - "${RUN_DIR}/demo-accounts.json" "$1" <<'PY' 2>/dev/null || true
import json, sys
accounts = json.load(open(sys.argv[1]))
if isinstance(accounts, list):
    accounts = {"applicants": accounts}
people = accounts.get(sys.argv[2], [])
if sys.argv[2] == "staff":
    people = [p for p in people if p.get("role") == "manager"] or people
if people:
    print(people[0]["email"], people[0]["password"])
PY
    }
    read -r demo_email demo_password <<<"$(demo_first applicants)" || true
    if ((gateway_started)) && [[ -n "${demo_email:-}" ]]; then
      echo "  sign in at ${GATEWAY_URL}/sign-in as ${demo_email} (password: ${demo_password}),"
      echo "  or create an account at ${GATEWAY_URL}/sign-up"
    fi
    read -r staff_email staff_password <<<"$(demo_first staff)" || true
    if ((gateway_started)) && [[ -n "${staff_email:-}" ]]; then
      echo "  bodies' staff sign in at ${GATEWAY_URL}/staff/sign-in, e.g. the manager"
      echo "  ${staff_email} (password: ${staff_password})"
    fi
  fi
  echo
  echo "  Try:"
  echo "    ${cadrectl} --addr 127.0.0.1:${registry_port} bodies list"
  echo "    ${cadrectl} --addr 127.0.0.1:${registry_port} roles search mental health"
  echo "    ${cadrectl} --addr 127.0.0.1:${registry_port} map"
  echo "    ${cadrectl} --addr 127.0.0.1:${registry_port} --key_file .run/admin.key \\"
  echo "        keys create --help        (writes need the admin key or a body's key)"
  echo "    curl -s http://127.0.0.1:${REGISTRY_METRICS_PORT:-51051}/metrics | head"
  echo
}

# Wait until a signal arrives (its trap exits through cleanup) or a child dies.
while true; do
  dead=""
  wait -n -p dead "${SERVICE_PIDS[@]}" "${REDIS_PID}" || true
  [[ -n "${dead}" ]] || continue
  # The dead child is reaped: forget its PID so cleanup never signals a reused one.
  if [[ "${dead}" == "${REDIS_PID}" ]]; then
    REDIS_PID=""
    die "redis exited unexpectedly; see .run/logs/redis.log"
  fi
  for i in "${!SERVICE_PIDS[@]}"; do
    if [[ "${SERVICE_PIDS[i]}" == "${dead}" ]]; then
      unset 'SERVICE_PIDS[i]'
      die "${SERVICE_NAMES[i]} exited unexpectedly; see .run/logs/${SERVICE_NAMES[i]}.log"
    fi
  done
done
