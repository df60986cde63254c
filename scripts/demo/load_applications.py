#!/usr/bin/python3
"""Loads invented applications and placements into a running Cadre matching service.

  /usr/bin/python3 scripts/demo/load_applications.py --matching 127.0.0.1:50052 \
      --registry 127.0.0.1:50051 --admin_key_file .run/admin.key \
      --body_keys .run/body-keys.json --accounts .run/demo-accounts.json [--people 20]

Runs after load_demo.py (the bodies, their roles and --body_keys) and load_applicants.py
(the people and --accounts, their sign-ins). Every statement and note is made up from
short stock sentences: no real person's words or data.

What it does, as the people and the bodies' systems would:
  1. reads the open roles taking applications from the registry (public ListRoles);
  2. signs in as --people demo people (SignIn with email and password; fewer than the
     matching service's 30 sign-ins a minute from one address), each once;
  3. each applies to a few roles, and each role's body (with its own key) and the
     person move the application on, so that every state shows: some left submitted
     and unacknowledged, some acknowledged, shortlisted and offered; withdrawn (before
     and after shortlisting), declined; unsuccessful with each reason a body gives (not
     shortlisted, not selected, requirements not met, no decision made);
  4. six offers are accepted, each on a role with places to spare (no role is filled),
     making placements: the leaders make payment choices where the role offers an
     involvement payment (take it, expenses only, decline it), one body completes its
     placement and one leader ends theirs early, with a reason;
  5. signs the people out again.
The same seed gives the same plan (people, roles, stories); writes no file but the
generated stubs (--stubs).

Idempotent: if the first demo person (the first in --accounts, whose applications are
made last) has any application (ListApplications as admin), prints "applications
already present" and exits 0. Every submission carries a request id and each story
goes on from the state its application is in, so a load cut short can be run again.
Exit status: 0 on success, 1 on an RPC failure (naming the call), 2 on usage.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time

import grpc

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

RPC_TIMEOUT_S = 15
CONNECT_TIMEOUT_S = 30
# How long a role just published may take to reach the matching service's view of open
# roles (it follows the registry's events), and the wait after a sign-in refused for the
# per-address limit (a fixed one-minute window).
VIEW_WAIT_S = 30
SIGNIN_LIMIT_WAIT_S = 61
FEATURED_BODY = "bodies/X24"  # NHS England: gets more applications, so its figures show
FEATURED_SHARE = 0.35

OPENERS = [
    "I have used these services for several years and",
    "As a carer for a family member, I",
    "Since my own diagnosis I",
    "I volunteer with a local patient group and",
    "Having spent time on a ward last year, I",
    "I have sat on a patient panel before and",
    "Living with a long-term condition, I",
]
MIDDLES = [
    "want to help make them easier to use for the people who come after me.",
    "have seen where small changes would make a real difference.",
    "would like my experience to shape what happens next.",
    "know how it feels when information comes too late or not at all.",
    "want to make sure quieter voices are heard in the room.",
]
CLOSERS = [
    "I can give the time the role asks.",
    "I am comfortable reading papers and speaking up in meetings.",
    "I would need papers a week ahead; otherwise I am flexible.",
    "I work part time, so daytime meetings suit me.",
    "I am happy to join online or in person.",
]
OFFER_NOTES = [
    "We would be glad to have you with us: please reply by the date shown.",
    "Thank you for a thoughtful application. We would like to offer you a place.",
]
TURN_DOWN_NOTES = {
    "UNSUCCESSFUL_REASON_NOT_SHORTLISTED": "Thank you for applying. We had many strong "
    "applications and could not shortlist everyone.",
    "UNSUCCESSFUL_REASON_NOT_SELECTED": "Thank you for meeting us. We have offered the "
    "places to others this time; please apply again.",
    "UNSUCCESSFUL_REASON_REQUIREMENTS_NOT_MET": "This role needs a credential you do not "
    "hold yet; we would welcome an application once you have it.",
    "UNSUCCESSFUL_REASON_NO_DECISION_MADE": "We have paused recruitment for this role and "
    "will not be making a decision on applications.",
}
END_EARLY_REASON = "I am moving out of the area and can no longer attend the meetings."

# A move: who makes it, the state it makes, and the reason (turn-downs only).
ACK = ("body", "APPLICATION_STATE_ACKNOWLEDGED", None)
SHORTLIST = ("body", "APPLICATION_STATE_SHORTLISTED", None)
OFFER = ("body", "APPLICATION_STATE_OFFERED", None)
WITHDRAW = ("applicant", "APPLICATION_STATE_WITHDRAWN", None)
DECLINE = ("applicant", "APPLICATION_STATE_DECLINED", None)
ACCEPT = ("applicant", "APPLICATION_STATE_ACCEPTED", None)


def turn_down(reason):
    return ("body", "APPLICATION_STATE_UNSUCCESSFUL", "UNSUCCESSFUL_REASON_" + reason)


# What happens to the applications: (story, the moves after submission, how many).
STORIES = [
    ("submitted", [], 10),
    ("acknowledged", [ACK], 6),
    ("shortlisted", [ACK, SHORTLIST], 5),
    ("offered", [ACK, SHORTLIST, OFFER], 4),
    ("withdrawn", [WITHDRAW], 2),
    ("withdrawn after shortlisting", [ACK, SHORTLIST, WITHDRAW], 2),
    ("declined", [ACK, SHORTLIST, OFFER, DECLINE], 3),
    ("not shortlisted", [ACK, turn_down("NOT_SHORTLISTED")], 3),
    ("not selected", [ACK, SHORTLIST, turn_down("NOT_SELECTED")], 3),
    ("requirements not met", [turn_down("REQUIREMENTS_NOT_MET")], 2),
    ("no decision made", [ACK, SHORTLIST, turn_down("NO_DECISION_MADE")], 2),
    ("accepted", [ACK, SHORTLIST, OFFER, ACCEPT], 6),
]
# What happens to each placement, in the order of the accepted stories: the payment
# choice (where the role offers a payment) and how it ends (None: still active). The
# first four go to roles that offer an involvement payment.
PLACEMENT_STORIES = [
    ("PAYMENT_CHOICE_TAKE_PAYMENT", None),
    ("PAYMENT_CHOICE_EXPENSES_ONLY", None),
    ("PAYMENT_CHOICE_DECLINE_PAYMENT", None),
    ("PAYMENT_CHOICE_TAKE_PAYMENT", "completed"),
    (None, "ended early"),
    (None, None),
]
PAID_PLACEMENTS = 4


def load_stubs(stubs_dir):
    """Imports the generated modules, generating them into stubs_dir first if they are
    absent or older than the applications (a stubs directory kept from an earlier run)."""
    grpc_module = os.path.join(stubs_dir, "cadre", "v1", "matching_pb2_grpc.py")
    current = False
    if os.path.exists(grpc_module):
        with open(grpc_module) as f:
            current = "SubmitApplication" in f.read()
    if not current:
        subprocess.run([os.path.join(REPO, "scripts", "gen_python_stubs.sh"), stubs_dir],
                       check=True)
    sys.path.insert(0, stubs_dir)
    from cadre.v1 import (common_pb2, matching_pb2, matching_pb2_grpc,  # noqa: E402
                          registry_pb2, registry_pb2_grpc)
    return common_pb2, matching_pb2, matching_pb2_grpc, registry_pb2, registry_pb2_grpc


def bearer(key):
    return [("authorization", f"Bearer {key}")]


def statement(rng):
    return " ".join([rng.choice(OPENERS), rng.choice(MIDDLES), rng.choice(CLOSERS)])


def plan(rng, people, roles, payment_kind):
    """The applications to make: a list of dicts (person, role, story, moves, placement),
    the first person's last. `people` are accounts, `roles` registry Roles."""
    stories = [(label, moves) for label, moves, n in STORIES for _ in range(n)]
    rng.shuffle(stories)
    # The first person makes one application, left submitted, made last of all: their
    # having any marks a finished load.
    first = next(i for i, (label, _) in enumerate(stories) if label == "submitted")
    marker = stories.pop(first)
    others = people[1:]
    featured = [r for r in roles if r.body == FEATURED_BODY]
    # Roles an offer may be accepted on without taking the last place.
    spare = [r for r in roles if r.places >= 2]
    paid_spare = [r for r in spare if r.support.payment == payment_kind]
    taken = set()           # (person's email, role name)
    live = {}               # person's email -> live applications
    accepted_on = {}        # role name -> placements made
    accepters = set()       # each person accepts at most one offer
    placements = iter(PLACEMENT_STORIES)
    out = []
    turn = 0
    for label, moves in stories:
        accepting = label == "accepted"
        ends_live = label in ("submitted", "acknowledged", "shortlisted", "offered")
        # People in turn, skipping those who cannot take this story.
        for _ in range(len(others)):
            person = others[turn % len(others)]
            turn += 1
            if accepting and person["email"] in accepters:
                continue
            if ends_live and live.get(person["email"], 0) >= 5:
                continue
            break
        else:
            raise SystemExit("load_applications: too few people for the plan; raise --people")
        if accepting:
            n = len(accepters)
            pool = paid_spare if n < PAID_PLACEMENTS and paid_spare else spare
            pool = [r for r in pool if accepted_on.get(r.name, 0) + 1 < r.places]
        elif featured and rng.random() < FEATURED_SHARE:
            pool = featured
        else:
            pool = roles
        pool = [r for r in pool if (person["email"], r.name) not in taken]
        if not pool:
            pool = [r for r in roles if (person["email"], r.name) not in taken and
                    (not accepting or accepted_on.get(r.name, 0) + 1 < r.places)]
        if not pool:
            raise SystemExit("load_applications: too few open roles for the plan")
        role = rng.choice(pool)
        taken.add((person["email"], role.name))
        entry = dict(person=person, role=role, story=label, moves=moves,
                     statement=statement(rng), offer_note=rng.choice(OFFER_NOTES),
                     placement=None)
        if accepting:
            accepters.add(person["email"])
            accepted_on[role.name] = accepted_on.get(role.name, 0) + 1
            entry["placement"] = next(placements)
        if ends_live:
            live[person["email"]] = live.get(person["email"], 0) + 1
        out.append(entry)
    pool = featured or roles
    out.append(dict(person=people[0], role=rng.choice(pool), story=marker[0], moves=marker[1],
                    statement=statement(rng), offer_note="", placement=None))
    return out


