#!/bin/sh
# Generates Python protobuf and gRPC stubs for protos/cadre/v1/*.proto into OUT_DIR.
#
# Usage: scripts/gen_python_stubs.sh OUT_DIR
#
# The result is an importable tree: with OUT_DIR on sys.path,
#   from cadre.v1 import registry_pb2, registry_pb2_grpc
#   import health_pb2, health_pb2_grpc      # grpc.health.v1, for tests
# works (Debian's python3-grpcio ships no health stubs; tests/support/health.proto is the
# part of gRPC's health.proto we call, generated as top-level modules so that they cannot
# shadow the grpc package). The well-known types (google/protobuf/*.proto) are not generated: Debian's
# python3-protobuf ships them. Needs protoc and grpc_python_plugin (Debian packages
# protobuf-compiler and protobuf-compiler-grpc); override with PROTOC / GRPC_PYTHON_PLUGIN.
set -eu

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi

out=$1
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
protoc=${PROTOC:-protoc}
plugin=${GRPC_PYTHON_PLUGIN:-/usr/bin/grpc_python_plugin}

if ! command -v "$protoc" >/dev/null 2>&1; then
  echo "$0: protoc not found (apt-get install protobuf-compiler)" >&2
  exit 1
fi
if [ ! -x "$plugin" ]; then
  echo "$0: $plugin not found (apt-get install protobuf-compiler-grpc)" >&2
  exit 1
fi

mkdir -p "$out"
# Generate into a fresh directory next to OUT_DIR, then swap it in, so that a reader
# never sees a half-written tree and stale modules of removed protos do not linger.
tmp=$(mktemp -d "$out/.gen.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Sorted for a reproducible invocation.
protos=$(cd "$root/protos" && ls cadre/v1/*.proto | LC_ALL=C sort)
(cd "$root/protos" && "$protoc" -I . \
  --python_out="$tmp" \
  --grpc_python_out="$tmp" \
  --plugin=protoc-gen-grpc_python="$plugin" \
  $protos)

(cd "$root/tests/support" && "$protoc" -I . \
  --python_out="$tmp" \
  --grpc_python_out="$tmp" \
  --plugin=protoc-gen-grpc_python="$plugin" \
  health.proto)

# Packages for the import path cadre.v1.
touch "$tmp/cadre/__init__.py" "$tmp/cadre/v1/__init__.py"

# Two runs at once generate the same files: whichever moves its tree in last wins.
mv -f "$tmp/health_pb2.py" "$tmp/health_pb2_grpc.py" "$out/"
rm -rf "$out/cadre"
mv -T "$tmp/cadre" "$out/cadre" 2>/dev/null || {
  rm -rf "$out/cadre" && mv -T "$tmp/cadre" "$out/cadre"
}
