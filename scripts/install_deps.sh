#!/usr/bin/env bash
# Installs the Debian 12 packages Cadre needs to build, test and run, and nothing else.
#
# Idempotent and quick: asks dpkg-query which packages are missing and, when none are,
# never touches apt (no network, no lock). Otherwise runs `apt-get update` once and
# `apt-get install -y` for the missing ones. Runs as root, or through sudo when not root.
#
# Usage: scripts/install_deps.sh [--print]   (--print lists the packages and exits)
set -euo pipefail

# Build: compiler, CMake, protobuf/gRPC code generators and the -dev packages we link.
# Test: GoogleTest, Google Benchmark, a redis-server the test fixtures start themselves,
#       Debian's python3 gRPC for the foreign-client tests.
# Operate: redis-tools (redis-cli for `make run`), clang-format, clang-tidy, docker-compose
#          (used only to validate docker-compose.yml here; no container engine is needed).
# openssl and tzdata: for the tests that make a TLS certificate and read the
#          Europe/London zone, so that they never skip.
PACKAGES=(
  build-essential cmake pkg-config ccache git
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libhiredis-dev libspdlog-dev libssl-dev
  libcpp-httplib-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  redis-server redis-tools
  python3-grpcio python3-protobuf
  clang-format clang-tidy docker-compose openssl tzdata
)

if [[ "${1:-}" == "--print" ]]; then
  printf '%s\n' "${PACKAGES[@]}"
  exit 0
fi

# A package counts as present only when dpkg says "install ok installed" (not merely
# known, half-configured or removed with its config files left behind).
missing=()
for pkg in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "${pkg}" 2>/dev/null || true)"
  if [[ "${status}" != "install ok installed" ]]; then
    missing+=("${pkg}")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install_deps: all ${#PACKAGES[@]} Debian packages are present."
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install_deps: missing packages: ${missing[*]}" >&2
  echo "install_deps: not root and no sudo; install them as root and run again." >&2
  exit 1
fi

echo "install_deps: installing ${#missing[@]} missing package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"

# The redis-server package enables and may start a system-wide Redis on 6379 where an
# init system runs; `make run` starts its own Redis and says so if 6379 is taken.
echo "install_deps: done."
