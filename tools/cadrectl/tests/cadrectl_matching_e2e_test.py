#!/usr/bin/python3
"""End to end: cadrectl against the real matching service, as a person, a body and an
operator run it. Starts its own redis-server, cadre-registry and cadre-matching (each on
a free loopback port in a temporary directory, with a service-keys directory as
`make run` makes one) and stops them by PID.

Usage: cadrectl_matching_e2e_test.py --cadrectl PATH --registry PATH --matching PATH
Runs with Debian's /usr/bin/python3; processes are started by tests/e2e/cadre_e2e.py.
"""

import argparse
import datetime
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

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

PASSWORD = "a long enough passphrase"
NEW_PASSWORD = "another long passphrase"


class Stack:
    """redis-server, cadre-registry and cadre-matching sharing a service-keys directory."""

    def __init__(self):
        self.redis = cadre_e2e.RedisServer()
        self.keys = self.registry = self.matching = None
        try:
            self.keys = cadre_e2e.ServiceKeys()
            self.registry = cadre_e2e.Registry(
                ARGS.registry, self.redis.port,
                extra_args=("--service_keys_dir=" + self.keys.dir,))
            self.matching = cadre_e2e.Matching(ARGS.matching, self.redis.port,
                                               self.registry.addr, self.registry.admin_key,
                                               self.keys)
        except BaseException:
            self.stop()
            raise
        self.admin_key = self.registry.admin_key
        self.dir = tempfile.mkdtemp(prefix="cadrectl-matching-e2e-")

    def wait_until_serving(self, cli):
        cadre_e2e.wait_for(
            "the registry to answer roles list",
            lambda: cli.run("--timeout_ms", "1000", "roles", "list").returncode == 0,
            cadre_e2e.START_DEADLINE_S, self.registry.proc, self.registry.log)
        # UNAVAILABLE while matching loads its view of the registry.
        cadre_e2e.wait_for(
            "matching to answer equality counts",
            lambda: cli.run("--timeout_ms", "1000", "equality", "counts",
                            key=self.admin_key).returncode == 0,
            cadre_e2e.START_DEADLINE_S, self.matching.proc, self.matching.log)

    def logs(self):
        return "%s%s" % (cadre_e2e.tail(self.registry.log), cadre_e2e.tail(self.matching.log))

    def stop(self):
        for part in (self.matching, self.registry):
            if part is not None:
                part.stop()
        if self.keys is not None:
            self.keys.remove()
        self.redis.stop()
        if getattr(self, "dir", None):
            shutil.rmtree(self.dir, ignore_errors=True)


class Cadrectl:
    def __init__(self, path, registry_addr, matching_addr):
        self.path = path
        self.registry_addr = registry_addr
        self.matching_addr = matching_addr

    def run(self, *args, key=None, stdin=None, matching_addr=None):
        # A clean environment: no CADRE_* settings leak in from the caller's shell.
        env = {k: v for k, v in os.environ.items() if not k.startswith("CADRE_")}
        env["CADRE_REGISTRY_ADDR"] = self.registry_addr
        env["CADRE_MATCHING_ADDR"] = matching_addr or self.matching_addr
        if key:
            env["CADRE_API_KEY"] = key
        return subprocess.run([self.path, *args], capture_output=True, text=True, env=env,
                              input=stdin if stdin is not None else "", timeout=60)


def setUpModule():
    global STACK
    STACK = Stack()
    try:
        STACK.wait_until_serving(Cadrectl(ARGS.cadrectl, STACK.registry.addr,
                                          STACK.matching.addr))
    except BaseException:
        STACK.stop()
        raise


def tearDownModule():
    STACK.stop()


def fields(text):
    """The "label:  value" lines of a Fields view, as a dict."""
    out = {}
    for line in text.splitlines():
        label, sep, value = line.partition(":")
        if sep and not line.startswith(("warning", " ")):
            out.setdefault(label.strip(), value.strip())
    return out


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def day(offset_days):
    return (datetime.date.today() + datetime.timedelta(days=offset_days)).isoformat()


class CadrectlMatchingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cli = Cadrectl(ARGS.cadrectl, STACK.registry.addr, STACK.matching.addr)
        cls.admin = STACK.admin_key

    def ok(self, *args, key=None, stdin=None):
        result = self.cli.run(*args, key=key, stdin=stdin)
        self.assertEqual(result.returncode, 0,
                         f"cadrectl {' '.join(args)}\nstdout:{result.stdout}\n"
                         f"stderr:{result.stderr}{STACK.logs()}")
        for secret in (PASSWORD, NEW_PASSWORD):
            self.assertNotIn(secret, result.stdout + result.stderr)
        return result

    def json(self, *args, key=None):
        return json.loads(self.ok("--json", *args, key=key).stdout)

    def fails(self, exit_code, code_name, *args, key=None, stdin=None):
        result = self.cli.run(*args, key=key, stdin=stdin)
        self.assertEqual(result.returncode, exit_code,
                         f"cadrectl {' '.join(args)}\nstdout:{result.stdout}\n"
                         f"stderr:{result.stderr}")
        self.assertTrue(result.stderr.startswith(f"error: {code_name}: "), result.stderr)
        return result

    def secret_file(self, name, text):
        path = os.path.join(STACK.dir, name)
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
            f.write(text + "\n")
        return path

    def sign_up(self, email, name, region="north-west"):
        password_file = self.secret_file("password", PASSWORD)
        result = self.ok("applicants", "sign-up", "--email", email, "--password-file",
                         password_file, "--name", name, "--born", "1980-02-29", "--region",
                         region, "--attendance", "remote", "--lived-experience",
                         "diabetes,carers", "--skills", "chairing", "--hours", "6", "--agree")
        self.assertIn("shown only this once", result.stdout)
        shown = fields(result.stdout)
        self.assertTrue(shown["applicant"].startswith("applicants/"), result.stdout)
        self.assertTrue(shown["key"].startswith("cadre_"), result.stdout)
        return shown["applicant"], shown["key"]

    def body_key(self, code):
        self.ok("bodies", "create", "--ods", code, "--name", "Body " + code, "--kind", "trust",
                "--region", "london", key=self.admin)
        made = self.json("keys", "create", "--kind", "body", "--subject", code, "--label",
                         "e2e", key=self.admin)
        return made["secret"]

    def test_person_body_and_operator(self):
        # A person signs up (password from a file) and signs in (password from stdin,
        # the new key written to a private file).
        name, signup_key = self.sign_up("Pat.Example@example.org", "Pat Example")
        key_file = os.path.join(STACK.dir, "pat.key")
        result = self.ok("applicants", "sign-in", "--email", "pat.example@example.org",
                         "--password-stdin", "--key-out", key_file, stdin=PASSWORD + "\n")
        self.assertEqual(mode(key_file), 0o600)
        with open(key_file) as f:
            key = f.read().strip()
        self.assertTrue(key.startswith("cadre_"))
        self.assertNotIn(key, result.stdout + result.stderr)
        self.assertNotEqual(key, signup_key)
        self.fails(EXIT_UNAUTHENTICATED, "UNAUTHENTICATED", "applicants", "sign-in", "--email",
                   "pat.example@example.org", "--password-stdin", stdin="not the password\n")

        me = fields(self.ok("--key_file", key_file, "applicants", "me").stdout)
        self.assertEqual(me["name"], name)
        self.assertEqual(me["display name"], "Pat Example")
        self.assertEqual(me["region"], "north-west")
        self.assertEqual(me["lived experience"], "diabetes, carers")
        self.assertEqual(me["role suggestions"], "no")

        # Only the fields given change; the mask comes from the flags.
        updated = self.json("applicants", "update", "--skills", "chairing,writing", "--hours",
                            "8", key=key)
        self.assertEqual(updated["profile"]["skills"], ["chairing", "writing"])
        self.assertEqual(updated["profile"]["availabilityHoursPerMonth"], 8)
        self.assertEqual(updated["profile"]["livedExperience"], ["diabetes", "carers"])
        consent = self.json("applicants", "update", "--suggestions", key=key)["consent"]
        self.assertTrue(consent["roleSuggestionsAgreed"])
        self.assertEqual(consent["privacyNoticeVersion"], "2026-11")
        self.fails(10 + 10, "ABORTED", "applicants", "update", "--name", "Pat", "--etag", "1",
                   key=key)

        # Equality monitoring: answers by label; a second set changes only its question.
        self.ok("equality", "set", "--ethnicity", "mixed", "--carer-status", "no", key=key)
        self.ok("equality", "set", "--age-band", "35-44", key=key)
        answers = fields(self.ok("equality", "show", key=key).stdout)
        self.assertEqual(answers["ethnicity"], "mixed")
        self.assertEqual(answers["carer status"], "no")
        self.assertEqual(answers["age band"], "35-44")
        self.assertEqual(answers["religion"], "unanswered")

        # A body grants a DBS check by the person's applicant name, and revokes it.
        body = self.body_key("RJ1")
        granted = fields(self.ok("credentials", "grant", name, "--kind", "dbs-enhanced",
                                 "--issued", day(-30), "--expires", day(700), key=body).stdout)
        self.assertEqual(granted["status"], "valid")
        self.assertEqual(granted["granted by"], "bodies/RJ1")
        self.assertEqual(granted["issued"], day(-30))
        held = self.ok("credentials", "list", key=key).stdout
        self.assertIn("dbs-enhanced", held)
        self.assertIn(granted["name"], held)
        # A body reads no profile: exit 10 + PERMISSION_DENIED.
        result = self.fails(EXIT_PERMISSION_DENIED, "PERMISSION_DENIED", "applicants", "get",
                            name, key=body)
        self.assertEqual(result.stdout, "")
        self.fails(EXIT_PERMISSION_DENIED, "PERMISSION_DENIED", "applicants", "list", key=body)
        revoked = fields(self.ok("credentials", "revoke", granted["name"], "--reason",
                                 "checked in error", key=body).stdout)
        self.assertEqual(revoked["status"], "revoked")
        self.assertEqual(revoked["revoke reason"], "checked in error")

        # The operator: list (with a filter), get, counts.
        listed = self.ok("applicants", "list", "--region", "north-west", key=self.admin).stdout
        self.assertIn("DISPLAY NAME", listed.splitlines()[0])
        self.assertIn(name, listed)
        self.assertNotIn(name, self.ok("applicants", "list", "--region", "london",
                                       key=self.admin).stdout)
        every = self.json("applicants", "list", "--all", "--page-size", "1", key=self.admin)
        self.assertIn(name, [a["name"] for a in every["applicants"]])
        shown = fields(self.ok("applicants", "get", name, key=self.admin).stdout)
        self.assertEqual(shown["email"], "pat.example@example.org")
        counts = self.ok("equality", "counts", key=self.admin).stdout
        self.assertIn("people counted: <5", counts)
        header = next(line for line in counts.splitlines() if line.startswith("QUESTION"))
        self.assertEqual(header.split(), ["QUESTION", "ANSWER", "SHOWN"])
        row = next(line for line in counts.splitlines()
                   if line.startswith("ethnicity ") and " mixed " in line)
        self.assertTrue(row.endswith("<5"), row)

        # Subject access: to a private file, and to stdout.
        out = os.path.join(STACK.dir, "export.json")
        self.ok("applicants", "export", "--out", out, key=key)
        self.assertEqual(mode(out), 0o600)
        with open(out) as f:
            exported = json.load(f)
        self.assertEqual(exported["applicant"]["email"], "pat.example@example.org")
        self.assertEqual(exported["equality_monitoring"]["ethnicity"], "ETHNICITY_MIXED")
        self.assertEqual(len(exported["credentials"]), 1)
        self.assertEqual(json.loads(self.ok("applicants", "export", name,
                                            key=self.admin).stdout)["applicant"]["name"], name)

        # Passwords change from stdin (current, then new): every earlier key is revoked and
        # the answer is a new one. Signing out ends a key.
        changed = self.ok("--json", "applicants", "change-password", "--current-password-stdin",
                          "--new-password-stdin", key=key, stdin=f"{PASSWORD}\n{NEW_PASSWORD}\n")
        after_change = json.loads(changed.stdout)["key"]
        self.fails(EXIT_UNAUTHENTICATED, "UNAUTHENTICATED", "applicants", "me", key=key)
        result = self.ok("--json", "applicants", "sign-in", "--email", "pat.example@example.org",
                         "--password-stdin", stdin=NEW_PASSWORD + "\n")
        fresh = json.loads(result.stdout)["key"]
        self.assertIn("shown only this once", result.stderr)
        self.assertIn("signed out", self.ok("applicants", "sign-out", key=after_change).stdout)
        self.fails(EXIT_UNAUTHENTICATED, "UNAUTHENTICATED", "applicants", "me", key=after_change)

        # Erasure asks for --yes; afterwards the person can no longer sign in.
        self.fails(EXIT_USAGE, "INVALID_ARGUMENT", "applicants", "erase", name, key=fresh)
        self.assertIn("erased", self.ok("applicants", "erase", name, "--yes", key=fresh).stdout)
        self.fails(EXIT_UNAUTHENTICATED, "UNAUTHENTICATED", "applicants", "sign-in", "--email",
                   "pat.example@example.org", "--password-stdin", stdin=NEW_PASSWORD + "\n")
        self.fails(10 + 5, "NOT_FOUND", "applicants", "get", name, key=self.admin)

    def test_applications_from_submission_to_placement(self):
        # A body opens a role; a person applies; the body moves the application on; the
        # person accepts and makes a payment choice; the body completes the placement.
        body = self.body_key("RJ2")
        closes = day(60)
        role = self.json("roles", "create", "--body", "bodies/RJ2",
                         "--title", "Patient partner, diabetes board",
                         "--summary", "Help shape diabetes services.", "--level", "3",
                         "--rung", "involve", "--hours", "4", "--topics", "diabetes",
                         "--region", "north-west", "--mode", "remote", "--places", "1",
                         "--closes", closes, "--payment", "involvement", "--rate-pence",
                         "2000", key=body)["name"]
        self.ok("roles", "publish", role, key=body)
        _, key = self.sign_up("kit.example@example.org", "Kit Example")
        app = None
        for _ in range(200):  # matching's view takes the role within about a second
            result = self.cli.run("--json", "applications", "submit", "--role", role,
                                  "--statement", "I have lived with diabetes for years.",
                                  key=key)
            if result.returncode == 0:
                app = json.loads(result.stdout)
                break
            self.assertIn("FAILED_PRECONDITION", result.stderr)
        self.assertIsNotNone(app, "the role never reached matching's view")
        name = app["name"]
        self.assertEqual(app["state"], "APPLICATION_STATE_SUBMITTED")
        self.assertTrue(app["screening"]["eligible"], app["screening"])

        # Another body sees nothing of it.
        other = self.body_key("RJ3")
        self.fails(EXIT_PERMISSION_DENIED, "PERMISSION_DENIED", "applications", "get", name,
                   key=other)
        self.fails(EXIT_PERMISSION_DENIED, "PERMISSION_DENIED", "match", "rank", "--role",
                   role, key=other)
        # A move the table does not have is refused naming both states.
        result = self.fails(10 + 9, "FAILED_PRECONDITION", "applications", "accept", name,
                            key=key)
        self.assertIn("is submitted and cannot become accepted", result.stderr)

        listed = self.json("applications", "list", "--role", role, key=body)
        self.assertEqual([a["name"] for a in listed["applications"]], [name])
        ranked = self.json("match", "rank", "--role", role, key=body)
        self.assertEqual(len(ranked["applicants"][0]["score"]["parts"]), 6)
        self.ok("applications", "acknowledge", name, key=body)
        self.ok("applications", "shortlist", name, key=body)
        offered = self.json("applications", "offer", name, "--reply-by", "7d", "--note",
                            "We would love you to join.", key=body)
        self.assertEqual(offered["state"], "APPLICATION_STATE_OFFERED")
        self.assertEqual(offered["nextStep"]["owner"], "PARTY_APPLICANT")
        accepted = self.json("applications", "accept", name, key=key)
        placement = accepted["placement"]
        self.assertTrue(placement.startswith("placements/"), accepted)
        self.ok("placements", "payment-choice", placement, "--choice", "expenses-only", key=key)
        shown = self.json("placements", "get", placement, key=body)
        self.assertEqual(shown["paymentChoice"], "PAYMENT_CHOICE_EXPENSES_ONLY")
        done = self.json("placements", "complete", placement, key=body)
        self.assertEqual(done["state"], "PLACEMENT_STATE_COMPLETED")
        mine = self.json("applications", "list", key=key)
        self.assertEqual(mine["applications"][0]["state"], "APPLICATION_STATE_ACCEPTED")

        # Public: the scoring policy and the body's figures, with no key.
        policy = self.json("match", "policy")
        self.assertEqual(sum(w["weight"] for w in policy["weights"]), 100)
        figures = self.json("figures", "body", "bodies/RJ2")
        self.assertTrue(figures["acknowledgeMedianDays"]["withheld"], figures)
        self.assertEqual(figures["acknowledgeMedianDays"]["shown"], "<5")
        counts = self.ok("figures", "equality", "bodies/RJ2", key=body).stdout
        self.assertIn("<5", counts)
        self.fails(EXIT_PERMISSION_DENIED, "PERMISSION_DENIED", "figures", "equality",
                   "bodies/RJ2", key=other)

    def test_operator_resets_a_password(self):
        name, key = self.sign_up("sam.example@example.org", "Sam Example", region="london")
        new_file = self.secret_file("reset", NEW_PASSWORD)
        result = self.ok("applicants", "reset-password", name, "--password-file", new_file,
                         key=self.admin)
        self.assertIn("1 key revoked", result.stdout)
        self.fails(EXIT_UNAUTHENTICATED, "UNAUTHENTICATED", "applicants", "me", key=key)
        signed_in = self.json("applicants", "sign-in", "--email", "sam.example@example.org",
                              "--password-file", new_file)
        # The person moves to a new email, giving the (new) password on stdin.
        changed = fields(self.ok("applicants", "change-email", "--new-email",
                                 "Sam.New@example.org", "--password-stdin",
                                 key=signed_in["key"], stdin=NEW_PASSWORD + "\n").stdout)
        self.assertEqual(changed["email"], "sam.new@example.org")
        self.ok("applicants", "sign-in", "--email", "sam.new@example.org", "--password-file",
                new_file)

    def test_refusals_before_and_after_the_call(self):
        # No password flag with a value, ever: usage error naming it.
        result = self.fails(EXIT_USAGE, "INVALID_ARGUMENT", "applicants", "sign-in", "--email",
                            "x@example.org", "--password", PASSWORD)
        self.assertIn("--password", result.stderr)
        result = self.fails(EXIT_USAGE, "INVALID_ARGUMENT", "equality", "set", "--ethnicity",
                            "martian")
        self.assertIn("--ethnicity", result.stderr)
        self.fails(EXIT_UNAUTHENTICATED, "UNAUTHENTICATED", "applicants", "me")
        result = self.cli.run("--timeout_ms", "3000", "applicants", "me",
                              matching_addr=f"127.0.0.1:{cadre_e2e.free_port()}")
        self.assertEqual(result.returncode, EXIT_UNAVAILABLE, result.stderr)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--cadrectl", required=True)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--matching", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
