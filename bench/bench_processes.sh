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
