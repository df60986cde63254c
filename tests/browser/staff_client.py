#!/usr/bin/python3
"""What the staff browser test needs from outside the browser: a body's first manager, made
with the body's own key as its key holder would, and the audit entries the services wrote.

  staff_client.py manager --registry ADDR --body_keys FILE --stubs DIR BODY EMAIL NAME
      Creates a manager of BODY ("bodies/{code}") with the body's own key (CreateStaff),
      sets their password through the one-time set-up token (SetStaffPassword) and prints
      {"staff": name, "email": ..., "password": ...} as JSON.
  staff_client.py audit --redis_port PORT ACTOR_PREFIX
      Prints, as JSON, the registry's and matching's audit entries whose actor starts with
      ACTOR_PREFIX ("bodies/RXF/staff/"): [{"stream", "actor", "action", "resource"}].

Exit status: 0 on success, 1 when a call failed (the message names it), 2 on usage.
"""

import argparse
import json
import secrets
import subprocess
import sys

import grpc

DEADLINE_S = 10
AUDIT_STREAMS = ("registry:audit", "matching:audit")


def make_manager(args):
    sys.path.insert(0, args.stubs)
    from cadre.v1 import registry_pb2 as r
    from cadre.v1 import registry_pb2_grpc as r_grpc

    with open(args.body_keys) as f:
        keys = json.load(f)
    if args.body not in keys:
        print("staff_client: no key for %s in %s" % (args.body, args.body_keys), file=sys.stderr)
        return 1
    metadata = (("authorization", "Bearer " + keys[args.body]["secret"]),)
    stub = r_grpc.RegistryStub(grpc.insecure_channel(args.registry))
    password = "manager " + secrets.token_hex(8)
    try:
        created = stub.CreateStaff(
            r.CreateStaffRequest(parent=args.body,
                                 staff=r.Staff(display_name=args.name, email=args.email,
                                               role=r.STAFF_ROLE_MANAGER)),
            metadata=metadata, timeout=DEADLINE_S)
        stub.SetStaffPassword(
            r.SetStaffPasswordRequest(setup_token=created.setup.setup_token, password=password),
            timeout=DEADLINE_S)
    except grpc.RpcError as e:
        print("staff_client: %s: %s" % (e.code().name, e.details()), file=sys.stderr)
        return 1
    print(json.dumps({"staff": created.staff.name, "email": args.email, "password": password}))
    return 0


# Every entry of a stream as one JSON array of {field: value}, made by Redis's own Lua.
STREAM_AS_JSON = """
local out = {}
for _, entry in ipairs(redis.call('XRANGE', KEYS[1], '-', '+')) do
  local fields = {}
  for i = 1, #entry[2], 2 do fields[entry[2][i]] = entry[2][i + 1] end
  out[#out + 1] = fields
end
if #out == 0 then return '[]' end
return cjson.encode(out)
"""


def xrange_entries(port, stream):
    """The stream's entries as dicts of their fields (redis-cli from redis-tools)."""
    out = subprocess.run(["redis-cli", "-p", str(port), "--raw", "EVAL", STREAM_AS_JSON, "1",
                          stream], capture_output=True, text=True, check=True,
                         timeout=DEADLINE_S).stdout
    return json.loads(out)


def audit(args):
    found = []
    for stream in AUDIT_STREAMS:
        try:
            entries = xrange_entries(args.redis_port, stream)
        except (subprocess.SubprocessError, OSError) as e:
            print("staff_client: XRANGE %s: %s" % (stream, e), file=sys.stderr)
            return 1
        for entry in entries:
            actor = entry.get("actor", "")
            if actor.startswith(args.actor_prefix):
                found.append({"stream": stream, "actor": actor,
                              "action": entry.get("action", ""),
                              "resource": entry.get("resource", "")})
    print(json.dumps(found))
    return 0


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    m = sub.add_parser("manager")
    m.add_argument("--registry", required=True)
    m.add_argument("--body_keys", required=True)
    m.add_argument("--stubs", required=True)
    m.add_argument("body")
    m.add_argument("email")
    m.add_argument("name")
    a = sub.add_parser("audit")
    a.add_argument("--redis_port", required=True, type=int)
    a.add_argument("actor_prefix")
    args = p.parse_args(argv)
    return make_manager(args) if args.command == "manager" else audit(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
