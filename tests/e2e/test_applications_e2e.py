#!/usr/bin/python3
"""End-to-end: applications and placements through the REAL matching service.

Starts its own redis-server and the built cadre-registry and cadre-matching binaries
(CADRE_REGISTRY_BIN, CADRE_MATCHING_BIN) with service keys as `make run` makes them; four
bodies post roles in the registry with their own keys, and Python grpcio clients act as
the people and as the bodies' systems:

  - a person applies; the body acknowledges, shortlists and offers; the person accepts,
    which makes a placement ("placements/{the application's id}"), chooses about the
    involvement payment, and the body completes the placement; another person ends
    theirs early, with a reason;
  - people withdraw and decline; a body turns people down, with a reason it may give;
  - refused where it must be: a body never sees another body's applicants (GetApplication,
    ListApplications, RankApplicants: PERMISSION_DENIED), nor one person another's;
  - GetScoringPolicy and GetBodyFigures answer with no key, each figure withheld ("<5")
    while fewer than 5 stand behind it;
  - a statement past 3,000 characters is INVALID_ARGUMENT naming the field;
  - the demo loaders (load_demo.py, load_applicants.py, then load_applications.py twice)
    leave applications in every state and placements, and the second run does nothing.

When every place of a role is accepted, matching asks the registry to mark the role
FILLED; no role here fills, and nothing here asserts FILLED.
"""

import collections
import datetime
import json
import os
import subprocess
import sys
import tempfile
import unittest

import grpc

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cadre_e2e  # noqa: E402

REGISTRY_BIN = os.environ.get("CADRE_REGISTRY_BIN", "")
MATCHING_BIN = os.environ.get("CADRE_MATCHING_BIN", "")
STUB_DIR = cadre_e2e.stub_dir()
from cadre.v1 import common_pb2 as c  # noqa: E402
from cadre.v1 import matching_pb2 as m  # noqa: E402
from cadre.v1 import matching_pb2_grpc as m_grpc  # noqa: E402
from cadre.v1 import registry_pb2 as r  # noqa: E402
from cadre.v1 import registry_pb2_grpc as r_grpc  # noqa: E402

TIMEOUT_S = 10
# A role just published reaches matching's view of open roles from the registry's events.
VIEW_DEADLINE_S = 15
PASSWORD = "a long enough passphrase"
DEMO = os.path.join(cadre_e2e.REPO, "scripts", "demo")
LOADER_TIMEOUT_S = 240
STATEMENT = "I have used the maternity unit twice and sit on a parents' group."
bearer = cadre_e2e.bearer


