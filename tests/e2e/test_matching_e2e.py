#!/usr/bin/python3
"""End-to-end: a person and a body's own system against the REAL matching service.

Starts its own redis-server, the built cadre-registry and cadre-matching binaries (paths
from CADRE_REGISTRY_BIN and CADRE_MATCHING_BIN), with service keys in a temporary
directory as `make run` makes them, and talks to them through Python grpcio stubs:

  - a person signs up, signs in, edits their profile, answers equality monitoring,
    exports their data and erases themself, after which they can no longer sign in;
  - a body grants the person a DBS check and revokes it; it is refused where it must be
    (reading the person's profile, revoking another body's credential).
"""

import datetime
import json
import os
import sys
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
from google.protobuf import field_mask_pb2  # noqa: E402

TIMEOUT_S = 10
PASSWORD = "a long enough passphrase"
bearer = cadre_e2e.bearer


def date(d):
    return c.Date(year=d.year, month=d.month, day=d.day)


class MatchingE2E(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.stack = cadre_e2e.MatchingStack(REGISTRY_BIN, MATCHING_BIN)
        cls.stub = m_grpc.MatchingStub(cls.stack.matching.channel)
        cls.admin = cls.stack.admin
        cls.body_key = cls.stack.new_body("RJ1", c.REGION_LONDON)
        cls.other_body_key = cls.stack.new_body("QOP", c.REGION_LONDON)

    @classmethod
    def tearDownClass(cls):
        cls.stack.stop()

    def sign_up(self, email):
        request = m.SignUpRequest(email=email, password=PASSWORD)
        p = request.profile
        p.display_name = "Pat Example"
        p.date_of_birth.CopyFrom(c.Date(year=1980, month=2, day=29))
        p.region = c.REGION_NORTH_WEST
        p.lived_experience.extend(["diabetes", "carers"])
        p.skills.append("chairing")
        p.availability_hours_per_month = 6
        p.attendance = c.ATTENDANCE_MODE_REMOTE
        request.consent.privacy_notice_version = "2026-11"
        request.consent.processing_agreed = True
        return self.stub.SignUp(request, timeout=TIMEOUT_S)

    def code_of(self, call, *args, **kwargs):
        try:
            call(*args, timeout=TIMEOUT_S, **kwargs)
        except grpc.RpcError as e:
            return e.code()
        return grpc.StatusCode.OK

    def test_a_person_from_sign_up_to_erasure(self):
        signed_up = self.sign_up("Pat.Example@example.org")
        name = signed_up.applicant.name
        self.assertTrue(signed_up.key.startswith("cadre_"))

        signed_in = self.stub.SignIn(m.SignInRequest(email="pat.example@example.org",
                                                     password=PASSWORD), timeout=TIMEOUT_S)
        me = bearer(signed_in.key)
        mine = self.stub.GetMyProfile(m.GetMyProfileRequest(), metadata=me, timeout=TIMEOUT_S)
        self.assertEqual(mine.profile.display_name, "Pat Example")

        update = m.UpdateMyProfileRequest(etag=mine.etag,
                                          update_mask=field_mask_pb2.FieldMask(paths=["skills"]))
        update.profile.skills.extend(["chairing", "writing"])
        updated = self.stub.UpdateMyProfile(update, metadata=me, timeout=TIMEOUT_S)
        self.assertEqual(list(updated.profile.skills), ["chairing", "writing"])

        monitoring = m.EqualityMonitoring(ethnicity=m.EqualityMonitoring.ETHNICITY_MIXED,
                                          carer_status=m.EqualityMonitoring.CARER_STATUS_NO)
        self.stub.SetMyEqualityMonitoring(m.SetMyEqualityMonitoringRequest(monitoring=monitoring),
                                          metadata=me, timeout=TIMEOUT_S)

        # A body grants a DBS check by the person's applicant id.
        today = datetime.date.today()
        dbs = m.Credential(kind="dbs-enhanced",
                           issue_date=date(today - datetime.timedelta(days=30)),
                           expiry_date=date(today + datetime.timedelta(days=700)))
        granted = self.stub.GrantCredential(m.GrantCredentialRequest(applicant=name, credential=dbs),
                                            metadata=bearer(self.body_key), timeout=TIMEOUT_S)
        self.assertEqual(granted.status, m.CREDENTIAL_STATUS_VALID)
        self.assertEqual(granted.granted_by, "bodies/RJ1")
        held = self.stub.ListCredentials(m.ListCredentialsRequest(), metadata=me, timeout=TIMEOUT_S)
        self.assertEqual([x.kind for x in held.credentials], ["dbs-enhanced"])

        # Refused where it must be: a body reads no profile, nor revokes another's grant.
        self.assertEqual(self.code_of(self.stub.GetApplicant, m.GetApplicantRequest(name=name),
                                      metadata=bearer(self.body_key)),
                         grpc.StatusCode.PERMISSION_DENIED)
        self.assertEqual(self.code_of(self.stub.RevokeCredential,
                                      m.RevokeCredentialRequest(name=granted.name, reason="test"),
                                      metadata=bearer(self.other_body_key)),
                         grpc.StatusCode.NOT_FOUND)
        other = self.stub.ListCredentials(m.ListCredentialsRequest(applicant=name),
                                          metadata=bearer(self.other_body_key), timeout=TIMEOUT_S)
        self.assertEqual(len(other.credentials), 0)
        revoked = self.stub.RevokeCredential(
            m.RevokeCredentialRequest(name=granted.name, reason="checked in error"),
            metadata=bearer(self.body_key), timeout=TIMEOUT_S)
        self.assertEqual(revoked.status, m.CREDENTIAL_STATUS_REVOKED)

        exported = json.loads(self.stub.ExportMyData(m.ExportMyDataRequest(), metadata=me,
                                                     timeout=TIMEOUT_S).json)
        self.assertEqual(exported["applicant"]["email"], "pat.example@example.org")
        self.assertEqual(exported["equality_monitoring"]["ethnicity"], "ETHNICITY_MIXED")
        self.assertEqual(len(exported["credentials"]), 1)
        self.assertGreaterEqual(len(exported["registry"]["keys"]), 2)  # sign-up and sign-in
        self.assertNotIn("password", json.dumps(exported).lower().replace("password_", ""))

        self.stub.EraseApplicant(m.EraseApplicantRequest(applicant=name), metadata=me,
                                 timeout=TIMEOUT_S)
        self.assertEqual(self.code_of(self.stub.SignIn, m.SignInRequest(
            email="pat.example@example.org", password=PASSWORD)),
            grpc.StatusCode.UNAUTHENTICATED)
        cadre_e2e.wait_for("the erased person's key to stop working", lambda: self.code_of(
            self.stub.GetMyProfile, m.GetMyProfileRequest(), metadata=me)
            == grpc.StatusCode.UNAUTHENTICATED, 15)

    def test_bad_input_is_refused_naming_the_field(self):
        request = m.SignUpRequest(email="not-an-email", password=PASSWORD)
        try:
            self.stub.SignUp(request, timeout=TIMEOUT_S)
            self.fail("accepted a malformed email")
        except grpc.RpcError as e:
            self.assertEqual(e.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual(self.code_of(self.stub.GetMyProfile, m.GetMyProfileRequest()),
                         grpc.StatusCode.UNAUTHENTICATED)
        self.assertEqual(self.code_of(self.stub.GetContact, m.GetContactRequest(
            applicant="applicants/aaaaaaaaaaaaaaaa"), metadata=self.admin),
            grpc.StatusCode.PERMISSION_DENIED)


if __name__ == "__main__":
    unittest.main()
