#!/usr/bin/python3
"""A body's own system moving an application, as the browser tests need: the Python
grpcio client with the body's own API key (never the admin's).

  body_client.py --matching ADDR --body_keys FILE --stubs DIR APPLICATION STATE...

APPLICATION is "applications/{id}"; each STATE is acknowledged, shortlisted or offered,
applied in order. The body is the one whose key can read the application (a body sees only
applications to its own roles): each key in --body_keys (load_demo.py's file) is tried.
Prints the application's state after each move. Exit status: 0 when every move was made,
1 when one failed (the message names it), 2 on usage.
"""

import argparse
import json
import sys

import grpc

DEADLINE_S = 10
STATES = {"acknowledged": "APPLICATION_STATE_ACKNOWLEDGED",
          "shortlisted": "APPLICATION_STATE_SHORTLISTED",
          "offered": "APPLICATION_STATE_OFFERED"}


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--matching", required=True)
    p.add_argument("--body_keys", required=True)
    p.add_argument("--stubs", required=True)
    p.add_argument("application")
    p.add_argument("states", nargs="+", choices=sorted(STATES))
    args = p.parse_args(argv)
    sys.path.insert(0, args.stubs)
    from cadre.v1 import matching_pb2 as m
    from cadre.v1 import matching_pb2_grpc as m_grpc

    with open(args.body_keys) as f:
        keys = json.load(f)
    stub = m_grpc.MatchingStub(grpc.insecure_channel(args.matching))
    holder = None
    for body, entry in sorted(keys.items()):
        metadata = (("authorization", "Bearer " + entry["secret"]),)
        try:
            stub.GetApplication(m.GetApplicationRequest(name=args.application),
                                metadata=metadata, timeout=DEADLINE_S)
        except grpc.RpcError as e:
            if e.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.PERMISSION_DENIED):
                continue
            print("body_client: GetApplication: %s" % e.details(), file=sys.stderr)
            return 1
        holder = (body, metadata)
        break
    if holder is None:
        print("body_client: no body key can read %s" % args.application, file=sys.stderr)
        return 1
    body, metadata = holder
    for state in args.states:
        try:
            moved = stub.MoveApplication(m.MoveApplicationRequest(
                name=args.application, state=m.ApplicationState.Value(STATES[state]),
                note="We would like to offer you the role." if state == "offered" else ""),
                metadata=metadata, timeout=DEADLINE_S)
        except grpc.RpcError as e:
            print("body_client: %s → %s: %s" % (args.application, state, e.details()),
                  file=sys.stderr)
            return 1
        print("%s %s %s" % (body, args.application, m.ApplicationState.Name(moved.state)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
