// The staff roles, checked by the matching service itself over gRPC: a viewer reads all
// its body may (applications, rankings, placements, figures, the credentials it granted)
// and changes nothing; a recruiter and a manager move applications, end placements and
// grant and revoke credentials; another body's staff, whatever their role, see nothing of
// this body's applicants. Every change names the staff member in its audit entry and
// event, while a credential stays the body's: granted_by "bodies/RXF".
//
// The staff keys are made in the test's Redis as SignInStaff makes them: a body's key with
// the member's staff id and role.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/api_keys.h"
#include "tests/matching/integration/one_role_fixture.h"
#include "tests/support/status_matchers.h"

namespace cadre::testing {
namespace {

namespace v1 = cadre::v1;

constexpr char kManagerId[] = "1111111111111111";
constexpr char kRecruiterId[] = "2222222222222222";
constexpr char kViewerId[] = "3333333333333333";
constexpr char kViewerWords[] = "a viewer may look but not change anything";

class StaffRulesTest : public OneRoleTest {
 protected:
  void SetUp() override {
    OneRoleTest::SetUp();
    manager_ = Staff("RXF", kManagerId, StaffRole::kManager);
    recruiter_ = Staff("RXF", kRecruiterId, StaffRole::kRecruiter);
    viewer_ = Staff("RXF", kViewerId, StaffRole::kViewer);
  }

  // A signed-in member of body `code`'s staff: their key's secret.
  std::string Staff(const std::string& code, const std::string& staff_id, StaffRole role) {
    ApiKeyStore store(&h().redis());
    absl::StatusOr<IssuedKey> issued =
        store.Create(NewKey{PrincipalKind::kBody, code, "signed in",
                            h().clock().Now() + absl::Hours(12), staff_id, role},
                     "admin", h().clock().Now());
    EXPECT_TRUE(issued.ok()) << issued.status();
    return issued.ok() ? issued->secret : "";
  }

  // A person's application to role_, shortlisted and offered by the body and accepted: its
  // placement.
  std::string Placement(const std::string& email) {
    const v1::SignUpResponse person = h().SignUp(email);
    const v1::Application app = h().Apply(person.key(), role_);
    v1::Application out;
    EXPECT_TRUE(h().Move(body_key_, app.name(), v1::APPLICATION_STATE_SHORTLISTED, &out).ok());
    EXPECT_TRUE(h().Move(body_key_, app.name(), v1::APPLICATION_STATE_OFFERED, &out).ok());
    EXPECT_TRUE(h().Move(person.key(), app.name(), v1::APPLICATION_STATE_ACCEPTED, &out).ok());
    return out.placement();
  }
  grpc::Status End(const std::string& key, const std::string& placement, v1::PlacementState to) {
    v1::EndPlacementRequest request;
    request.set_name(placement);
    request.set_state(to);
    if (to == v1::PLACEMENT_STATE_ENDED_EARLY) request.set_reason("the group has stopped meeting");
    v1::Placement out;
    return h().stub().EndPlacement(CallContext(key).get(), request, &out);
  }
  grpc::Status Grant(const std::string& key, v1::Credential* out) {
    v1::GrantCredentialRequest request;
    request.set_applicant(person_.applicant().name());
    v1::Credential& credential = *request.mutable_credential();
    credential.set_kind("dbs-enhanced");
    credential.mutable_issue_date()->set_year(2026);
    credential.mutable_issue_date()->set_month(6);
    credential.mutable_issue_date()->set_day(1);
    credential.mutable_expiry_date()->set_year(2028);
    credential.mutable_expiry_date()->set_month(6);
    credential.mutable_expiry_date()->set_day(1);
    return h().stub().GrantCredential(CallContext(key).get(), request, out);
  }
  grpc::Status Revoke(const std::string& key, const std::string& credential, v1::Credential* out) {
    v1::RevokeCredentialRequest request;
    request.set_name(credential);
    request.set_reason("checked in error");
    return h().stub().RevokeCredential(CallContext(key).get(), request, out);
  }
  v1::ListCredentialsResponse Credentials(const std::string& key) {
    v1::ListCredentialsRequest request;
    request.set_applicant(person_.applicant().name());
    v1::ListCredentialsResponse out;
    EXPECT_TRUE(h().stub().ListCredentials(CallContext(key).get(), request, &out).ok());
    return out;
  }
  // The matching service's stream `key` (matching:audit, matching:events), oldest first.
  std::vector<StreamEntry> Stream(const std::string& key) {
    absl::StatusOr<RedisReply> reply = h().redis().Command({"XRANGE", key, "-", "+"});
    EXPECT_TRUE(reply.ok());
    absl::StatusOr<std::vector<StreamEntry>> entries = ParseStreamEntries(*reply);
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<StreamEntry>();
  }
  // The last audit entry and event about `resource`.
  StreamEntry LastAudit(const std::string& resource) {
    StreamEntry last;
    for (StreamEntry& e : Stream("matching:audit")) {
      if (e.Field("resource") == resource) last = std::move(e);
    }
    return last;
  }
  v1::MatchingEvent LastEvent(const std::string& resource) {
    v1::MatchingEvent last;
    for (const StreamEntry& e : Stream("matching:events")) {
      v1::MatchingEvent event;
      if (event.ParseFromString(std::string(e.Field("pb"))) && event.resource() == resource) {
        last = event;
      }
    }
    return last;
  }

