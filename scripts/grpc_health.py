#!/usr/bin/python3
"""Asks a gRPC server's grpc.health.v1 service whether it is SERVING.

Debian's python3-grpcio has no grpc_health package, so this sends the call with raw
bytes: a HealthCheckRequest for the overall server is empty, and a SERVING answer is
HealthCheckResponse{status: SERVING} = field 1, varint 1 = b"\\x08\\x01".

Exit status: 0 SERVING; 1 anything else (NOT_SERVING, UNKNOWN, no answer within the
deadline). Prints the reason on failure unless --quiet.

Usage: /usr/bin/python3 scripts/grpc_health.py [--addr 127.0.0.1:50051] [--service NAME]
                                              [--timeout 1.0] [--quiet]
"""

import argparse
import sys

import grpc

_SERVING = b"\x08\x01"


def _encode_request(service: str) -> bytes:
    """HealthCheckRequest{service}: field 1, length-delimited (names are < 128 bytes)."""
    name = service.encode()
    if not name:
        return b""
    if len(name) > 127:
        raise ValueError("service name longer than 127 bytes")
    return b"\x0a" + bytes([len(name)]) + name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addr", default="127.0.0.1:50051")
    parser.add_argument("--service", default="", help='"" is the whole server')
    parser.add_argument("--timeout", type=float, default=1.0, help="seconds")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()

    with grpc.insecure_channel(args.addr) as channel:
        check = channel.unary_unary("/grpc.health.v1.Health/Check")
        try:
            answer = check(_encode_request(args.service), timeout=args.timeout)
        except grpc.RpcError as error:
            if not args.quiet:
                print(f"{args.addr}: {error.code().name}: {error.details()}", file=sys.stderr)
            return 1
    if answer == _SERVING:
        return 0
    if not args.quiet:
        print(f"{args.addr}: not serving (answer {answer!r})", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
