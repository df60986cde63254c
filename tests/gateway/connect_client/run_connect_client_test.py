#!/usr/bin/python3
"""Runs connect_client.test.mjs (Node's @connectrpc/connect-node) against the REAL gateway.

Starts redis-server, cadre-registry, cadre-matching (cadre_e2e.MatchingStack) and
cadre-gateway (paths from CADRE_REGISTRY_BIN, CADRE_MATCHING_BIN, CADRE_GATEWAY_BIN) on
free loopback ports, posts a body and publishes a role through the registry with the admin
key, then runs `node --test` with the gateway's URL, the role's and body's names and a
descriptor set of the protos in the environment, and stops everything by PID.

The descriptor set is CADRE_DESCRIPTOR_SET (build/web/cadre.binpb, from the cadre_openapi
target) when that file exists, else one protoc makes here. node_modules must be installed
(`npm ci` in the repository root; the make targets run it): the test fails saying so
otherwise.
"""

import datetime
import os
import secrets
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))
import cadre_e2e  # noqa: E402

NODE_TEST = os.path.join(HERE, "connect_client.test.mjs")
NODE_TIMEOUT_S = 120
TIMEOUT_S = 10


def fail(message):
    print("run_connect_client_test: " + message, file=sys.stderr)
    sys.exit(1)


def check_node_modules():
    needed = os.path.join(REPO, "node_modules", "@connectrpc", "connect-node", "package.json")
    if not os.path.exists(needed):
        fail("node_modules is missing @connectrpc/connect-node: run `npm ci` in %s "
             "(make test does)" % REPO)
    if shutil.which("node") is None:
        fail("node is not installed (Debian's nodejs package)")


def descriptor_set(tmp):
    given = os.environ.get("CADRE_DESCRIPTOR_SET", "")
    if given and os.path.exists(given):
        return given
    out = os.path.join(tmp, "cadre.binpb")
    protos_dir = os.path.join(REPO, "protos")
    protos = sorted(os.path.join("cadre", "v1", name)
                    for name in os.listdir(os.path.join(protos_dir, "cadre", "v1"))
                    if name.endswith(".proto"))
    subprocess.run(["protoc", "--include_imports", "--descriptor_set_out=" + out,
                    "-I", protos_dir, *protos], check=True, cwd=protos_dir)
    return out


def web_root():
    """The web root the build assembled (CADRE_WEB_ROOT, else build/web)."""
    return os.environ.get("CADRE_WEB_ROOT") or os.path.join(REPO, "build", "web")


def start_gateway(binary, stack):
    """The gateway (cadre_e2e.Gateway), which here also holds the admin key: the Node
    client's admin calls go through it as any client's would."""
    admin_dir = tempfile.mkdtemp(prefix="cadre-e2e-admin-")
    admin_file = os.path.join(admin_dir, "admin.key")
    with open(os.open(admin_file, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
        f.write(stack.registry.admin_key + "\n")
    try:
        return cadre_e2e.Gateway(binary, stack, web_root(),
                                 ("--admin_key_file=%s" % admin_file, "--log_level=warn"))
    finally:
        # The gateway has read it at start-up.
        shutil.rmtree(admin_dir, ignore_errors=True)


def publish_role(stack):
    """bodies/RJ1 and one OPEN role of it, through the registry with the admin key."""
    from cadre.v1 import common_pb2 as c
    from cadre.v1 import registry_pb2 as r
    from cadre.v1 import registry_pb2_grpc as r_grpc
    stack.new_body("RJ1", c.REGION_LONDON)
    stub = r_grpc.RegistryStub(stack.registry.channel)
    role = r.Role(
        body="bodies/RJ1", title="Patient panel member",
        summary="Bring people's experience to the trust's patient panel.",
        level=c.INVOLVEMENT_LEVEL_3, rung=c.ENGAGEMENT_RUNG_INVOLVE,
        time_commitment=c.TimeCommitment(hours_per_month=4, duration_months=12),
        topics=["maternity"],
        location=c.Location(region=c.REGION_LONDON, mode=c.ATTENDANCE_MODE_REMOTE),
        support=c.SupportOffered(expenses_paid=True, payment=c.PAYMENT_KIND_NONE), places=2)
    role.closing_time.FromDatetime(datetime.datetime.utcnow() + datetime.timedelta(days=30))
    created = stub.CreateRole(r.CreateRoleRequest(role=role, request_id=secrets.token_hex(8)),
                              metadata=stack.admin, timeout=TIMEOUT_S)
    return stub.PublishRole(r.PublishRoleRequest(name=created.name), metadata=stack.admin,
                            timeout=TIMEOUT_S).name


def main():
    check_node_modules()
    binaries = {name: os.environ.get(name, "") for name in
                ("CADRE_REGISTRY_BIN", "CADRE_MATCHING_BIN", "CADRE_GATEWAY_BIN")}
    for name, path in binaries.items():
        if not os.access(path, os.X_OK):
            fail("%s must name the built binary (got %r)" % (name, path))
    cadre_e2e.stub_dir()  # the Python stubs, on sys.path
    tmp = tempfile.mkdtemp(prefix="cadre-connect-client-")
    stack = gateway = None
    try:
        descriptors = descriptor_set(tmp)
        stack = cadre_e2e.MatchingStack(binaries["CADRE_REGISTRY_BIN"],
                                        binaries["CADRE_MATCHING_BIN"])
        role_name = publish_role(stack)
        gateway = start_gateway(binaries["CADRE_GATEWAY_BIN"], stack)
        env = dict(os.environ, CADRE_GATEWAY_URL=gateway.url, CADRE_ROLE_NAME=role_name,
                   CADRE_BODY_NAME="bodies/RJ1", CADRE_DESCRIPTOR_SET=descriptors)
        try:
            # Node resolves the packages from the test file's folders up to the repository's
            # node_modules.
            result = subprocess.run(["node", "--test", NODE_TEST], env=env, cwd=REPO,
                                    timeout=NODE_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            fail("node --test did not finish within %d s" % NODE_TIMEOUT_S)
        if result.returncode != 0:
            print(cadre_e2e.tail(gateway.log), file=sys.stderr)
        return result.returncode
    finally:
        if gateway is not None:
            gateway.stop()
        if stack is not None:
            stack.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
