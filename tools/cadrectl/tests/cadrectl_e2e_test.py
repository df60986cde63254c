#!/usr/bin/python3
"""End to end: cadrectl, run as a user runs it, against the real registry binary and a
real redis-server, each started here on a free loopback port in a temporary directory.

Usage: cadrectl_e2e_test.py --cadrectl PATH --registry PATH   (redis-server from PATH)
Runs with Debian's /usr/bin/python3; processes are started by tests/e2e/cadre_e2e.py.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import unittest

# The processes (redis-server, cadre-registry) come from the e2e tests' own helpers.
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))
import cadre_e2e  # noqa: E402

ARGS = None
STACK = None

# Exit statuses cadrectl documents: 2 usage, 10 + the gRPC code for a failed call.
EXIT_USAGE = 2
EXIT_PERMISSION_DENIED = 10 + 7
EXIT_UNAVAILABLE = 10 + 14
EXIT_UNAUTHENTICATED = 10 + 16


class Stack:
    """redis-server and cadre-registry, each on a free loopback port, stopped by PID."""

    def __init__(self, registry):
        self.redis = cadre_e2e.RedisServer()
        try:
            self.registry = cadre_e2e.Registry(registry, self.redis.port)
        except BaseException:
            self.redis.stop()
            raise
        self.admin_key = self.registry.admin_key
        self.addr = self.registry.addr
        self.dir = self.registry.dir
        self.redis_port = self.redis.port

    def wait_until_serving(self, cadrectl):
        def serving():
            return cadrectl.run("--timeout_ms", "1000", "roles", "list").returncode == 0
        cadre_e2e.wait_for("the registry to answer roles list", serving,
                           cadre_e2e.START_DEADLINE_S, self.registry.proc, self.registry.log)

    def log(self, name):
        return cadre_e2e.tail(os.path.join(self.dir, name))

    def stop(self):
        self.registry.stop()
        self.redis.stop()


class Cadrectl:
    def __init__(self, path, addr):
        self.path = path
        self.addr = addr

    def run(self, *args, key=None, addr=None):
        # A clean environment: no CADRE_* settings leak in from the caller's shell.
        env = {k: v for k, v in os.environ.items() if not k.startswith("CADRE_")}
        env["CADRE_REGISTRY_ADDR"] = addr or self.addr
        if key:
            env["CADRE_API_KEY"] = key
        return subprocess.run([self.path, *args], capture_output=True, text=True, env=env,
                              timeout=60)


def setUpModule():
    global STACK
    STACK = Stack(ARGS.registry)
    try:
        STACK.wait_until_serving(Cadrectl(ARGS.cadrectl, STACK.addr))
    except BaseException:
        STACK.stop()
        raise


def tearDownModule():
    STACK.stop()


class CadrectlTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cli = Cadrectl(ARGS.cadrectl, STACK.addr)
        cls.admin = STACK.admin_key

    def ok(self, *args, key=None):
        result = self.cli.run(*args, key=key)
        self.assertEqual(result.returncode, 0,
                         f"cadrectl {' '.join(args)}\nstdout:{result.stdout}\n"
                         f"stderr:{result.stderr}\nregistry:{STACK.log('registry.log')}")
        return result

    def json(self, *args, key=None):
        return json.loads(self.ok("--json", *args, key=key).stdout)

    def fails(self, exit_code, code_name, *args, key=None):
        result = self.cli.run(*args, key=key)
        self.assertEqual(result.returncode, exit_code,
                         f"cadrectl {' '.join(args)}\nstdout:{result.stdout}\n"
                         f"stderr:{result.stderr}")
        self.assertTrue(result.stderr.startswith(f"error: {code_name}: "), result.stderr)
        return result

    def create_body(self, ods, name, region):
        return self.json("bodies", "create", "--ods", ods, "--name", name, "--kind", "trust",
                         "--region", region, "--website", f"https://{ods.lower()}.nhs.uk",
                         key=self.admin)

    def body_key(self, body):
        result = self.ok("--json", "keys", "create", "--kind", "body", "--subject", body,
                         "--label", "e2e", key=self.admin)
        self.assertIn("shown only", result.stderr)
        return json.loads(result.stdout)["secret"]

    def test_usage_errors_exit_2_naming_the_flag(self):
        result = self.fails(EXIT_USAGE, "INVALID_ARGUMENT", "roles", "list", "--colour", "red")
        self.assertIn("--colour", result.stderr)
        result = self.fails(EXIT_USAGE, "INVALID_ARGUMENT", "roles", "list", "--level", "9")
        self.assertIn("--level", result.stderr)
        self.fails(EXIT_USAGE, "INVALID_ARGUMENT", "roles", "publish")
        self.assertIn("17 PERMISSION_DENIED", self.ok("--help").stdout)

    def test_unreachable_registry_is_unavailable(self):
        result = self.cli.run("--timeout_ms", "3000", "roles", "list",
                              addr=f"127.0.0.1:{cadre_e2e.free_port()}")
        self.assertEqual(result.returncode, EXIT_UNAVAILABLE, result.stderr)
        self.assertTrue(result.stderr.startswith("error: UNAVAILABLE: "), result.stderr)

    @unittest.skipUnless(shutil.which("openssl"), "needs the openssl command")
    def test_tls_with_ca_file(self):
        # A second registry on the same Redis, serving TLS with a throwaway certificate.
        cert = os.path.join(STACK.dir, "tls.crt")
        key = os.path.join(STACK.dir, "tls.key")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
             "-out", cert, "-days", "1", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
            check=True, capture_output=True, timeout=60)
        port = cadre_e2e.free_port()
        with open(os.path.join(STACK.dir, "registry-tls.log"), "wb") as log:
            registry = subprocess.Popen(
                [ARGS.registry, f"--port={port}", "--metrics_port=-1",
                 f"--redis_port={STACK.redis_port}", "--log_level=warn",
                 f"--tls_cert={cert}", f"--tls_key={key}"],
                stdout=log, stderr=subprocess.STDOUT,
                env=dict(os.environ, CADRE_ADMIN_KEY=self.admin))
            try:
                addr = f"localhost:{port}"

                def serving():
                    return self.cli.run("--tls_ca", cert, "--timeout_ms", "1000", "roles",
                                        "list", addr=addr).returncode == 0
                cadre_e2e.wait_for("the TLS registry to answer", serving,
                                   cadre_e2e.START_DEADLINE_S, registry,
                                   os.path.join(STACK.dir, "registry-tls.log"))
                # Plaintext against a TLS port fails as a call, not as a hang.
                result = self.cli.run("--timeout_ms", "3000", "roles", "list", addr=addr)
                self.assertGreater(result.returncode, 10, result.stderr)
                self.assertTrue(result.stderr.startswith("error: "), result.stderr)
            finally:
                cadre_e2e.stop(registry)

    def test_role_lifecycle(self):
        body = self.create_body("RXF", "Royal Example Hospitals NHS Trust", "south-east")
        self.assertEqual(body["name"], "bodies/RXF")
        self.create_body("RYJ", "Imaginary College Healthcare NHS Trust", "london")
        rxf_key = self.body_key("bodies/RXF")
        ryj_key = self.body_key("bodies/RYJ")

        # Human output of a single resource: "key: value".
        shown = self.ok("bodies", "get", "RXF").stdout
        self.assertIn("display name:", shown)
        self.assertIn("south-east", shown)

        closes = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 200 * 86400))
        role = self.json(
            "roles", "create", "--body", "bodies/RXF",
            "--title", "Lay member, patient safety committee",
            "--summary", "Bring the patient voice to our patient safety committee.",
            "--level", "3", "--rung", "collaborate", "--hours", "6", "--duration-months", "12",
            "--pattern", "one evening meeting a month", "--expertise", "patient-safety,governance",
            "--topics", "maternity", "--region", "south-east", "--mode", "hybrid",
            "--places", "2", "--closes", closes, "--payment", "involvement",
            "--rate-pence", "2500", "--expenses", key=rxf_key)
        name = role["name"]
        self.assertTrue(name.startswith("roles/"), name)
        self.assertEqual(role["state"], "ROLE_STATE_DRAFT")

        # A draft is not public.
        self.assertNotIn(name, self.ok("roles", "list").stdout)
        published = self.json("roles", "publish", name, key=rxf_key)
        self.assertEqual(published["state"], "ROLE_STATE_OPEN")

        # The public, with no key, sees it: table and JSON, list and search, filters.
        table = self.ok("roles", "list").stdout
        self.assertIn("HOURS/MONTH", table.splitlines()[0])
        row = next(line for line in table.splitlines() if line.startswith(name + " "))
        self.assertIn("Lay member, patient safety committee", row)
        self.assertIn("south-east", row)
        self.assertIn(closes, row)
        listed = self.json("roles", "list", "--all")
        self.assertIn(name, [r["name"] for r in listed.get("roles", [])])
        found = self.json("roles", "search", "patient", "safety", "--level", "level 3",
                          "--remote", "--region", "south-east", "--body-kind", "trust")
        self.assertEqual([r["name"] for r in found.get("roles", [])], [name])
        for no_match in (["--region", "london"], ["--in-person"], ["--max-hours", "4"],
                         ["--query", "dementia"]):
            result = self.json("roles", "list", *no_match)
            self.assertNotIn(name, [r["name"] for r in result.get("roles", [])], no_match)

        # Another body's key may not change it.
        result = self.fails(EXIT_PERMISSION_DENIED, "PERMISSION_DENIED", "roles", "update",
                            name, "--title", "Not yours", key=ryj_key)
        self.assertEqual(result.stdout, "")
        # No key at all: not the public's to change either.
        result = self.cli.run("roles", "update", name, "--title", "Anyone")
        self.assertIn(result.returncode, (EXIT_PERMISSION_DENIED, EXIT_UNAUTHENTICATED),
                      result.stderr)

        # Its own body changes part of the time commitment; the rest is kept.
        updated = self.json("roles", "update", name, "--hours", "8", key=rxf_key)
        self.assertEqual(updated["timeCommitment"]["hoursPerMonth"], 8)
        self.assertEqual(updated["timeCommitment"]["durationMonths"], 12)
        self.assertEqual(updated["title"], "Lay member, patient safety committee")
        shown = self.ok("roles", "get", name).stdout
        self.assertIn("8 h/month for 12 months", shown)

        # The involvement map shows it.
        involvement = self.json("map", "--region", "south-east")
        self.assertGreaterEqual(involvement.get("openRoles", 0), 1)
        self.assertIn("Lay member", self.ok("map").stdout)

        # Filled: no longer listed to the public.
        closed = self.json("roles", "close", name, "--as", "filled", "--reason", "appointed",
                           key=rxf_key)
        self.assertEqual(closed["state"], "ROLE_STATE_FILLED")
        self.assertNotIn(name, self.ok("roles", "list").stdout)

    def test_keys_shown_once_and_revoked(self):
        self.create_body("RA9", "Example Community NHS Trust", "south-west")
        result = self.ok("keys", "create", "--kind", "body", "--subject", "RA9", "--label",
                         "for revoking", key=self.admin)
        self.assertIn("shown only this once", result.stdout)
        fields = dict(line.split(":", 1) for line in result.stdout.splitlines()
                      if line and not line.startswith(("warning", "store")) and ":" in line)
        secret = fields["secret"].strip()
        key_id = fields["key id"].strip()
        self.ok("bodies", "update", "bodies/RA9", "--description", "We listen.", key=secret)
        self.ok("keys", "revoke", key_id, key=self.admin)
        self.fails(EXIT_UNAUTHENTICATED, "UNAUTHENTICATED", "bodies", "update", "bodies/RA9",
                   "--description", "Revoked.", key=secret)

    def test_keys_listed_with_expiry_and_revoked_per_holder(self):
        self.create_body("RB1", "Example Mental Health NHS Trust", "london")
        made = self.json("keys", "create", "--kind", "body", "--subject", "RB1", "--label",
                         "nightly export", "--expires", "30d", key=self.admin)
        self.json("keys", "create", "--kind", "body", "--subject", "bodies/RB1", "--label",
                  "dashboard", key=self.admin)
        listed = self.ok("keys", "list", "--kind", "body", "--subject", "RB1",
                         key=self.admin).stdout
        self.assertIn(made["keyId"], listed)
        self.assertIn("nightly export", listed)
        self.assertIn("never", listed)  # the dashboard key does not expire
        self.assertNotIn(made["secret"], listed)
        as_json = self.json("keys", "list", "--kind", "body", "--subject", "RB1", key=self.admin)
        self.assertEqual([k["label"] for k in as_json["keys"]], ["nightly export", "dashboard"])
        self.assertIn("expireTime", as_json["keys"][0])
        # Only an admin lists or revokes a holder's keys.
        self.fails(EXIT_PERMISSION_DENIED, "PERMISSION_DENIED", "keys", "list", "--kind", "body",
                   "--subject", "RB1", key=made["secret"])
        result = self.ok("keys", "revoke-subject", "--kind", "body", "--subject", "RB1",
                         key=self.admin)
        self.assertIn("revoked 2 keys", result.stdout)
        self.fails(EXIT_UNAUTHENTICATED, "UNAUTHENTICATED", "bodies", "update", "bodies/RB1",
                   "--description", "Revoked.", key=made["secret"])
        self.assertIn("no live keys", self.ok("keys", "list", "--kind", "body", "--subject",
                                              "RB1", key=self.admin).stdout)

    def test_menu_and_avenues(self):
        self.create_body("RBA", "Example Partnership NHS Trust", "north-west")
        rba_key = self.body_key("bodies/RBA")
        self.ok("role-types", "create", "patient-leader-panel", "--title", "Patient leader panel",
                "--level", "3", "--rung", "involve", "--hours", "4", key=self.admin)
        menu = self.ok("role-types", "list", "--level", "3").stdout
        self.assertIn("roleTypes/patient-leader-panel", menu)
        avenue = self.json("avenues", "create", "--body", "RBA", "--kind", "patient-panel",
                           "--title", "Patient panel", "--how-to-join",
                           "https://rba.nhs.uk/panel", "--level", "2", "--region", "north-west",
                           "--mode", "remote", key=rba_key)
        self.assertIn(avenue["name"], self.ok("avenues", "list", "--body", "RBA").stdout)
        self.assertIn("patient-panel", self.ok("avenues", "get", avenue["name"]).stdout)
        self.ok("avenues", "delete", avenue["name"], key=rba_key)
        self.assertNotIn(avenue["name"], self.ok("avenues", "list", "--body", "RBA").stdout)

    def test_staff_accounts(self):
        self.create_body("RC1", "Example Acute NHS Trust", "east-of-england")
        rc1_key = self.body_key("bodies/RC1")
        made = self.ok("--public_url", "https://cadre.example.org/", "staff", "create",
                       "bodies/RC1", "--name", "Kay Morgan", "--email", "kay@example.nhs.uk",
                       "--role", "manager", key=rc1_key).stdout
        fields = dict((k.strip(), v.strip()) for k, v in
                      (line.split(":", 1) for line in made.splitlines() if ": " in line))
        staff, token = fields["staff"], fields["setup token"]
        self.assertIn(f"https://cadre.example.org/staff/set-password/{token}", made)
        self.assertIn("shown only this once", made)
        password = os.path.join(STACK.dir, "staff-password")
        with open(password, "w") as f:
            f.write("a long staff passphrase\n")
        key_file = os.path.join(STACK.dir, "staff-key")
        self.ok("staff", "set-password", token, "--password-file", password, "--key-out",
                key_file)
        self.assertEqual(os.stat(key_file).st_mode & 0o777, 0o600)
        signed_in = self.json("staff", "sign-in", "--email", "kay@example.nhs.uk",
                              "--password-file", password)
        manager_key = signed_in["key"]
        self.assertEqual(signed_in["staff"]["name"], staff)
        # The manager adds a viewer; the viewer may not add anyone.
        viewer = self.json("staff", "create", "RC1", "--name", "Lee Nash", "--email",
                           "lee@example.nhs.uk", "--role", "viewer", key=manager_key)
        viewer_name = viewer["staff"]["name"]
        self.ok("staff", "set-password", viewer["setup"]["setupToken"], "--password-file",
                password)
        viewer_key = self.json("staff", "sign-in", "--email", "lee@example.nhs.uk",
                               "--password-file", password)["key"]
        self.fails(EXIT_PERMISSION_DENIED, "PERMISSION_DENIED", "staff", "create", "RC1",
                   "--name", "No One", "--email", "no@example.nhs.uk", "--role", "viewer",
                   key=viewer_key)
        listed = self.ok("staff", "list", "bodies/RC1", key=manager_key).stdout
        self.assertIn("Kay Morgan", listed)
        self.assertIn("Lee Nash", listed)
        self.assertIn("viewer", self.ok("staff", "get", viewer_name, key=viewer_key).stdout)
        # A new role ends the viewer's sign-in at once; deactivation ends the account.
        updated = self.json("staff", "update", viewer_name, "--role", "recruiter",
                            key=manager_key)
        self.assertEqual(updated["role"], "STAFF_ROLE_RECRUITER")
        self.fails(EXIT_UNAUTHENTICATED, "UNAUTHENTICATED", "staff", "get", viewer_name,
                   key=viewer_key)
        link = self.ok("staff", "setup-link", viewer_name, key=rc1_key).stdout
        self.assertIn("setup token", link)
        self.ok("staff", "deactivate", viewer_name, key=manager_key)
        self.fails(EXIT_UNAUTHENTICATED, "UNAUTHENTICATED", "staff", "sign-in", "--email",
                   "lee@example.nhs.uk", "--password-file", password)
        self.assertNotIn("Lee Nash", self.ok("staff", "list", "RC1", key=manager_key).stdout)
        self.assertIn("Lee Nash", self.ok("staff", "list", "RC1", "--deactivated",
                                          key=manager_key).stdout)
        self.ok("staff", "sign-out", key=manager_key)
        self.fails(EXIT_UNAUTHENTICATED, "UNAUTHENTICATED", "staff", "list", "RC1",
                   key=manager_key)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--cadrectl", required=True)
    parser.add_argument("--registry", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
