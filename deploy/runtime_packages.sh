#!/usr/bin/env bash
# Prints, one a line, the Debian packages that hold the shared libraries the given
# binaries load (per ldd), so the runtime image installs exactly those and no -dev
# package. Used by deploy/Dockerfile's build stage.
#
# Usage: deploy/runtime_packages.sh BINARY...
# Exit status: 1 if a library is missing or belongs to no package (the image would not
# run), 2 on usage.
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 BINARY..." >&2
  exit 2
fi

declare -A packages=()
status=0
for binary in "$@"; do
  while read -r line; do
    # "libx.so.1 => /usr/lib/x86_64-linux-gnu/libx.so.1 (0x...)" or "/lib64/ld-linux... (0x...)"
    case "${line}" in
      *"not found"*)
        echo "$0: ${binary}: ${line}" >&2
        status=1
        continue
        ;;
      *"=> /"*) path="${line#*=> }" ;;
      /*) path="${line}" ;;
      *) continue ;;  # linux-vdso.so.1 and the like: no file
    esac
    path="${path%% (*}"
    # Debian 12 merges /lib into /usr/lib, but dpkg records whichever path the package
    # shipped: try the path as ldd gave it, its real path, and both with and without /usr.
    real="$(readlink -f "${path}")"
    owner=""
    for candidate in "${path}" "${real}" "/usr${path}" "/usr${real}" "${path#/usr}" \
      "${real#/usr}"; do
      owner="$(dpkg-query -S "${candidate}" 2>/dev/null | head -n1 | cut -d: -f1)" || true
      [[ -n "${owner}" ]] && break
    done
    if [[ -z "${owner}" ]]; then
      echo "$0: ${binary}: no Debian package holds ${path}" >&2
      status=1
      continue
    fi
    packages["${owner}"]=1
  done < <(ldd "${binary}")
done

if ((${#packages[@]} > 0)); then
  printf '%s\n' "${!packages[@]}" | sort
fi
exit "${status}"
