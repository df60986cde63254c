# Sourced by bench/run_*_bench.sh: starting and stopping the processes a benchmark runs,
# on loopback only, each stopped by its own PID.

# Stops one process we started: TERM, up to 10 s to exit, then KILL.
stop() {
  local pid="$1"
  [[ -n "${pid}" ]] || return 0
  kill -TERM "${pid}" 2>/dev/null || return 0
  for _ in $(seq 100); do
    kill -0 "${pid}" 2>/dev/null || { wait "${pid}" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "${pid}" 2>/dev/null || true
  wait "${pid}" 2>/dev/null || true
}

# A port the kernel just handed out on 127.0.0.1.
free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until something accepts connections on 127.0.0.1:$1, while process $2 lives.
wait_for_port() {
  local port="$1" pid="$2" what="$3"
  for _ in $(seq 300); do
    kill -0 "${pid}" 2>/dev/null || { echo "${what} exited before listening" >&2; return 1; }
    if (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "${what} not listening on ${port} after 30 s" >&2
  return 1
}

# Random hex: $1 bytes from /dev/urandom as 2 x $1 hex digits.
hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

# The matching benchmarks' secrets in directory $1, each mode 600: the admin key (40 hex
# digits, also exported as CADRE_ADMIN_KEY), matching's service key (keys/matching.key,
# "cadre_" + 48 hex digits) and the email HMAC key (32 random bytes as 64 hex digits).
make_bench_secrets() {
  local dir="$1"
  (
    umask 077
    mkdir -p "${dir}/keys"
    hex 20 >"${dir}/admin.key"
    echo "cadre_$(hex 24)" >"${dir}/keys/matching.key"
    hex 32 >"${dir}/email-hmac.key"
    hex 32 >"${dir}/gateway-session.key"
  )
  CADRE_ADMIN_KEY="$(cat "${dir}/admin.key")"
  export CADRE_ADMIN_KEY
}

# A private redis-server ($1, the binary) in directory $2 on a free loopback port, AOF on
# (appendfsync everysec, as `make run`), no snapshots; sets redis_port and redis_pid and
# returns once it listens.
start_bench_redis() {
  local server="$1" dir="$2"
  redis_port="$(free_port)"
  "${server}" --bind 127.0.0.1 --port "${redis_port}" --dir "${dir}" \
    --appendonly yes --appendfsync everysec --save "" --daemonize no \
    --logfile "${dir}/redis.log" &
  redis_pid=$!
  wait_for_port "${redis_port}" "${redis_pid}" "redis-server"
}

# On the way out: the logs in directory $2 copied to $LOGS when it is set, and when the
# run failed (status $1) the last lines of each named log ($3...: "registry matching").
keep_bench_logs() {
  local rc="$1" dir="$2"
  shift 2
  if [[ -n "${LOGS:-}" ]]; then
    mkdir -p "${LOGS}" && cp "${dir}"/*.log "${LOGS}/" 2>/dev/null || true
  fi
  if [[ ${rc} -ne 0 ]]; then
    for log in "$@"; do
      [[ -s "${dir}/${log}.log" ]] || continue
      echo "--- last lines of ${log}.log" >&2
      tail -n 20 "${dir}/${log}.log" >&2 || true
    done
  fi
}

# Exits 2 unless the three services, the benchmark $2 and the gateway's web root are built
# in build directory $1.
require_page_bench_build() {
  local build="$1" bench="$2" bin
  for bin in "${build}"/services/{registry/cadre-registry,matching/cadre-matching,gateway/cadre-gateway} \
    "${bench}"; do
    [[ -x "${bin}" ]] || { echo "not built: ${bin}" >&2; exit 2; }
  done
  [[ -d "${build}/web/templates" ]] || { echo "no web root in ${build}/web (build cadre-gateway)" >&2; exit 2; }
}

# The EXIT trap of a page benchmark (trap stop_bench_services EXIT): the gateway, matching,
# the registry and redis-server that start_bench_services started, stopped by PID; their
# logs kept (keep_bench_logs); the work directory $work removed; the exit status kept.
stop_bench_services() {
  local rc=$?
  stop "${gateway_pid:-}"
  stop "${matching_pid:-}"
  stop "${registry_pid:-}"
  stop "${redis_pid:-}"
  keep_bench_logs "${rc}" "${work}" registry matching gateway
  rm -rf "${work}"
  exit "${rc}"
}

# The three services of the page benchmarks, on free loopback ports with metrics off and
# warn logs, against their own redis-server, in directory $2 (mode 700): the secrets
# (make_bench_secrets and the gateway's service key), the redis-server (start_bench_redis
# with $5, the binary), the registry, matching (--max_live_applications=$3, and
# --signins_per_address_minute=0: every person signs in from 127.0.0.1) and the gateway
# (--web_root=$1/web, --anonymous_per_minute=0 so that the rate limit does not refuse the
# load generator, --http_threads=$4), without the admin key in its environment. $1 is the
# build directory. Sets redis_port, registry_port, matching_port, gateway_port and the
# four *_pid (the caller stops them by PID on exit); returns once each listens.
start_bench_services() {
  local build="$1" dir="$2" max_live="$3" http_threads="$4" server="$5"
  make_bench_secrets "${dir}"
  (umask 077 && echo "cadre_$(hex 24)" >"${dir}/keys/gateway.key")
  start_bench_redis "${server}" "${dir}"

  registry_port="$(free_port)"
  "${build}/services/registry/cadre-registry" --host=127.0.0.1 --port="${registry_port}" \
    --metrics_port=-1 --redis_port="${redis_port}" --log_level=warn \
    --service_keys_dir="${dir}/keys" >"${dir}/registry.log" 2>&1 &
  registry_pid=$!
  wait_for_port "${registry_port}" "${registry_pid}" "the registry"

  matching_port="$(free_port)"
  "${build}/services/matching/cadre-matching" --host=127.0.0.1 --port="${matching_port}" \
    --metrics_port=-1 --redis_port="${redis_port}" --registry="127.0.0.1:${registry_port}" \
    --service_key_file="${dir}/keys/matching.key" --service_keys_dir="${dir}/keys" \
    --email_hmac_key_file="${dir}/email-hmac.key" --admin_key_file="${dir}/admin.key" \
    --max_live_applications="${max_live}" --signins_per_address_minute=0 --log_level=warn \
    >"${dir}/matching.log" 2>&1 &
  matching_pid=$!
  wait_for_port "${matching_port}" "${matching_pid}" "matching"

  # The gateway holds no admin key (deploy/: it never has one), so none in its environment.
  gateway_port="$(free_port)"
  env -u CADRE_ADMIN_KEY "${build}/services/gateway/cadre-gateway" --host=127.0.0.1 \
    --port="${gateway_port}" --metrics_port=-1 --registry="127.0.0.1:${registry_port}" \
    --matching="127.0.0.1:${matching_port}" --redis_port="${redis_port}" \
    --session_key_file="${dir}/gateway-session.key" --web_root="${build}/web" \
    --service_keys_dir="${dir}/keys" --log_every_request=false --anonymous_per_minute=0 \
    --http_threads="${http_threads}" --log_level=warn >"${dir}/gateway.log" 2>&1 &
  gateway_pid=$!
  wait_for_port "${gateway_port}" "${gateway_pid}" "the gateway"
}
