#!/usr/bin/python3
"""Loads the demo bodies' staff into a running registry, as a body's key holder would.

  /usr/bin/python3 scripts/demo/load_staff.py --registry 127.0.0.1:50051 \
      --body_keys .run/body-keys.json --accounts .run/demo-accounts.json [--stubs DIR]

For each body of demo_data.STAFF (four bodies):
  1. the body's own key (from --body_keys, written by load_demo.py) creates its manager;
  2. the manager sets their password through the one-time set-up token (SetStaffPassword,
     which signs them in) and, with that key, creates the recruiter and the viewer, who
     set theirs too; every demo password is the demo applicants' (load_applicants.py);
  3. the manager's key is signed out.
Then --accounts is rewritten as {"applicants": [...], "staff": [...]}: the applicants as
load_applicants.py wrote them (a list of its own, or the "applicants" of an earlier run),
and each staff member's {"body", "role", "name", "email", "password", "staff"} (mode 600).

Idempotent: a body whose manager already signs in with the demo password is left as it
is (its members' names are read with its key); the staff list is written again.

Exit status: 0 on success, 1 on an RPC failure (the message names the call), 2 on usage.
Needs Debian's /usr/bin/python3 (python3-grpcio, python3-protobuf).
"""

import argparse
import json
import os
import subprocess
import sys

import grpc

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import demo_data  # noqa: E402
from load_applicants import DEMO_PASSWORD  # noqa: E402

RPC_TIMEOUT_S = 15
CONNECT_TIMEOUT_S = 30


def load_stubs(stubs_dir):
    """The registry's stubs, generated into stubs_dir when absent or older than the staff
    RPCs."""
    def generate():
        subprocess.run([os.path.join(REPO, "scripts", "gen_python_stubs.sh"), stubs_dir],
                       check=True)
    grpc_module = os.path.join(stubs_dir, "cadre", "v1", "registry_pb2_grpc.py")
    if not os.path.exists(grpc_module):
        generate()
    else:
        with open(grpc_module) as f:
            if "CreateStaff" not in f.read():  # made before the staff RPCs: made again
                generate()
    sys.path.insert(0, stubs_dir)
    from cadre.v1 import registry_pb2, registry_pb2_grpc  # noqa: E402
    return registry_pb2, registry_pb2_grpc


def read_json(path, flag, parser, default=None):
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        if default is not None:
            return default
        parser.error(f"{flag}: {path} not found")
    except (OSError, ValueError) as e:
        parser.error(f"{flag}: cannot read {path}: {e}")


class Loader:
    def __init__(self, channel, r, r_grpc):
        self.r = r
        self.stub = r_grpc.RegistryStub(channel)
        self.roles = {"manager": r.STAFF_ROLE_MANAGER, "recruiter": r.STAFF_ROLE_RECRUITER,
                      "viewer": r.STAFF_ROLE_VIEWER}

    def call(self, method, request, key=None):
        metadata = (("authorization", "Bearer " + key),) if key else None
        try:
            return getattr(self.stub, method)(request, metadata=metadata,
                                              timeout=RPC_TIMEOUT_S)
        except grpc.RpcError as e:
            raise SystemExit(f"load_staff: {method} failed: {e.code().name}: "
                             f"{e.details()}") from None

    def signs_in(self, email):
        """The member's staff name when they sign in with the demo password, else None;
        the key it made is signed out at once."""
        try:
            signed_in = self.stub.SignInStaff(
                self.r.SignInStaffRequest(email=email, password=DEMO_PASSWORD),
                timeout=RPC_TIMEOUT_S)
        except grpc.RpcError as e:
            if e.code() == grpc.StatusCode.UNAUTHENTICATED:
                return None
            raise SystemExit(f"load_staff: SignInStaff failed: {e.code().name}: "
                             f"{e.details()}") from None
        self.call("SignOutStaff", self.r.SignOutStaffRequest(), signed_in.key)
        return signed_in.staff.name

    def member(self, person, key):
        """Creates `person` with `key`, sets the demo password; their name and key."""
        created = self.call("CreateStaff", self.r.CreateStaffRequest(
            parent=person["body"],
            staff=self.r.Staff(display_name=person["name"], email=person["email"],
                               role=self.roles[person["role"]])), key)
        signed_in = self.call("SetStaffPassword", self.r.SetStaffPasswordRequest(
            setup_token=created.setup.setup_token, password=DEMO_PASSWORD))
        return created.staff.name, signed_in.key

    def body(self, people, body_key):
        """The body's manager (first), then the rest made by the manager; their names."""
        manager, manager_key = self.member(people[0], body_key)
        names = {people[0]["email"]: manager}
        for person in people[1:]:
            names[person["email"]], _ = self.member(person, manager_key)
        self.call("SignOutStaff", self.r.SignOutStaffRequest(), manager_key)
        return names


def write_accounts(path, applicants, staff):
    tmp = path + ".tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump({"applicants": applicants, "staff": staff}, f, indent=1)
        f.write("\n")
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registry", default="127.0.0.1:50051", help="registry host:port")
    parser.add_argument("--body_keys", required=True, help="body keys JSON from load_demo.py")
    parser.add_argument("--accounts", required=True,
                        help="demo sign-ins JSON (load_applicants.py's); the staff are added")
    parser.add_argument("--stubs", default=os.path.join(REPO, ".run", "pystubs"))
    args = parser.parse_args()
    body_keys = read_json(args.body_keys, "--body_keys", parser)
    accounts = read_json(args.accounts, "--accounts", parser, default=[])
    applicants = accounts.get("applicants", []) if isinstance(accounts, dict) else accounts
    bodies = []
    for person in demo_data.STAFF:
        if person["body"] not in bodies:
            bodies.append(person["body"])
    missing = [b for b in bodies if b not in body_keys]
    if missing:
        parser.error(f"--body_keys: no key for {', '.join(missing)} (run load_demo.py first)")

    r, r_grpc = load_stubs(args.stubs)
    channel = grpc.insecure_channel(args.registry)
    try:
        grpc.channel_ready_future(channel).result(timeout=CONNECT_TIMEOUT_S)
    except grpc.FutureTimeoutError:
        raise SystemExit(f"load_staff: registry at {args.registry} not reachable within "
                         f"{CONNECT_TIMEOUT_S} s") from None
    loader = Loader(channel, r, r_grpc)
    names = {}
    made = 0
    for body in bodies:
        people = [p for p in demo_data.STAFF if p["body"] == body]
        if loader.signs_in(people[0]["email"]):
            # Loaded before: the names are read with the body's key.
            listed = loader.call("ListStaff", r.ListStaffRequest(parent=body, page_size=200),
                                 body_keys[body]["secret"])
            names.update({s.email: s.name for s in listed.staff})
            continue
        names.update(loader.body(people, body_keys[body]["secret"]))
        made += 1
    print(f"made staff for {made} of {len(bodies)} bodies (a manager, a recruiter and a "
          "viewer each)" + ("" if made == len(bodies) else "; the others had theirs already"))
    staff = [dict(body=p["body"], role=p["role"], name=p["name"], email=p["email"],
                  password=DEMO_PASSWORD, staff=names.get(p["email"], ""))
             for p in demo_data.STAFF]
    write_accounts(args.accounts, applicants, staff)
    return 0


if __name__ == "__main__":
    sys.exit(main())
