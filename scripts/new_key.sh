#!/usr/bin/env bash
# Writes a new API key (40 random hex characters, 160 bits from /dev/urandom) to FILE
# with mode 600, unless FILE already holds one: keys are made once and kept.
#
# Usage: scripts/new_key.sh FILE       Exit status: 0 made or kept; 1 on error; 2 usage.
set -euo pipefail

if (($# != 1)); then
  echo "usage: $0 FILE" >&2
  exit 2
fi
file="$1"
if [[ -s "${file}" ]]; then
  exit 0
fi
mkdir -p "$(dirname "${file}")"
umask 077
key="$(od -An -N20 -tx1 /dev/urandom | tr -d ' \n')"
if [[ ! "${key}" =~ ^[0-9a-f]{40}$ ]]; then
  echo "$0: could not read 20 random bytes" >&2
  exit 1
fi
printf '%s\n' "${key}" >"${file}"
chmod 600 "${file}"
echo "made a new key in ${file}"
