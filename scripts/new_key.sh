#!/usr/bin/env bash
# Writes a new key to FILE with mode 600, unless FILE already holds one: keys are made
# once and kept. From /dev/urandom:
#   scripts/new_key.sh FILE            40 random hex characters (160 bits): an admin key
#   scripts/new_key.sh --issued FILE   "cadre_" and 48 random hex characters (192 bits),
#                                      the shape of the keys Cadre issues: a service key
#                                      (services/common/service_keys.h)
#
# Exit status: 0 made or kept; 1 on error; 2 usage.
set -euo pipefail

issued=0
if (($# == 2)) && [[ "$1" == "--issued" ]]; then
  issued=1
  shift
fi
if (($# != 1)) || [[ "$1" == -* ]]; then
  echo "usage: $0 [--issued] FILE" >&2
  exit 2
fi
file="$1"
if [[ -s "${file}" ]]; then
  exit 0
fi
mkdir -p "$(dirname "${file}")"
umask 077
if ((issued)); then
  key="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  pattern='^[0-9a-f]{48}$'
else
  key="$(od -An -N20 -tx1 /dev/urandom | tr -d ' \n')"
  pattern='^[0-9a-f]{40}$'
fi
if [[ ! "${key}" =~ ${pattern} ]]; then
  echo "$0: could not read random bytes" >&2
  exit 1
fi
((issued)) && key="cadre_${key}"
printf '%s\n' "${key}" >"${file}"
chmod 600 "${file}"
echo "made a new key in ${file}"
