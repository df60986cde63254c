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
# Gateway: Mustache templates (header-only) and zlib (its own gzip); curl for `make run`'s
#          readiness wait on /readyz.
# Browser tests: Debian's chromium, driven by npm's playwright-core (nothing downloads a
#          browser); npm installs the front-end packages (scripts/install_npm.sh).
PACKAGES=(
  build-essential cmake pkg-config ccache git
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libhiredis-dev libspdlog-dev libssl-dev
  libcpp-httplib-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  redis-server redis-tools
  python3-grpcio python3-protobuf
  clang-format clang-tidy docker-compose openssl tzdata
  libkainjow-mustache-dev zlib1g-dev curl chromium
)

# Node.js and npm: Debian's `nodejs npm` only when no npm is on PATH. Machines with
# NodeSource's nodejs (which bundles npm) must not get Debian's npm package: it conflicts
# with that nodejs, and apt would try to replace one with the other. The browser tests
# need Node.js 20 or later (playwright-core 1.65); Debian 12's own nodejs is 18, enough to
# install the NHS.UK frontend for the build but not to run them.
if ! command -v npm >/dev/null 2>&1; then
  node_version="$(dpkg-query -W -f='${Version}' nodejs 2>/dev/null || true)"
  if [[ "${node_version}" == *nodesource* ]]; then
    echo "install_deps: NodeSource's nodejs ${node_version} is installed but npm is not on" \
      "PATH; it ships npm itself (/usr/bin/npm): repair it with" \
      "\`apt-get install --reinstall nodejs\` (Debian's npm package conflicts with it)." >&2
    exit 1
  fi
  PACKAGES+=(nodejs npm)
fi

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