  std::string manager_;
  std::string recruiter_;
  std::string viewer_;
};

TEST_F(StaffRulesTest, AViewerReadsAllItsBodyMayAndChangesNothing) {
  const v1::Application app = h().Apply(person_.key(), role_);
  const std::string placement = Placement("bo@example.org");
  v1::Credential granted;
  CADRE_ASSERT_OK(Grant(body_key_, &granted));

  v1::Application moved;
  EXPECT_THAT(h().Move(viewer_, app.name(), v1::APPLICATION_STATE_ACKNOWLEDGED, &moved),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED, kViewerWords));
  EXPECT_THAT(h().Move(viewer_, app.name(), v1::APPLICATION_STATE_SHORTLISTED, &moved),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED, kViewerWords));
  EXPECT_THAT(h().Move(viewer_, app.name(), v1::APPLICATION_STATE_UNSUCCESSFUL, &moved,
                       v1::UNSUCCESSFUL_REASON_NOT_SHORTLISTED),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED, kViewerWords));
  EXPECT_THAT(End(viewer_, placement, v1::PLACEMENT_STATE_COMPLETED),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED, kViewerWords));
  EXPECT_THAT(End(viewer_, placement, v1::PLACEMENT_STATE_ENDED_EARLY),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED, kViewerWords));
  v1::Credential out;
  EXPECT_THAT(Grant(viewer_, &out), StatusIs(grpc::StatusCode::PERMISSION_DENIED, kViewerWords));
  EXPECT_THAT(Revoke(viewer_, granted.name(), &out),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED, kViewerWords));
  // Nothing changed.
  EXPECT_EQ(h().Read(app.name()).state(), v1::APPLICATION_STATE_SUBMITTED);
  v1::GetPlacementRequest get_placement;
  get_placement.set_name(placement);
  v1::Placement held;
  CADRE_ASSERT_OK(h().stub().GetPlacement(CallContext(viewer_).get(), get_placement, &held));
  EXPECT_EQ(held.state(), v1::PLACEMENT_STATE_ACTIVE);
  const v1::ListCredentialsResponse seen = Credentials(viewer_);
  ASSERT_EQ(seen.credentials_size(), 1);  // the body's credential, though the viewer's key
  EXPECT_EQ(seen.credentials(0).status(), v1::CREDENTIAL_STATUS_VALID);

  // Every read of the body's.
  v1::GetApplicationRequest get;
  get.set_name(app.name());
  CADRE_EXPECT_OK(h().stub().GetApplication(CallContext(viewer_).get(), get, &moved));
  v1::ListApplicationsRequest list;
  v1::ListApplicationsResponse listed;
  list.set_role(role_);
  CADRE_EXPECT_OK(h().stub().ListApplications(CallContext(viewer_).get(), list, &listed));
  EXPECT_EQ(listed.applications_size(), 2);
  list.Clear();  // the body's own, as its key would have them
  CADRE_EXPECT_OK(h().stub().ListApplications(CallContext(viewer_).get(), list, &listed));
  EXPECT_EQ(listed.applications_size(), 2);
  v1::RankApplicantsRequest rank;
  rank.set_role(role_);
  v1::RankApplicantsResponse ranked;
  CADRE_ASSERT_OK(h().stub().RankApplicants(CallContext(viewer_).get(), rank, &ranked));
  ASSERT_EQ(ranked.applicants_size(), 1);  // the live one
  EXPECT_EQ(ranked.applicants(0).score().parts_size(), 6);
  v1::ListPlacementsRequest placements;
  placements.set_role(role_);
  v1::ListPlacementsResponse placed;
  CADRE_EXPECT_OK(h().stub().ListPlacements(CallContext(viewer_).get(), placements, &placed));
  EXPECT_EQ(placed.placements_size(), 1);
  v1::GetBodyFiguresRequest figures;
  figures.set_body("bodies/RXF");
  v1::BodyFigures body_figures;
  CADRE_EXPECT_OK(h().stub().GetBodyFigures(CallContext(viewer_).get(), figures, &body_figures));
  v1::GetBodyEqualityCountsRequest equality;
  v1::EqualityCounts counts;
  CADRE_EXPECT_OK(h().stub().GetBodyEqualityCounts(CallContext(viewer_).get(), equality, &counts));
}

