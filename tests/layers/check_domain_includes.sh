#!/usr/bin/env bash
# Domain code (services/*/domain/) and the pure kit (services/common/base/) must not use
# gRPC or hiredis. Their CMake targets do not link either, but Debian installs those
# headers in /usr/include, so an include alone would still compile: this test fails on
# any such include. Usage: check_domain_includes.sh <source root>
set -euo pipefail
root="${1:?usage: check_domain_includes.sh <source root>}"
shopt -s nullglob
dirs=("${root}"/services/*/domain "${root}/services/common/base")
if ((${#dirs[@]} < 2)); then
  echo "check_domain_includes: no domain folders under ${root}/services" >&2
  exit 1
fi
pattern='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](grpc|grpcpp|grpc\+\+|hiredis)[/.]'
if found="$(grep -rnE "${pattern}" --include='*.h' --include='*.cc' "${dirs[@]}")"; then
  echo "check_domain_includes: pure code includes gRPC or hiredis:" >&2
  echo "${found}" >&2
  exit 1
fi
echo "check_domain_includes: ${#dirs[@]} folders clean"