class Loader:
    def __init__(self, matching, registry, admin_key, body_keys, c, m, m_grpc, r, r_grpc):
        self.stub = m_grpc.MatchingStub(matching)
        self.registry = r_grpc.RegistryStub(registry)
        self.admin = bearer(admin_key)
        self.body_keys = body_keys
        self.c, self.m, self.r = c, m, r
        self.keys = {}  # email -> the person's key from SignIn
        self.counts = {}
        self.placements = dict(active=0, completed=0, ended_early=0, payment_choices=0)

    def call(self, name, request, metadata=None):
        try:
            return getattr(self.stub, name)(request, metadata=metadata, timeout=RPC_TIMEOUT_S)
        except grpc.RpcError as e:
            raise SystemExit(f"load_applications: {name} failed: {e.code().name}: "
                             f"{e.details()}") from None

    def open_roles(self):
        """The open roles taking applications (for an hour yet at least) of the bodies we
        hold keys for, sorted."""
        roles, token = [], ""
        while True:
            try:
                page = self.registry.ListRoles(
                    self.r.ListRolesRequest(page_size=100, page_token=token),
                    timeout=RPC_TIMEOUT_S)
            except grpc.RpcError as e:
                raise SystemExit(f"load_applications: ListRoles failed: {e.code().name}: "
                                 f"{e.details()}") from None
            # Open (the listing's default) and before its closing time. (Not
            # Role.accepting_applications, which a registry may not fill in yet.)
            roles.extend(r for r in page.roles
                         if r.body in self.body_keys and r.state == self.r.ROLE_STATE_OPEN
                         and (not r.HasField("closing_time") or
                              r.closing_time.ToSeconds() > time.time() + 3600))
            token = page.next_page_token
            if not token:
                break
        return sorted(roles, key=lambda r: (r.body, r.title, r.name))

    def already_loaded(self, applicant):
        answer = self.call("ListApplications",
                           self.m.ListApplicationsRequest(applicant=applicant, page_size=1),
                           self.admin)
        return len(answer.applications) > 0

    def person_key(self, person):
        """The person's key, signing them in the first time."""
        if person["email"] in self.keys:
            return self.keys[person["email"]]
        request = self.m.SignInRequest(email=person["email"], password=person["password"])
        for attempt in range(2):
            try:
                answer = self.stub.SignIn(request, timeout=RPC_TIMEOUT_S)
                break
            except grpc.RpcError as e:
                if e.code() != grpc.StatusCode.RESOURCE_EXHAUSTED or attempt == 1:
                    raise SystemExit(f"load_applications: SignIn of {person['applicant']} "
                                     f"failed: {e.code().name}: {e.details()}") from None
                print(f"  sign-ins from this address are at their limit; waiting "
                      f"{SIGNIN_LIMIT_WAIT_S} s")
                time.sleep(SIGNIN_LIMIT_WAIT_S)
        self.keys[person["email"]] = answer.key
        return answer.key

    def submit(self, entry, request_id):
        m = self.m
        request = m.SubmitApplicationRequest(role=entry["role"].name,
                                             statement=entry["statement"],
                                             request_id=request_id)
        metadata = bearer(self.person_key(entry["person"]))
        deadline = time.monotonic() + VIEW_WAIT_S
        while True:
            try:
                return self.stub.SubmitApplication(request, metadata=metadata,
                                                   timeout=RPC_TIMEOUT_S)
            except grpc.RpcError as e:
                # A role published moments ago may not be in matching's view yet.
                if (e.code() == grpc.StatusCode.FAILED_PRECONDITION and
                        "is not open" in (e.details() or "") and time.monotonic() < deadline):
                    time.sleep(0.5)
                    continue
                raise SystemExit(f"load_applications: SubmitApplication to "
                                 f"{entry['role'].name} failed: {e.code().name}: "
                                 f"{e.details()}") from None

    def move(self, app, entry, move):
        m = self.m
        who, state, reason = move
        request = m.MoveApplicationRequest(name=app.name, state=m.ApplicationState.Value(state))
        if reason:
            request.reason = m.UnsuccessfulReason.Value(reason)
            request.note = TURN_DOWN_NOTES[reason]
        if state == "APPLICATION_STATE_OFFERED":
            request.note = entry["offer_note"]
        if who == "body":
            key = self.body_keys[entry["role"].body]["secret"]
        else:
            key = self.person_key(entry["person"])
        return self.call("MoveApplication", request, bearer(key))

    def make(self, index, entry):
        """Makes one application and its story, going on from where it stands."""
        m = self.m
        app = self.submit(entry, f"demo-application-{index}")
        path = ["APPLICATION_STATE_SUBMITTED"] + [state for _, state, _ in entry["moves"]]
        now = m.ApplicationState.Name(app.state)
        if now not in path:
            raise SystemExit(f"load_applications: {app.name} is {now}, off its story "
                             f"({entry['story']})")
        for move in entry["moves"][path.index(now):]:
            app = self.move(app, entry, move)
        label = m.ApplicationState.Name(app.state)[len("APPLICATION_STATE_"):].lower()
        self.counts[label] = self.counts.get(label, 0) + 1
        if entry["placement"] is not None:
            self.placement(app.placement, entry)

    def placement(self, name, entry):
        m = self.m
        choice, end = entry["placement"]
        mine = bearer(self.person_key(entry["person"]))
        p = self.call("GetPlacement", m.GetPlacementRequest(name=name), mine)
        if (choice and p.payment_offered and p.state == m.PLACEMENT_STATE_ACTIVE and
                p.payment_choice == m.PAYMENT_CHOICE_UNSPECIFIED):
            p = self.call("SetPaymentChoice", m.SetPaymentChoiceRequest(
                name=name, choice=m.PaymentChoice.Value(choice)), mine)
        if p.payment_choice != m.PAYMENT_CHOICE_UNSPECIFIED:
            self.placements["payment_choices"] += 1
        if end == "completed" and p.state == m.PLACEMENT_STATE_ACTIVE:
            body = bearer(self.body_keys[entry["role"].body]["secret"])
            p = self.call("EndPlacement", m.EndPlacementRequest(
                name=name, state=m.PLACEMENT_STATE_COMPLETED), body)
        elif end == "ended early" and p.state == m.PLACEMENT_STATE_ACTIVE:
            p = self.call("EndPlacement", m.EndPlacementRequest(
                name=name, state=m.PLACEMENT_STATE_ENDED_EARLY, reason=END_EARLY_REASON), mine)
        word = {m.PLACEMENT_STATE_ACTIVE: "active", m.PLACEMENT_STATE_COMPLETED: "completed",
                m.PLACEMENT_STATE_ENDED_EARLY: "ended_early"}[p.state]
        self.placements[word] += 1

    def sign_out(self):
        for key in self.keys.values():
            try:
                self.stub.SignOut(self.m.SignOutRequest(), metadata=bearer(key),
                                  timeout=RPC_TIMEOUT_S)
            except grpc.RpcError:
                pass  # the key lapses by itself; nothing to undo