TEST_F(StaffRulesTest, ARecruiterMovesApplicationsAndEndsPlacementsNamedInTheAudit) {
  const v1::Application app = h().Apply(person_.key(), role_);
  v1::Application out;
  CADRE_ASSERT_OK(h().Move(recruiter_, app.name(), v1::APPLICATION_STATE_ACKNOWLEDGED, &out));
  const std::string recruiter = absl::StrCat("bodies/RXF/staff/", kRecruiterId);
  StreamEntry audit = LastAudit(app.name());
  EXPECT_EQ(audit.Field("action"), "application-acknowledged");
  EXPECT_EQ(audit.Field("actor"), recruiter);
  v1::MatchingEvent event = LastEvent(app.name());
  EXPECT_EQ(event.type(), v1::MatchingEvent::APPLICATION_MOVED);
  EXPECT_EQ(event.actor(), recruiter);

  CADRE_ASSERT_OK(h().Move(recruiter_, app.name(), v1::APPLICATION_STATE_SHORTLISTED, &out));
  CADRE_ASSERT_OK(h().Move(manager_, app.name(), v1::APPLICATION_STATE_OFFERED, &out));
  EXPECT_EQ(LastAudit(app.name()).Field("actor"), absl::StrCat("bodies/RXF/staff/", kManagerId));
  CADRE_ASSERT_OK(h().Move(person_.key(), app.name(), v1::APPLICATION_STATE_ACCEPTED, &out));
  CADRE_ASSERT_OK(End(recruiter_, out.placement(), v1::PLACEMENT_STATE_COMPLETED));
  audit = LastAudit(out.placement());
  EXPECT_EQ(audit.Field("action"), "placement-completed");
  EXPECT_EQ(audit.Field("actor"), recruiter);
  EXPECT_EQ(LastEvent(out.placement()).actor(), recruiter);

  // Another's application turned down (while the role is open), then the role's second
  // and last place taken and ended early.
  const v1::SignUpResponse cy = h().SignUp("cy@example.org");
  const v1::Application turned = h().Apply(cy.key(), role_);
  CADRE_EXPECT_OK(h().Move(recruiter_, turned.name(), v1::APPLICATION_STATE_UNSUCCESSFUL, &out,
                           v1::UNSUCCESSFUL_REASON_NOT_SHORTLISTED));
  EXPECT_EQ(h().Read(turned.name()).state(), v1::APPLICATION_STATE_UNSUCCESSFUL);
  EXPECT_EQ(LastAudit(turned.name()).Field("actor"), recruiter);
  const std::string placement = Placement("bo@example.org");
  CADRE_EXPECT_OK(End(manager_, placement, v1::PLACEMENT_STATE_ENDED_EARLY));
  EXPECT_EQ(LastAudit(placement).Field("actor"), absl::StrCat("bodies/RXF/staff/", kManagerId));
}

TEST_F(StaffRulesTest, ACredentialARecruiterGrantsIsTheBodysAndItsManagerRevokesIt) {
  v1::Credential granted;
  CADRE_ASSERT_OK(Grant(recruiter_, &granted));
  EXPECT_EQ(granted.granted_by(), "bodies/RXF");
  const StreamEntry audit = LastAudit(granted.name());
  EXPECT_EQ(audit.Field("action"), "grant-credential");
  EXPECT_EQ(audit.Field("actor"), absl::StrCat("bodies/RXF/staff/", kRecruiterId));
  EXPECT_EQ(LastEvent(granted.name()).actor(), absl::StrCat("bodies/RXF/staff/", kRecruiterId));

  // The body's key and all its staff see it; another body's do not.
  for (const std::string& key : {body_key_, manager_, viewer_}) {
    const v1::ListCredentialsResponse seen = Credentials(key);
    ASSERT_EQ(seen.credentials_size(), 1);
    EXPECT_EQ(seen.credentials(0).granted_by(), "bodies/RXF");
  }
  const std::string other = h().BodyWithKey("RYJ");
  EXPECT_EQ(Credentials(other).credentials_size(), 0);
  EXPECT_EQ(Credentials(Staff("RYJ", "4444444444444444", StaffRole::kManager)).credentials_size(),
            0);

  v1::Credential revoked;
  EXPECT_THAT(Revoke(other, granted.name(), &revoked), StatusIs(grpc::StatusCode::NOT_FOUND));
  CADRE_ASSERT_OK(Revoke(manager_, granted.name(), &revoked));
  EXPECT_EQ(revoked.status(), v1::CREDENTIAL_STATUS_REVOKED);
  EXPECT_EQ(revoked.granted_by(), "bodies/RXF");
  EXPECT_EQ(LastAudit(granted.name()).Field("action"), "revoke-credential");
  EXPECT_EQ(LastAudit(granted.name()).Field("actor"),
            absl::StrCat("bodies/RXF/staff/", kManagerId));
}

