#!/usr/bin/python3
"""Loads realistic demo data into a running Cadre registry through its public gRPC API.

  /usr/bin/python3 scripts/demo/load_demo.py --addr 127.0.0.1:50051 \
      --admin_key_file deploy/secrets/admin.key [--stubs DIR] [--keys_out FILE]

What it does, as the bodies' own systems would:
  1. the admin creates the menu of role types and registers every body in demo_data.py;
  2. the admin issues one BODY API key per body;
  3. each body, with its own key, posts its roles (most published, a few left draft, one
     closed and one filled) and its standing avenues.
The body keys are written to --keys_out (default: body-keys.json next to the admin key,
mode 600). Secrets are never printed in full.

Idempotent: if bodies/X24 (NHS England, loaded last) exists, prints "demo data already
present" and exits 0. Every create carries a request id, so a load that was cut short
can be run again within the registry's 24-hour request-id window without duplicates.

Exit status: 0 on success, 1 on an RPC failure (the message names the call), 2 on usage.
Needs Debian's /usr/bin/python3 (python3-grpcio, python3-protobuf) and, unless --stubs
points at generated stubs, protoc and grpc_python_plugin for scripts/gen_python_stubs.sh.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile

import grpc

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import demo_data  # noqa: E402

RPC_TIMEOUT_S = 15  # per call; the registry answers UNAVAILABLE fast if Redis is down
CONNECT_TIMEOUT_S = 30
MARKER_BODY = "bodies/X24"


def load_stubs(stubs_dir):
    """Imports the generated modules, generating them into stubs_dir first if absent."""
    if not os.path.exists(os.path.join(stubs_dir, "cadre", "v1", "registry_pb2_grpc.py")):
        subprocess.run([os.path.join(REPO, "scripts", "gen_python_stubs.sh"), stubs_dir],
                       check=True)
    sys.path.insert(0, stubs_dir)
    from cadre.v1 import common_pb2, registry_pb2, registry_pb2_grpc  # noqa: E402
    return common_pb2, registry_pb2, registry_pb2_grpc


def mask(secret):
    return secret[:8] + "…" if len(secret) > 8 else "…"


class Loader:
    def __init__(self, channel, admin_key, c, r, r_grpc):
        self.stub = r_grpc.RegistryStub(channel)
        self.admin_md = (("authorization", "Bearer " + admin_key),)
        self.c, self.r = c, r
        self.now = datetime.datetime.now(datetime.timezone.utc)
        self.body_names = {}  # demo key -> "bodies/CODE"
        self.body_keys = {}   # demo key -> CreateApiKeyResponse
        self.counts = dict(role_types=0, bodies=0, roles=0, open=0, draft=0, closed=0,
                           filled=0, avenues=0, keys=0)

    # ------------------------------------------------------------------ enum mapping
    def level(self, n):
        return getattr(self.c, "INVOLVEMENT_LEVEL_%d" % n)

    def rung(self, s):
        return getattr(self.c, "ENGAGEMENT_RUNG_" + s.upper())

    def region(self, s):
        return getattr(self.c, "REGION_" + s.upper().replace("-", "_"))

    def body_kind(self, s):
        return getattr(self.c, "BODY_KIND_" + s.upper().replace("-", "_"))

    def mode(self, s):
        return getattr(self.c, "ATTENDANCE_MODE_" + s.upper().replace("-", "_"))

    def avenue_kind(self, s):
        return getattr(self.r, "AVENUE_KIND_" + s.upper().replace("-", "_"))

    def call(self, what, method, request, metadata=None):
        try:
            return method(request, timeout=RPC_TIMEOUT_S, metadata=metadata)
        except grpc.RpcError as e:
            raise SystemExit("load_demo: %s failed: %s: %s"
                             % (what, e.code().name, e.details()))

    # ------------------------------------------------------------------ steps
    def already_loaded(self):
        try:
            self.stub.GetBody(self.r.GetBodyRequest(name=MARKER_BODY), timeout=RPC_TIMEOUT_S)
            return True
        except grpc.RpcError as e:
            if e.code() == grpc.StatusCode.NOT_FOUND:
                return False
            raise SystemExit("load_demo: GetBody %s failed: %s: %s"
                             % (MARKER_BODY, e.code().name, e.details()))

    def role_types(self):
        for t in demo_data.ROLE_TYPES:
            rt = self.r.RoleType(
                title=t["title"], description=t["description"], level=self.level(t["level"]),
                rung=self.rung(t["rung"]),
                typical_time=self.c.TimeCommitment(hours_per_month=t["hours"],
                                                   duration_months=t["months"],
                                                   pattern=t["pattern"]),
                typical_expertise=t["expertise"])
            try:
                self.stub.CreateRoleType(
                    self.r.CreateRoleTypeRequest(role_type=rt, role_type_id=t["id"]),
                    timeout=RPC_TIMEOUT_S, metadata=self.admin_md)
            except grpc.RpcError as e:
                if e.code() != grpc.StatusCode.ALREADY_EXISTS:
                    raise SystemExit("load_demo: CreateRoleType %s failed: %s: %s"
                                     % (t["id"], e.code().name, e.details()))
            self.counts["role_types"] += 1

    def body(self, b):
        body = self.r.Body(ods_code=b["code"] or "", display_name=b["name"],
                           kind=self.body_kind(b["kind"]), region=self.region(b["region"]),
                           website=b["website"], description=b["description"],
                           # Invented, at a domain reserved for examples: a team's mailbox.
                           contact_email=b.get("contact_email")
                           or "involvement@%s.example.org" % b["key"].lower())
        req = self.r.CreateBodyRequest(body=body, request_id="demo-body-" + b["key"])
        try:
            created = self.stub.CreateBody(req, timeout=RPC_TIMEOUT_S, metadata=self.admin_md)
        except grpc.RpcError as e:
            if e.code() != grpc.StatusCode.ALREADY_EXISTS or not b["code"]:
                raise SystemExit("load_demo: CreateBody %s failed: %s: %s"
                                 % (b["key"], e.code().name, e.details()))
            created = self.call("GetBody " + b["code"], self.stub.GetBody,
                                self.r.GetBodyRequest(name="bodies/" + b["code"]))
        self.body_names[b["key"]] = created.name
        self.counts["bodies"] += 1
        key = self.call("CreateApiKey " + created.name, self.stub.CreateApiKey,
                        self.r.CreateApiKeyRequest(kind=self.r.PRINCIPAL_KIND_BODY,
                                                   subject=created.name,
                                                   label="demo key for " + b["name"][:100]),
                        self.admin_md)
        self.body_keys[b["key"]] = (created, key)
        self.counts["keys"] += 1
        print("  %-15s %-52s key %s (secret %s)"
              % (created.name, b["name"][:52], key.key_id, mask(key.secret)))

    def support(self, s):
        if s.get("salaried"):
            payment, rate = self.c.PAYMENT_KIND_SALARIED, 0
        elif s["pay"] > 0:
            payment, rate = self.c.PAYMENT_KIND_INVOLVEMENT, s["pay"]
        else:
            payment, rate = self.c.PAYMENT_KIND_NONE, 0
        return self.c.SupportOffered(access_support=s["access"], expenses_paid=s["expenses"],
                                     payment=payment, rate_pence_per_hour=rate)

    def roles(self, bkey, md):
        for i, d in enumerate(demo_data.ROLES.get(bkey, [])):
            closing = self.now + datetime.timedelta(days=d["closes"])
            role = self.r.Role(
                body=self.body_names[bkey], title=d["title"], summary=d["summary"],
                level=self.level(d["level"]), rung=self.rung(d["rung"]),
                time_commitment=self.c.TimeCommitment(hours_per_month=d["hours"],
                                                      duration_months=d["months"],
                                                      pattern=d["pattern"]),
                expertise_sought=d["expertise"], topics=d["topics"],
                lived_experience_sought=d["lived"],
                location=self.c.Location(region=self.region(d["region"]),
                                         mode=self.mode(d["mode"]), place=d["place"]),
                support=self.support(d["support"]), required_credentials=d["creds"],
                places=d["places"], role_type="roleTypes/" + d["type"],
                # Roles that need a DBS check are for adults; the rest have no minimum.
                minimum_age=d.get("min_age",
                                  18 if any(c.startswith("dbs-") for c in d["creds"]) else 0))
            role.closing_time.FromDatetime(closing.replace(tzinfo=None))
            what = "CreateRole %r" % d["title"]
            created = self.call(what, self.stub.CreateRole,
                                self.r.CreateRoleRequest(role=role,
                                                         request_id="demo-role-%s-%d" % (bkey, i)),
                                md)
            state = d.get("state", "open")
            if state != "draft" and created.state == self.r.ROLE_STATE_DRAFT:
                created = self.call("PublishRole " + created.name, self.stub.PublishRole,
                                    self.r.PublishRoleRequest(name=created.name), md)
            if state in ("closed", "filled") and created.state == self.r.ROLE_STATE_OPEN:
                target = (self.r.ROLE_STATE_CLOSED if state == "closed"
                          else self.r.ROLE_STATE_FILLED)
                self.call("CloseRole " + created.name, self.stub.CloseRole,
                          self.r.CloseRoleRequest(name=created.name, state=target,
                                                  reason=d.get("reason", "")), md)
            self.counts["roles"] += 1
            self.counts[state] += 1

    def avenues(self, bkey, md):
        for i, d in enumerate(demo_data.AVENUES.get(bkey, [])):
            av = self.r.Avenue(
                body=self.body_names[bkey], kind=self.avenue_kind(d["kind"]),
                title=d["title"], description=d["description"], how_to_join=d["how"],
                level=self.level(d["level"]),
                time_commitment=self.c.TimeCommitment(hours_per_month=d["hours"],
                                                      pattern=d["pattern"]),
                expertise_sought=d["expertise"],
                location=self.c.Location(region=self.region(d["region"]),
                                         mode=self.mode(d["mode"]), place=d["place"]))
            self.call("CreateAvenue %r" % d["title"], self.stub.CreateAvenue,
                      self.r.CreateAvenueRequest(avenue=av,
                                                 request_id="demo-avenue-%s-%d" % (bkey, i)),
                      md)
            self.counts["avenues"] += 1

    def run(self):
        print("menu of role types...")
        self.role_types()
        print("bodies and their keys...")
        for b in demo_data.BODIES:
            if b["key"] == "X24":
                continue  # the completion marker: loaded last
            self.body(b)
            self.roles_and_avenues(b["key"])
        nhse = next(b for b in demo_data.BODIES if b["key"] == "X24")
        self.body(nhse)
        self.roles_and_avenues("X24")

    def roles_and_avenues(self, bkey):
        secret = self.body_keys[bkey][1].secret
        md = (("authorization", "Bearer " + secret),)
        self.roles(bkey, md)
        self.avenues(bkey, md)

    def write_keys(self, path):
        out = {}
        for bkey, (body, key) in self.body_keys.items():
            out[body.name] = dict(display_name=body.display_name, key_id=key.key_id,
                                  secret=key.secret)
        tmp = path + ".tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(out, f, indent=2, sort_keys=True)
            f.write("\n")
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--addr", default="127.0.0.1:50051", help="registry host:port")
    p.add_argument("--admin_key_file", required=True, help="file holding an admin API key")
    p.add_argument("--stubs", help="directory of generated stubs (generated there if absent)")
    p.add_argument("--keys_out", help="where to write the body keys "
                   "(default: body-keys.json next to the admin key file)")
    args = p.parse_args(argv)

    try:
        with open(args.admin_key_file) as f:
            admin_key = f.read().strip()
    except OSError as e:
        print("load_demo: cannot read --admin_key_file: %s" % e, file=sys.stderr)
        return 2
    if not admin_key:
        print("load_demo: %s is empty" % args.admin_key_file, file=sys.stderr)
        return 2
    keys_out = args.keys_out or os.path.join(
        os.path.dirname(os.path.abspath(args.admin_key_file)), "body-keys.json")

    tmpdir = None
    stubs = args.stubs
    if not stubs:
        tmpdir = tempfile.TemporaryDirectory(prefix="cadre-stubs-")
        stubs = tmpdir.name
    c, r, r_grpc = load_stubs(stubs)

    with grpc.insecure_channel(args.addr) as channel:
        try:
            grpc.channel_ready_future(channel).result(timeout=CONNECT_TIMEOUT_S)
        except grpc.FutureTimeoutError:
            print("load_demo: registry at %s not reachable within %d s"
                  % (args.addr, CONNECT_TIMEOUT_S), file=sys.stderr)
            return 1
        loader = Loader(channel, admin_key, c, r, r_grpc)
        if loader.already_loaded():
            print("demo data already present (%s exists); nothing to do" % MARKER_BODY)
            return 0
        try:
            loader.run()
        finally:
            if loader.body_keys:
                loader.write_keys(keys_out)
                print("body keys written to %s (mode 600)" % keys_out)
    n = loader.counts
    print("loaded %(role_types)d role types, %(bodies)d bodies, %(keys)d body keys, "
          "%(roles)d roles (%(open)d open, %(draft)d draft, %(closed)d closed, "
          "%(filled)d filled), %(avenues)d avenues" % n)
    if tmpdir:
        tmpdir.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