class ApplicationsE2E(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.stack = cadre_e2e.MatchingStack(REGISTRY_BIN, MATCHING_BIN)
        cls.stub = m_grpc.MatchingStub(cls.stack.matching.channel)
        cls.reg = r_grpc.RegistryStub(cls.stack.registry.channel)
        cls.admin = cls.stack.admin
        cls.people = 0
        # Body X (a London trust) posts a paid role and a voluntary one; body Y posts a
        # role too; bodies Z and W are for the figures.
        cls.x = bearer(cls.stack.new_body("RJ1", c.REGION_LONDON))
        cls.y = bearer(cls.stack.new_body("QOP", c.REGION_NORTH_WEST))
        cls.z = bearer(cls.stack.new_body("QRV", c.REGION_LONDON))
        cls.w = bearer(cls.stack.new_body("RTH", c.REGION_SOUTH_EAST))
        cls.paid_role = cls.role(cls.x, "bodies/RJ1", "Patient partner, maternity", 3,
                                 c.PAYMENT_KIND_INVOLVEMENT)
        cls.voluntary_role = cls.role(cls.x, "bodies/RJ1", "Reader panel, cardiology", 3,
                                      c.PAYMENT_KIND_NONE)
        cls.y_role = cls.role(cls.y, "bodies/QOP", "People's panel member", 5,
                              c.PAYMENT_KIND_NONE)
        cls.z_role = cls.role(cls.z, "bodies/QRV", "Focus group: travelling to hospital", 20,
                              c.PAYMENT_KIND_NONE)
        cls.w_role = cls.role(cls.w, "bodies/RTH", "Patient reader: surgery leaflets", 20,
                              c.PAYMENT_KIND_NONE)

    @classmethod
    def tearDownClass(cls):
        cls.stack.stop()

    @classmethod
    def role(cls, key, body, title, places, payment):
        """An OPEN role of `body`, posted and published with the body's own key."""
        rate = 1500 if payment == c.PAYMENT_KIND_INVOLVEMENT else 0  # pence an hour
        role = r.Role(
            body=body, title=title, summary="Bring people's experience to the group.",
            level=c.INVOLVEMENT_LEVEL_3, rung=c.ENGAGEMENT_RUNG_INVOLVE,
            time_commitment=c.TimeCommitment(hours_per_month=4, duration_months=12,
                                             pattern="monthly"),
            topics=["maternity"],
            location=c.Location(region=c.REGION_LONDON, mode=c.ATTENDANCE_MODE_REMOTE),
            support=c.SupportOffered(expenses_paid=True, payment=payment,
                                     rate_pence_per_hour=rate),
            places=places)
        role.closing_time.FromDatetime(datetime.datetime.utcnow() + datetime.timedelta(days=30))
        created = cls.reg.CreateRole(r.CreateRoleRequest(role=role), metadata=key,
                                     timeout=TIMEOUT_S)
        return cls.reg.PublishRole(r.PublishRoleRequest(name=created.name), metadata=key,
                                   timeout=TIMEOUT_S).name

    def person(self):
        """A new invented person, signed up by the admin (no per-address limit); their key."""
        type(self).people += 1
        n = type(self).people
        request = m.SignUpRequest(email="person.%d@example.org" % n, password=PASSWORD)
        p = request.profile
        p.display_name = "Person %d" % n
        p.date_of_birth.CopyFrom(c.Date(year=1975, month=6, day=1 + n % 28))
        p.region = c.REGION_LONDON
        p.lived_experience.append("maternity")
        p.availability_hours_per_month = 8
        p.max_concurrent_roles = 2
        p.attendance = c.ATTENDANCE_MODE_REMOTE
        request.consent.privacy_notice_version = "2026-11"
        request.consent.processing_agreed = True
        signed_up = self.stub.SignUp(request, metadata=self.admin, timeout=TIMEOUT_S)
        return bearer(signed_up.key), signed_up.applicant.name

    def apply(self, who, role, statement=STATEMENT):
        """Submits, waiting (bounded) for a role just published to reach matching's view."""
        def attempt():
            try:
                return (self.stub.SubmitApplication(
                    m.SubmitApplicationRequest(role=role, statement=statement),
                    metadata=who, timeout=TIMEOUT_S), None)
            except grpc.RpcError as e:
                if (e.code() == grpc.StatusCode.FAILED_PRECONDITION and
                        "is not open" in e.details()):
                    return None  # not in the view yet: asked again
                return (None, e)
        answer, error = cadre_e2e.wait_for("%s to reach matching's view" % role, attempt,
                                           VIEW_DEADLINE_S)
        if error is not None:
            raise error
        return answer

    def move(self, who, app, state, **fields):
        return self.stub.MoveApplication(m.MoveApplicationRequest(name=app.name, state=state,
                                                                  **fields),
                                         metadata=who, timeout=TIMEOUT_S)

    def refused(self, call, request, metadata=None):
        """The error a call ends with (fails the test if it succeeds)."""
        try:
            call(request, metadata=metadata, timeout=TIMEOUT_S)
        except grpc.RpcError as e:
            return e
        self.fail("%s succeeded" % type(request).__name__)

    def assertRefused(self, code, call, request, metadata=None, mentions=None):
        e = self.refused(call, request, metadata)
        self.assertEqual(e.code(), code, e.details())
        if mentions:
            self.assertIn(mentions, e.details())

    def test_an_application_from_submission_to_a_completed_placement(self):
        me, applicant = self.person()
        app = self.apply(me, self.paid_role)
        self.assertTrue(app.name.startswith("applications/"))
        self.assertEqual((app.applicant, app.role, app.body, app.state),
                         (applicant, self.paid_role, "bodies/RJ1", m.APPLICATION_STATE_SUBMITTED))
        self.assertEqual(app.next_step.owner, m.PARTY_BODY)
        self.assertTrue(app.HasField("acknowledge_by_time"))
        self.assertEqual(app.screening.total, len(app.screening.checks))

        # The body moves it on with its own key; each step is visible to the person.
        app = self.move(self.x, app, m.APPLICATION_STATE_ACKNOWLEDGED)
        self.assertTrue(app.HasField("acknowledge_time"))
        app = self.move(self.x, app, m.APPLICATION_STATE_SHORTLISTED)
        app = self.move(self.x, app, m.APPLICATION_STATE_OFFERED, note="We would be glad to "
                        "have you with us.")
        seen = self.stub.GetApplication(m.GetApplicationRequest(name=app.name), metadata=me,
                                        timeout=TIMEOUT_S)
        self.assertEqual(seen.state, m.APPLICATION_STATE_OFFERED)
        self.assertEqual(seen.next_step.owner, m.PARTY_APPLICANT)
        self.assertTrue(seen.HasField("reply_by_time"))
        self.assertEqual(seen.note, "We would be glad to have you with us.")
        # Accepting is the person's move, not the body's.
        self.assertRefused(grpc.StatusCode.FAILED_PRECONDITION, self.stub.MoveApplication,
                           m.MoveApplicationRequest(name=app.name,
                                                    state=m.APPLICATION_STATE_ACCEPTED),
                           self.x, mentions="offered and cannot become accepted")

        accepted = self.move(me, app, m.APPLICATION_STATE_ACCEPTED)
        self.assertEqual(accepted.state, m.APPLICATION_STATE_ACCEPTED)
        self.assertEqual(accepted.placement,
                         "placements/" + app.name[len("applications/"):])
        placement = self.stub.GetPlacement(m.GetPlacementRequest(name=accepted.placement),
                                           metadata=me, timeout=TIMEOUT_S)
        self.assertEqual((placement.state, placement.applicant, placement.role),
                         (m.PLACEMENT_STATE_ACTIVE, applicant, self.paid_role))
        self.assertTrue(placement.payment_offered)
        self.assertEqual(placement.payment_choice, m.PAYMENT_CHOICE_UNSPECIFIED)

        # The payment choice is the leader's; completing is the body's.
        choice = m.SetPaymentChoiceRequest(name=placement.name,
                                           choice=m.PAYMENT_CHOICE_EXPENSES_ONLY)
        self.assertRefused(grpc.StatusCode.PERMISSION_DENIED, self.stub.SetPaymentChoice,
                           choice, self.x)
        chosen = self.stub.SetPaymentChoice(choice, metadata=me, timeout=TIMEOUT_S)
        self.assertEqual(chosen.payment_choice, m.PAYMENT_CHOICE_EXPENSES_ONLY)
        self.assertTrue(chosen.HasField("payment_choice_time"))
        complete = m.EndPlacementRequest(name=placement.name, state=m.PLACEMENT_STATE_COMPLETED)
        self.assertRefused(grpc.StatusCode.PERMISSION_DENIED, self.stub.EndPlacement,
                           complete, me)
        done = self.stub.EndPlacement(complete, metadata=self.x, timeout=TIMEOUT_S)
        self.assertEqual(done.state, m.PLACEMENT_STATE_COMPLETED)
        self.assertTrue(done.HasField("end_time"))

        mine = self.stub.ListPlacements(m.ListPlacementsRequest(), metadata=me,
                                        timeout=TIMEOUT_S)
        self.assertEqual([p.name for p in mine.placements], [placement.name])
        body_side = self.stub.ListPlacements(m.ListPlacementsRequest(role=self.paid_role),
                                             metadata=self.x, timeout=TIMEOUT_S)
        self.assertIn(placement.name, [p.name for p in body_side.placements])

    def test_a_leader_ends_a_placement_early_with_a_reason(self):
        me, _ = self.person()
        app = self.apply(me, self.voluntary_role)
        for state in (m.APPLICATION_STATE_ACKNOWLEDGED, m.APPLICATION_STATE_SHORTLISTED,
                      m.APPLICATION_STATE_OFFERED):
            app = self.move(self.x, app, state)
        placement = self.move(me, app, m.APPLICATION_STATE_ACCEPTED).placement
        # No payment offered: nothing to choose about.
        self.assertRefused(grpc.StatusCode.FAILED_PRECONDITION, self.stub.SetPaymentChoice,
                           m.SetPaymentChoiceRequest(name=placement,
                                                     choice=m.PAYMENT_CHOICE_TAKE_PAYMENT), me)
        self.assertRefused(grpc.StatusCode.INVALID_ARGUMENT, self.stub.EndPlacement,
                           m.EndPlacementRequest(name=placement,
                                                 state=m.PLACEMENT_STATE_ENDED_EARLY), me,
                           mentions="reason")
        ended = self.stub.EndPlacement(m.EndPlacementRequest(
            name=placement, state=m.PLACEMENT_STATE_ENDED_EARLY,
            reason="I am moving away and can no longer attend."), metadata=me, timeout=TIMEOUT_S)
        self.assertEqual((ended.state, ended.ended_by),
                         (m.PLACEMENT_STATE_ENDED_EARLY, "applicant"))
        self.assertRefused(grpc.StatusCode.FAILED_PRECONDITION, self.stub.EndPlacement,
                           m.EndPlacementRequest(name=placement,
                                                 state=m.PLACEMENT_STATE_COMPLETED), self.x,
                           mentions="ended early")

    def test_withdraw_decline_and_turn_down_with_a_reason(self):
        me, _ = self.person()
        withdrawn = self.move(me, self.apply(me, self.paid_role), m.APPLICATION_STATE_WITHDRAWN)
        self.assertEqual(withdrawn.state, m.APPLICATION_STATE_WITHDRAWN)
        self.assertTrue(withdrawn.HasField("close_time"))
        self.assertEqual(withdrawn.next_step.owner, m.PARTY_UNSPECIFIED)
        # A withdrawn application moves no more; the message names both states.
        self.assertRefused(grpc.StatusCode.FAILED_PRECONDITION, self.stub.MoveApplication,
                           m.MoveApplicationRequest(name=withdrawn.name,
                                                    state=m.APPLICATION_STATE_SHORTLISTED),
                           self.x, mentions="withdrawn and cannot become shortlisted")

        offered = self.apply(me, self.voluntary_role)
        # The person cannot acknowledge their own application; the body cannot withdraw it.
        self.assertRefused(grpc.StatusCode.FAILED_PRECONDITION, self.stub.MoveApplication,
                           m.MoveApplicationRequest(name=offered.name,
                                                    state=m.APPLICATION_STATE_ACKNOWLEDGED), me)
        self.assertRefused(grpc.StatusCode.FAILED_PRECONDITION, self.stub.MoveApplication,
                           m.MoveApplicationRequest(name=offered.name,
                                                    state=m.APPLICATION_STATE_WITHDRAWN), self.x)
        for state in (m.APPLICATION_STATE_SHORTLISTED, m.APPLICATION_STATE_OFFERED):
            offered = self.move(self.x, offered, state)
        declined = self.move(me, offered, m.APPLICATION_STATE_DECLINED)
        self.assertEqual(declined.state, m.APPLICATION_STATE_DECLINED)

        other, _ = self.person()
        app = self.apply(other, self.paid_role)
        turn_down = dict(state=m.APPLICATION_STATE_UNSUCCESSFUL)
        self.assertRefused(grpc.StatusCode.INVALID_ARGUMENT, self.stub.MoveApplication,
                           m.MoveApplicationRequest(name=app.name, **turn_down), self.x,
                           mentions="reason")
        # Filling or closing the role answers its applications by itself: not a body's reason.
        self.assertRefused(grpc.StatusCode.INVALID_ARGUMENT, self.stub.MoveApplication,
                           m.MoveApplicationRequest(name=app.name,
                                                    reason=m.UNSUCCESSFUL_REASON_ROLE_FILLED,
                                                    **turn_down), self.x, mentions="reason")
        unsuccessful = self.move(self.x, app, reason=m.UNSUCCESSFUL_REASON_NOT_SHORTLISTED,
                                 note="We had many strong applications.", **turn_down)
        seen = self.stub.GetApplication(m.GetApplicationRequest(name=app.name), metadata=other,
                                        timeout=TIMEOUT_S)
        self.assertEqual((seen.state, seen.unsuccessful_reason, seen.note),
                         (m.APPLICATION_STATE_UNSUCCESSFUL,
                          m.UNSUCCESSFUL_REASON_NOT_SHORTLISTED,
                          "We had many strong applications."))
        # Turned down straight from submitted: acknowledged by the same move.
        self.assertTrue(unsuccessful.HasField("acknowledge_time"))

        listed = self.stub.ListApplications(m.ListApplicationsRequest(), metadata=me,
                                            timeout=TIMEOUT_S)
        self.assertEqual(sorted(a.state for a in listed.applications),
                         sorted([m.APPLICATION_STATE_WITHDRAWN, m.APPLICATION_STATE_DECLINED]))

    def test_a_body_never_sees_another_bodys_applicants(self):
        me, applicant = self.person()
        app = self.apply(me, self.paid_role)
        denied = grpc.StatusCode.PERMISSION_DENIED
        self.assertRefused(denied, self.stub.GetApplication,
                           m.GetApplicationRequest(name=app.name), self.y)
        self.assertRefused(denied, self.stub.ListApplications,
                           m.ListApplicationsRequest(role=self.paid_role), self.y)
        self.assertRefused(denied, self.stub.ListApplications,
                           m.ListApplicationsRequest(body="bodies/RJ1"), self.y)
        self.assertRefused(denied, self.stub.ListApplications,
                           m.ListApplicationsRequest(applicant=applicant), self.y)
        self.assertRefused(denied, self.stub.RankApplicants,
                           m.RankApplicantsRequest(role=self.paid_role), self.y)
        self.assertRefused(denied, self.stub.MoveApplication,
                           m.MoveApplicationRequest(name=app.name,
                                                    state=m.APPLICATION_STATE_ACKNOWLEDGED),
                           self.y)
        self.assertRefused(denied, self.stub.GetBodyEqualityCounts,
                           m.GetBodyEqualityCountsRequest(body="bodies/RJ1"), self.y)
        self.assertRefused(grpc.StatusCode.UNAUTHENTICATED, self.stub.GetApplication,
                           m.GetApplicationRequest(name=app.name))
        # Y's own lists hold none of X's.
        own = self.stub.ListApplications(m.ListApplicationsRequest(), metadata=self.y,
                                         timeout=TIMEOUT_S)
        self.assertNotIn(app.name, [a.name for a in own.applications])
        self.assertTrue(all(a.body == "bodies/QOP" for a in own.applications))

        # X sees and ranks its own applicant, by display name, with a score.
        ranked = self.stub.RankApplicants(m.RankApplicantsRequest(role=self.paid_role),
                                          metadata=self.x, timeout=TIMEOUT_S)
        match = next(a for a in ranked.applicants if a.application.name == app.name)
        self.assertEqual(match.display_name.split()[0], "Person")
        self.assertAlmostEqual(match.score.total, sum(p.points for p in match.score.parts),
                               places=6)
        listed = self.stub.ListApplications(m.ListApplicationsRequest(role=self.paid_role),
                                            metadata=self.x, timeout=TIMEOUT_S)
        self.assertIn(app.name, [a.name for a in listed.applications])
        self.assertGreaterEqual(listed.awaiting_acknowledgement, 1)

    def test_an_applicant_never_sees_anothers_applications(self):
        a_key, a_name = self.person()
        b_key, _ = self.person()
        app = self.apply(a_key, self.y_role)
        denied = grpc.StatusCode.PERMISSION_DENIED
        self.assertRefused(denied, self.stub.GetApplication,
                           m.GetApplicationRequest(name=app.name), b_key)
        self.assertRefused(denied, self.stub.ListApplications,
                           m.ListApplicationsRequest(applicant=a_name), b_key)
        self.assertRefused(denied, self.stub.MoveApplication,
                           m.MoveApplicationRequest(name=app.name,
                                                    state=m.APPLICATION_STATE_WITHDRAWN), b_key)
        # Nor a role's or a body's lists, which are the body's.
        self.assertRefused(denied, self.stub.ListApplications,
                           m.ListApplicationsRequest(role=self.y_role), b_key)
        self.assertRefused(denied, self.stub.RankApplicants,
                           m.RankApplicantsRequest(role=self.y_role), b_key)
        theirs = self.stub.ListApplications(m.ListApplicationsRequest(), metadata=b_key,
                                            timeout=TIMEOUT_S)
        self.assertEqual(len(theirs.applications), 0)
        mine = self.stub.ListApplications(m.ListApplicationsRequest(), metadata=a_key,
                                          timeout=TIMEOUT_S)
        self.assertEqual([x.name for x in mine.applications], [app.name])
        self.assertEqual(mine.applications[0].statement, STATEMENT)

    def test_scoring_policy_and_body_figures_need_no_key(self):
        policy = self.stub.GetScoringPolicy(m.GetScoringPolicyRequest(), timeout=TIMEOUT_S)
        self.assertEqual([w.part for w in policy.weights],
                         ["lived_experience", "skills", "expertise", "availability",
                          "location", "spread"])
        self.assertAlmostEqual(policy.total_weight, sum(w.weight for w in policy.weights))
        self.assertTrue(all(w.description for w in policy.weights))

        # A body with no applications: nothing stands behind any figure.
        empty = self.stub.GetBodyFigures(m.GetBodyFiguresRequest(body="bodies/QOP"),
                                         timeout=TIMEOUT_S)
        self.assertEqual(empty.window_days, 90)
        self.assertTrue(empty.acknowledge_median_days.withheld)
        self.assertRefused(grpc.StatusCode.INVALID_ARGUMENT, self.stub.GetBodyFigures,
                           m.GetBodyFiguresRequest(body="QRV"), mentions="body")

        # Figures are cached for a while (a minute) after they are asked for, so each
        # body below is asked only once its applications are in.
        # Two applications acknowledged: withheld, shown "<5".
        for _ in range(2):
            app = self.apply(self.person()[0], self.z_role)
            self.move(self.z, app, m.APPLICATION_STATE_ACKNOWLEDGED)
        small = self.stub.GetBodyFigures(m.GetBodyFiguresRequest(body="bodies/QRV"),
                                         timeout=TIMEOUT_S)
        self.assertEqual(small.body, "bodies/QRV")
        for figure in (small.acknowledge_median_days, small.acknowledge_p90_days,
                       small.applications_per_role):
            self.assertTrue(figure.withheld)
            self.assertEqual((figure.shown, figure.value, figure.based_on), ("<5", 0, 0))
        self.assertEqual(small.decide_median_days.shown, "none")  # nothing decided

        # Five: shown.
        for _ in range(5):
            app = self.apply(self.person()[0], self.w_role)
            self.move(self.w, app, m.APPLICATION_STATE_ACKNOWLEDGED)
        figures = self.stub.GetBodyFigures(m.GetBodyFiguresRequest(body="bodies/RTH"),
                                           timeout=TIMEOUT_S)
        self.assertFalse(figures.acknowledge_median_days.withheld)
        self.assertEqual(figures.acknowledge_median_days.based_on, 5)
        self.assertTrue(figures.acknowledge_median_days.shown.endswith(" days"))
        self.assertEqual((figures.applications_per_role.shown,
                          figures.applications_per_role.based_on), ("5.0", 5))
        self.assertTrue(figures.decide_median_days.withheld)

    def test_a_too_long_statement_is_refused_naming_the_field(self):
        me, _ = self.person()
        too_long = "a" * 3001
        e = self.refused(self.stub.SubmitApplication,
                         m.SubmitApplicationRequest(role=self.y_role, statement=too_long), me)
        self.assertEqual(e.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertTrue(e.details().startswith("statement:"), e.details())
        self.assertNotIn(too_long[:50], e.details())  # the person's words are not echoed
        self.assertRefused(grpc.StatusCode.INVALID_ARGUMENT, self.stub.SubmitApplication,
                           m.SubmitApplicationRequest(role=self.y_role, statement=""), me,
                           mentions="statement")
        # The limit is in characters, not bytes: 3,000 two-byte characters are taken.
        taken = self.apply(me, self.y_role, "é" * 3000)
        self.assertEqual(len(taken.statement), 3000)
        mine = self.stub.ListApplications(m.ListApplicationsRequest(), metadata=me,
                                          timeout=TIMEOUT_S)
        self.assertEqual([a.name for a in mine.applications], [taken.name])  # no others


class DemoApplicationsE2E(unittest.TestCase):
    """scripts/demo/load_applications.py after the other demo loaders, on its own stack
    (the demo bodies' ODS codes would clash with the bodies above)."""

    @classmethod
    def setUpClass(cls):
        cls.stack = cadre_e2e.MatchingStack(REGISTRY_BIN, MATCHING_BIN)
        cls.stub = m_grpc.MatchingStub(cls.stack.matching.channel)
        cls.dir = tempfile.TemporaryDirectory(prefix="cadre-e2e-demo-")
        cls.files = {name: os.path.join(cls.dir.name, name)
                     for name in ("admin.key", "body-keys.json", "demo-accounts.json")}
        with open(os.open(cls.files["admin.key"], os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
            f.write(cls.stack.registry.admin_key + "\n")

    @classmethod
    def tearDownClass(cls):
        cls.stack.stop()
        cls.dir.cleanup()

    def load(self, script, *args):
        done = subprocess.run(
            [sys.executable, os.path.join(DEMO, script), "--admin_key_file",
             self.files["admin.key"], "--stubs", STUB_DIR, *args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            timeout=LOADER_TIMEOUT_S)
        self.assertEqual(done.returncode, 0, "%s: %s" % (script, done.stdout))
        return done.stdout

    def test_demo_applications_in_every_state_loaded_once(self):
        registry, matching = self.stack.registry.addr, self.stack.matching.addr
        self.load("load_demo.py", "--addr", registry, "--keys_out", self.files["body-keys.json"])
        self.load("load_applicants.py", "--matching", matching, "--count", "30",
                  "--body_keys", self.files["body-keys.json"],
                  "--accounts_out", self.files["demo-accounts.json"])
        args = ("--matching", matching, "--registry", registry,
                "--body_keys", self.files["body-keys.json"],
                "--accounts", self.files["demo-accounts.json"])
        first = self.load("load_applications.py", *args)
        self.assertIn("made 48 applications as 20 people", first)
        self.assertEqual(self.load("load_applications.py", *args).strip(),
                         "applications already present")

        admin = self.stack.admin
        with open(self.files["body-keys.json"]) as f:
            bodies = sorted(json.load(f))
        states, reasons, placements, choices = (collections.Counter() for _ in range(4))
        for body in bodies:
            apps = self.stub.ListApplications(m.ListApplicationsRequest(body=body, page_size=100),
                                              metadata=admin, timeout=TIMEOUT_S)
            states.update(a.state for a in apps.applications)
            reasons.update(a.unsuccessful_reason for a in apps.applications
                           if a.unsuccessful_reason)
            held = self.stub.ListPlacements(m.ListPlacementsRequest(body=body, page_size=100),
                                            metadata=admin, timeout=TIMEOUT_S)
            placements.update(p.state for p in held.placements)
            choices.update(p.payment_choice for p in held.placements if p.payment_offered)
        self.assertEqual(sum(states.values()), 48)
        self.assertEqual(set(states), set(m.ApplicationState.values()) -
                         {m.APPLICATION_STATE_UNSPECIFIED})
        self.assertEqual(set(reasons), {m.UNSUCCESSFUL_REASON_NOT_SHORTLISTED,
                                        m.UNSUCCESSFUL_REASON_NOT_SELECTED,
                                        m.UNSUCCESSFUL_REASON_REQUIREMENTS_NOT_MET,
                                        m.UNSUCCESSFUL_REASON_NO_DECISION_MADE})
        self.assertEqual(placements[m.PLACEMENT_STATE_COMPLETED], 1)
        self.assertEqual(placements[m.PLACEMENT_STATE_ENDED_EARLY], 1)
        self.assertEqual(sum(placements.values()), states[m.APPLICATION_STATE_ACCEPTED])
        self.assertTrue({m.PAYMENT_CHOICE_TAKE_PAYMENT, m.PAYMENT_CHOICE_EXPENSES_ONLY,
                         m.PAYMENT_CHOICE_DECLINE_PAYMENT} <= set(choices))


if __name__ == "__main__":
    unittest.main()
