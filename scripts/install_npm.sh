#!/usr/bin/env bash
# Installs the repository's npm packages (package-lock.json) into node_modules/: the NHS.UK
# frontend the build copies into the gateway's web root, and the browser tests' tools
# (playwright-core, which downloads no browser, and @axe-core/playwright).
#
# Quick and offline when up to date: runs `npm ci` only when node_modules/ is missing or
# older than package-lock.json (npm ci writes node_modules/.package-lock.json last, so a
# cut-short install counts as missing). Otherwise touches nothing.
#
# Usage: scripts/install_npm.sh [--force]   (--force: run npm ci regardless)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${ROOT}"

stamp=node_modules/.package-lock.json
if [[ "${1:-}" != "--force" && -f "${stamp}" && ! package-lock.json -nt "${stamp}" ]]; then
  echo "install_npm: node_modules/ is up to date with package-lock.json."
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "install_npm: npm is not on PATH. Install Node.js and npm first:" \
    "scripts/install_deps.sh (as root) installs Debian's when none is there." >&2
  exit 1
fi

echo "install_npm: npm ci (node_modules/ is missing or older than package-lock.json)"
npm ci --no-audit --no-fund