TEST_F(StaffRulesTest, AnotherBodysStaffSeeNothingOfThisBodysApplicants) {
  const v1::Application app = h().Apply(person_.key(), role_);
  const std::string placement = Placement("bo@example.org");
  v1::Credential granted;
  CADRE_ASSERT_OK(Grant(body_key_, &granted));
  h().BodyWithKey("RYJ");
  int n = 0;
  for (StaffRole role : {StaffRole::kManager, StaffRole::kRecruiter, StaffRole::kViewer}) {
    SCOPED_TRACE(StaffRoleName(role));
    const std::string other = Staff("RYJ", absl::StrCat("aaaaaaaaaaaaaaa", n++), role);
    const auto denied = StatusIs(grpc::StatusCode::PERMISSION_DENIED);
    v1::GetApplicationRequest get;
    get.set_name(app.name());
    v1::Application out;
    EXPECT_THAT(h().stub().GetApplication(CallContext(other).get(), get, &out), denied);
    EXPECT_THAT(h().Move(other, app.name(), v1::APPLICATION_STATE_ACKNOWLEDGED, &out), denied);
    v1::ListApplicationsRequest list;
    v1::ListApplicationsResponse listed;
    list.set_role(role_);
    EXPECT_THAT(h().stub().ListApplications(CallContext(other).get(), list, &listed), denied);
    list.Clear();
    list.set_body("bodies/RXF");
    EXPECT_THAT(h().stub().ListApplications(CallContext(other).get(), list, &listed), denied);
    list.Clear();  // their own body's: none of RXF's
    CADRE_EXPECT_OK(h().stub().ListApplications(CallContext(other).get(), list, &listed));
    EXPECT_EQ(listed.applications_size(), 0);
    v1::RankApplicantsRequest rank;
    rank.set_role(role_);
    v1::RankApplicantsResponse ranked;
    EXPECT_THAT(h().stub().RankApplicants(CallContext(other).get(), rank, &ranked), denied);
    v1::GetPlacementRequest get_placement;
    get_placement.set_name(placement);
    v1::Placement held;
    EXPECT_THAT(h().stub().GetPlacement(CallContext(other).get(), get_placement, &held), denied);
    EXPECT_THAT(End(other, placement, v1::PLACEMENT_STATE_COMPLETED), denied);
    v1::ListPlacementsRequest placements;
    placements.set_role(role_);
    v1::ListPlacementsResponse placed;
    EXPECT_THAT(h().stub().ListPlacements(CallContext(other).get(), placements, &placed), denied);
    v1::GetBodyEqualityCountsRequest equality;
    equality.set_body("bodies/RXF");
    v1::EqualityCounts counts;
    EXPECT_THAT(h().stub().GetBodyEqualityCounts(CallContext(other).get(), equality, &counts),
                denied);
    EXPECT_EQ(Credentials(other).credentials_size(), 0);
    v1::Credential revoked;
    // As the service answers another body: no such credential (a viewer is told first
    // that it changes nothing at all).
    EXPECT_THAT(Revoke(other, granted.name(), &revoked),
                StatusIs(role == StaffRole::kViewer ? grpc::StatusCode::PERMISSION_DENIED
                                                    : grpc::StatusCode::NOT_FOUND));
  }
  EXPECT_EQ(h().Read(app.name()).state(), v1::APPLICATION_STATE_SUBMITTED);
  EXPECT_EQ(Credentials(body_key_).credentials(0).status(), v1::CREDENTIAL_STATUS_VALID);
}

}  // namespace
}  // namespace cadre::testing
