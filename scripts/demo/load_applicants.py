#!/usr/bin/python3
"""Loads about 200 invented applicants into a running Cadre matching service.

  /usr/bin/python3 scripts/demo/load_applicants.py --matching 127.0.0.1:50052 \
      --admin_key_file .run/admin.key --body_keys body-keys.json [--count 200]

Every person is invented: names are drawn from short lists of common given names and
surnames, emails are at example.org (a domain reserved for examples), and dates of
birth, regions, lived experience, skills and availability vary so that matching has
something to work with. The same seed gives the same people, so a reload is stable.

What it does, as a person and the bodies' systems would:
  1. the admin signs each person up (admins are not rate-limited), with a password
     written nowhere but the demo's own accounts file;
  2. about a third of them have a DBS check, granted by a body with its own key (from
     the registry demo's --body_keys file), and some an accreditation; one DBS check has
     expired and one credential is revoked, so every state appears;
  3. about two in three answer the equality monitoring questions (some "prefer not to
     say"), with their own key, so that the counts and their "<5" suppression show;
  4. writes the demo accounts (email and password, for signing in as them) to
     --accounts_out (mode 600).

Idempotent: if the first person's email is taken, prints "applicants already present"
and exits 0. Exit status: 0 on success, 1 on an RPC failure (naming the call), 2 usage.
"""

import argparse
import datetime
import json
import os
import random
import subprocess
import sys

import grpc

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

RPC_TIMEOUT_S = 15
CONNECT_TIMEOUT_S = 30
PRIVACY_NOTICE = "2026-11"
DEMO_PASSWORD = "demo passphrase 2026"  # every demo person's; invented data only

GIVEN = ["Ada", "Amir", "Bea", "Carys", "Dev", "Ebony", "Femi", "Grace", "Harpreet", "Ian",
         "Jun", "Kemi", "Leah", "Mo", "Niamh", "Olu", "Priya", "Quinn", "Rhys", "Sana",
         "Tom", "Uma", "Vik", "Wren", "Yusuf", "Zara"]
FAMILY = ["Ahmed", "Baker", "Chen", "Davies", "Evans", "Farah", "Green", "Hughes", "Iqbal",
          "Jones", "Khan", "Lewis", "Murphy", "Nowak", "Okafor", "Patel", "Quist", "Roberts",
          "Singh", "Taylor", "Usman", "Walsh", "Young"]
TOPICS = ["diabetes", "dementia", "maternity", "mental-health", "cancer", "stroke",
          "learning-disability", "autism", "sickle-cell", "long-covid", "heart-disease",
          "kidney-disease", "carers", "end-of-life-care", "musculoskeletal"]
SKILLS = ["chairing", "public-speaking", "writing", "data-analysis", "co-design",
          "interviewing", "peer-support", "community-outreach", "translation", "training"]
EXPERTISE = ["finance", "governance", "digital", "research", "education", "law",
             "procurement", "quality-improvement", "safeguarding"]
ACCESS = ["step-free-access", "bsl-interpreter", "large-print", "hearing-loop",
          "quiet-room", "screen-reader"]
REGIONS = ["REGION_EAST_OF_ENGLAND", "REGION_LONDON", "REGION_MIDLANDS",
           "REGION_NORTH_EAST_AND_YORKSHIRE", "REGION_NORTH_WEST", "REGION_SOUTH_EAST",
           "REGION_SOUTH_WEST"]
MODES = ["ATTENDANCE_MODE_IN_PERSON", "ATTENDANCE_MODE_REMOTE", "ATTENDANCE_MODE_HYBRID"]
ACCREDITATIONS = ["safeguarding-level-2", "mental-health-first-aid", "lay-reviewer"]


def load_stubs(stubs_dir):
    if not os.path.exists(os.path.join(stubs_dir, "cadre", "v1", "matching_pb2_grpc.py")):
        subprocess.run([os.path.join(REPO, "scripts", "gen_python_stubs.sh"), stubs_dir],
                       check=True)
    sys.path.insert(0, stubs_dir)
    from cadre.v1 import common_pb2, matching_pb2, matching_pb2_grpc  # noqa: E402
    return common_pb2, matching_pb2, matching_pb2_grpc


def person(rng, i):
    """The i-th invented person: a dict of what their sign-up says."""
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    return {
        "email": f"{given}.{family}.{i}@example.org".lower(),
        "display_name": f"{given} {family}",
        "birth": (rng.randint(1940, 2006), rng.randint(1, 12), rng.randint(1, 28)),
        "region": rng.choice(REGIONS),
        "lived_experience": rng.sample(TOPICS, rng.randint(1, 3)),
        "skills": rng.sample(SKILLS, rng.randint(0, 3)),
        "expertise": rng.sample(EXPERTISE, rng.randint(0, 2)),
        "hours": rng.choice([2, 4, 4, 8, 8, 12, 16, 24]),
        "max_roles": rng.choice([1, 2, 2, 3]),
        "access": rng.sample(ACCESS, rng.choice([0, 0, 0, 1, 2])),
        "mode": rng.choice(MODES),
    }