def read_json(path, what, parser):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        parser.error(f"cannot read {what} {path}: {e}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matching", default="127.0.0.1:50052")
    parser.add_argument("--registry", default="127.0.0.1:50051")
    parser.add_argument("--admin_key_file", required=True)
    parser.add_argument("--body_keys", required=True, help="body keys JSON from load_demo.py")
    parser.add_argument("--accounts", required=True,
                        help="demo sign-ins JSON from load_applicants.py (--accounts_out)")
    parser.add_argument("--people", type=int, default=20,
                        help="demo people who apply, 8 to 25 (each signs in once)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--stubs", default=os.path.join(REPO, ".run", "pystubs"))
    args = parser.parse_args()
    if not 8 <= args.people <= 25:
        parser.error("--people: 8 to 25 (six accept an offer each; the service allows 30 "
                     "sign-ins a minute from one address)")
    try:
        with open(args.admin_key_file) as f:
            admin_key = f.read().strip()
    except OSError as e:
        parser.error(f"cannot read --admin_key_file: {e}")
    body_keys = read_json(args.body_keys, "--body_keys", parser)
    accounts = read_json(args.accounts, "--accounts", parser)
    if isinstance(accounts, dict):  # load_staff.py adds the staff beside the applicants
        accounts = accounts.get("applicants", [])
    if not admin_key or not body_keys or len(accounts) < args.people:
        parser.error(f"need an admin key, body keys and at least {args.people} accounts")

    c, m, m_grpc, r, r_grpc = load_stubs(args.stubs)
    matching = grpc.insecure_channel(args.matching)
    registry = grpc.insecure_channel(args.registry)
    for what, channel in (("matching", matching), ("registry", registry)):
        try:
            grpc.channel_ready_future(channel).result(timeout=CONNECT_TIMEOUT_S)
        except grpc.FutureTimeoutError:
            raise SystemExit(f"load_applications: {what} not reachable within "
                             f"{CONNECT_TIMEOUT_S} s") from None
    loader = Loader(matching, registry, admin_key, body_keys, c, m, m_grpc, r, r_grpc)
    if loader.already_loaded(accounts[0]["applicant"]):
        print("applications already present")
        return 0

    rng = random.Random(args.seed)
    people = [accounts[0]] + rng.sample(accounts[1:], args.people - 1)
    roles = loader.open_roles()
    if len(roles) < 5:
        raise SystemExit(f"load_applications: only {len(roles)} open roles of the demo "
                         "bodies; load the demo data (load_demo.py) first")
    entries = plan(rng, people, roles, c.PAYMENT_KIND_INVOLVEMENT)
    try:
        for i, entry in enumerate(entries):
            loader.make(i, entry)
    finally:
        loader.sign_out()
    states = ", ".join(f"{n} {s}" for s, n in sorted(loader.counts.items()))
    p = loader.placements
    print(f"made {len(entries)} applications as {len(loader.keys)} people ({states}); "
          f"placements: {p['active']} active, {p['completed']} completed, "
          f"{p['ended_early']} ended early, {p['payment_choices']} payment choices")
    return 0


if __name__ == "__main__":
    sys.exit(main())