class Loader:
    def __init__(self, channel, admin_key, body_keys, c, m, m_grpc):
        self.stub = m_grpc.MatchingStub(channel)
        self.admin = [("authorization", f"Bearer {admin_key}")]
        self.body_keys = body_keys
        self.c, self.m = c, m

    def call(self, name, request, metadata):
        try:
            return getattr(self.stub, name)(request, metadata=metadata, timeout=RPC_TIMEOUT_S)
        except grpc.RpcError as e:
            raise SystemExit(f"{name} failed: {e.code().name}: {e.details()}") from None

    def sign_up(self, p):
        m = self.m
        request = m.SignUpRequest(email=p["email"], password=DEMO_PASSWORD)
        profile = request.profile
        profile.display_name = p["display_name"]
        profile.date_of_birth.year, profile.date_of_birth.month, profile.date_of_birth.day = \
            p["birth"]
        profile.region = self.c.Region.Value(p["region"])
        profile.lived_experience.extend(p["lived_experience"])
        profile.skills.extend(p["skills"])
        profile.expertise.extend(p["expertise"])
        profile.availability_hours_per_month = p["hours"]
        profile.max_concurrent_roles = p["max_roles"]
        profile.access_needs.extend(p["access"])
        profile.attendance = self.c.AttendanceMode.Value(p["mode"])
        request.consent.privacy_notice_version = PRIVACY_NOTICE
        request.consent.processing_agreed = True
        request.consent.role_suggestions_agreed = True
        return self.call("SignUp", request, self.admin)

    def answer_equality(self, key, rng):
        e = self.m.EqualityMonitoring
        monitoring = e()
        for field in e.DESCRIPTOR.fields:
            values = [v.number for v in field.enum_type.values if v.number != 0]
            setattr(monitoring, field.name, rng.choice(values))
        self.call("SetMyEqualityMonitoring",
                  self.m.SetMyEqualityMonitoringRequest(monitoring=monitoring),
                  [("authorization", f"Bearer {key}")])

    def grant(self, applicant, body, kind, today, rng, expired=False):
        m = self.m
        key = self.body_keys[body]["secret"]
        credential = m.Credential(kind=kind)
        if kind.startswith("dbs-"):
            issued = today - datetime.timedelta(days=rng.randint(30, 900))
            if expired:
                issued = today - datetime.timedelta(days=1200)
            credential.issue_date.year, credential.issue_date.month, credential.issue_date.day = \
                issued.year, issued.month, issued.day
        expiry = today + datetime.timedelta(days=rng.randint(180, 1000))
        credential.expiry_date.year, credential.expiry_date.month, credential.expiry_date.day = \
            expiry.year, expiry.month, expiry.day
        request = m.GrantCredentialRequest(applicant=applicant, credential=credential,
                                           request_id=f"demo-{applicant[11:]}-{kind}"[:64]
                                           .replace("/", "-"))
        return self.call("GrantCredential", request, [("authorization", f"Bearer {key}")])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matching", default="127.0.0.1:50052")
    parser.add_argument("--admin_key_file", required=True)
    parser.add_argument("--body_keys", help="body keys JSON written by load_demo.py")
    parser.add_argument("--accounts_out", help="where to write demo sign-ins (mode 600)")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--stubs", default=os.path.join(REPO, ".run", "pystubs"))
    args = parser.parse_args()
    if not 1 <= args.count <= 5000:
        parser.error("--count: 1 to 5000")

    c, m, m_grpc = load_stubs(args.stubs)
    with open(args.admin_key_file) as f:
        admin_key = f.read().strip()
    body_keys = {}
    if args.body_keys and os.path.exists(args.body_keys):
        with open(args.body_keys) as f:
            body_keys = json.load(f)
    channel = grpc.insecure_channel(args.matching)
    grpc.channel_ready_future(channel).result(timeout=CONNECT_TIMEOUT_S)
    loader = Loader(channel, admin_key, body_keys, c, m, m_grpc)

    rng = random.Random(args.seed)
    people = [person(rng, i) for i in range(args.count)]
    try:
        first = loader.stub.SignUp(m.SignUpRequest(email=people[0]["email"]),
                                   metadata=loader.admin, timeout=RPC_TIMEOUT_S)
    except grpc.RpcError as e:
        if e.code() == grpc.StatusCode.ALREADY_EXISTS:
            print("applicants already present")
            return 0
        if e.code() != grpc.StatusCode.INVALID_ARGUMENT:
            raise SystemExit(f"SignUp failed: {e.code().name}: {e.details()}") from None
    else:
        raise SystemExit(f"SignUp of an empty profile was accepted: {first}")

    today = datetime.date.today()
    bodies = sorted(body_keys)
    accounts, granted = [], 0
    for i, p in enumerate(people):
        signed_up = loader.sign_up(p)
        applicant = signed_up.applicant.name
        if i % 3 != 2:
            loader.answer_equality(signed_up.key, rng)
        accounts.append({"email": p["email"], "password": DEMO_PASSWORD, "applicant": applicant})
        if bodies and i % 3 == 0:
            level = ["dbs-basic", "dbs-standard", "dbs-enhanced"][i % 9 // 3]
            loader.grant(applicant, rng.choice(bodies), level, today, rng)
            granted += 1
        if bodies and i % 7 == 0:
            loader.grant(applicant, rng.choice(bodies), rng.choice(ACCREDITATIONS), today, rng)
            granted += 1
    if bodies:
        # One credential revoked, so every state shows.
        revoked = loader.grant(accounts[1]["applicant"], bodies[0], "lay-reviewer", today, rng)
        loader.call("RevokeCredential",
                    m.RevokeCredentialRequest(name=revoked.name, reason="granted in error"),
                    [("authorization", f"Bearer {body_keys[bodies[0]]['secret']}")])
        granted += 1
    if args.accounts_out:
        fd = os.open(args.accounts_out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(accounts, f, indent=1)
    print(f"signed up {len(accounts)} applicants, granted {granted} credentials")
    return 0


if __name__ == "__main__":
    sys.exit(main())
