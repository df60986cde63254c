// The staff roles, checked by the registry itself over gRPC: a viewer changes nothing and
// reads what its body reads; a recruiter changes the body's roles and avenues but not the
// body, its keys or its staff; a manager and the body's own key may do everything; another
// body's staff, whatever their role, change nothing of this one. Every change names the
// staff member who made it, and a body's write limit is the body's, staff and all.
//
// The staff keys are made in the test's Redis as SignInStaff makes them: a body's key with
// the member's staff id and role.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/api_keys.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/status_matchers.h"

namespace cadre::testing {
namespace {

using cadre::v1::Role;

constexpr char kManagerId[] = "1111111111111111";
constexpr char kRecruiterId[] = "2222222222222222";
constexpr char kViewerId[] = "3333333333333333";
constexpr char kViewerWords[] = "a viewer may look but not change anything";
constexpr char kManagerWords[] = "only a manager of the body's staff";

class StaffRulesTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    body_ = Key(NewKey{PrincipalKind::kBody, "RJ1", "systems", {}, "", StaffRole::kNone});
    manager_ = Staff("RJ1", kManagerId, StaffRole::kManager);
    recruiter_ = Staff("RJ1", kRecruiterId, StaffRole::kRecruiter);
    viewer_ = Staff("RJ1", kViewerId, StaffRole::kViewer);
  }

  cadre::v1::Registry::Stub& stub() { return harness_->stub(); }
  static std::unique_ptr<grpc::ClientContext> As(const std::string& key) {
    return RegistryHarness::Context(key);
  }

  IssuedKey Key(const NewKey& key) {
    ApiKeyStore store(&harness_->redis());
    absl::StatusOr<IssuedKey> issued = store.Create(key, "admin", harness_->clock().Now());
    EXPECT_TRUE(issued.ok()) << issued.status();
    return issued.ok() ? *issued : IssuedKey{};
  }
  // A signed-in member of body `code`'s staff: their key's secret.
  std::string Staff(const std::string& code, const std::string& staff_id, StaffRole role) {
    return Key(NewKey{PrincipalKind::kBody, code, "signed in",
                      harness_->clock().Now() + absl::Hours(12), staff_id, role})
        .secret;
  }

  Role Draft(const std::string& key) {
    cadre::v1::CreateRoleRequest request;
    *request.mutable_role() = ValidRole("RJ1", harness_->clock().Now());
    Role role;
    EXPECT_TRUE(stub().CreateRole(As(key).get(), request, &role).ok());
    return role;
  }
  grpc::Status Create(const std::string& key, const std::string& code, Role* out) {
    cadre::v1::CreateRoleRequest request;
    *request.mutable_role() = ValidRole(code, harness_->clock().Now());
    return stub().CreateRole(As(key).get(), request, out);
  }
  grpc::Status Update(const std::string& key, const std::string& name) {
    cadre::v1::UpdateRoleRequest request;
    request.mutable_role()->set_name(name);
    request.mutable_role()->set_title("Lay member, maternity safety group");
    request.mutable_update_mask()->add_paths("title");
    Role out;
    return stub().UpdateRole(As(key).get(), request, &out);
  }
  grpc::Status Publish(const std::string& key, const std::string& name) {
    cadre::v1::PublishRoleRequest request;
    request.set_name(name);
    Role out;
    return stub().PublishRole(As(key).get(), request, &out);
  }
  grpc::Status End(const std::string& key, const std::string& name, cadre::v1::RoleState to) {
    cadre::v1::CloseRoleRequest request;
    request.set_name(name);
    request.set_state(to);
    request.set_reason("no longer needed");
    Role out;
    return stub().CloseRole(As(key).get(), request, &out);
  }
  grpc::Status CreateAvenue(const std::string& key, cadre::v1::Avenue* out) {
    cadre::v1::CreateAvenueRequest request;
    cadre::v1::Avenue& avenue = *request.mutable_avenue();
    avenue.set_body("bodies/RJ1");
    avenue.set_kind(cadre::v1::AVENUE_KIND_PATIENT_PANEL);
    avenue.set_title("Patient panel");
    avenue.set_how_to_join("https://example.nhs.uk/panel");
    avenue.set_level(cadre::v1::INVOLVEMENT_LEVEL_2);
    avenue.mutable_location()->set_region(cadre::v1::REGION_LONDON);
    avenue.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_REMOTE);
    return stub().CreateAvenue(As(key).get(), request, out);
  }
  grpc::Status UpdateAvenue(const std::string& key, const std::string& name) {
    cadre::v1::UpdateAvenueRequest request;
    request.mutable_avenue()->set_name(name);
    request.mutable_avenue()->set_title("The trust's patient panel");
    request.mutable_update_mask()->add_paths("title");
    cadre::v1::Avenue out;
    return stub().UpdateAvenue(As(key).get(), request, &out);
  }
  grpc::Status DeleteAvenue(const std::string& key, const std::string& name) {
    cadre::v1::DeleteAvenueRequest request;
    request.set_name(name);
    cadre::v1::DeleteAvenueResponse out;
    return stub().DeleteAvenue(As(key).get(), request, &out);
  }
  grpc::Status UpdateBody(const std::string& key, const std::string& code) {
    cadre::v1::UpdateBodyRequest request;
    request.mutable_body()->set_name(absl::StrCat("bodies/", code));
    request.mutable_body()->set_website("https://www.example.nhs.uk/get-involved/");
    request.mutable_update_mask()->add_paths("website");
    cadre::v1::Body out;
    return stub().UpdateBody(As(key).get(), request, &out);
  }
  grpc::Status CreateKey(const std::string& key, const std::string& code,
                         cadre::v1::CreateApiKeyResponse* out) {
    cadre::v1::CreateApiKeyRequest request;
    request.set_kind(cadre::v1::PRINCIPAL_KIND_BODY);
    request.set_subject(absl::StrCat("bodies/", code));
    request.set_label("a new system");
    return stub().CreateApiKey(As(key).get(), request, out);
  }
  grpc::Status RevokeKey(const std::string& key, const std::string& key_id) {
    cadre::v1::RevokeApiKeyRequest request;
    request.set_key_id(key_id);
    cadre::v1::RevokeApiKeyResponse out;
    return stub().RevokeApiKey(As(key).get(), request, &out);
  }
  grpc::Status GetRole(const std::string& key, const std::string& name) {
    cadre::v1::GetRoleRequest request;
    request.set_name(name);
    Role out;
    return stub().GetRole(As(key).get(), request, &out);
  }
  int64_t Events() {
    absl::StatusOr<RedisReply> n = harness_->redis().Command({"XLEN", "registry:events"});
    EXPECT_TRUE(n.ok());
    return n.ok() ? n->integer : -1;
  }
  std::vector<StreamEntry> Stream(const std::string& key) {
    absl::StatusOr<RedisReply> reply = harness_->redis().Command({"XRANGE", key, "-", "+"});
    EXPECT_TRUE(reply.ok());
    absl::StatusOr<std::vector<StreamEntry>> entries = ParseStreamEntries(*reply);
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<StreamEntry>();
  }

  IssuedKey body_;
  std::string manager_;
  std::string recruiter_;
  std::string viewer_;
};

TEST_F(StaffRulesTest, AViewerReadsWhatItsBodyReadsAndChangesNothing) {
  const Role draft = Draft(body_.secret);
  const Role open = Draft(body_.secret);
  CADRE_ASSERT_OK(Publish(body_.secret, open.name()));
  cadre::v1::Avenue avenue;
  CADRE_ASSERT_OK(CreateAvenue(body_.secret, &avenue));
  const int64_t events = Events();

  Role role;
  cadre::v1::Avenue new_avenue;
  cadre::v1::CreateApiKeyResponse new_key;
  cadre::v1::ListSubjectKeysRequest list_keys;
  list_keys.set_kind(cadre::v1::PRINCIPAL_KIND_BODY);
  list_keys.set_subject("bodies/RJ1");
  cadre::v1::ListSubjectKeysResponse listed;
  cadre::v1::CreateRoleTypeRequest role_type;
  role_type.set_role_type_id("patient-panel-member");
  role_type.mutable_role_type()->set_title("Patient panel member");
  role_type.mutable_role_type()->set_level(cadre::v1::INVOLVEMENT_LEVEL_3);
  role_type.mutable_role_type()->mutable_typical_time()->set_hours_per_month(4);
  cadre::v1::RoleType new_type;
  const std::vector<std::pair<std::string, grpc::Status>> writes = {
      {"CreateRole", Create(viewer_, "RJ1", &role)},
      {"UpdateRole", Update(viewer_, draft.name())},
      {"PublishRole", Publish(viewer_, draft.name())},
      {"CloseRole", End(viewer_, open.name(), cadre::v1::ROLE_STATE_CLOSED)},
      {"CloseRole filled", End(viewer_, open.name(), cadre::v1::ROLE_STATE_FILLED)},
      {"CloseRole cancel", End(viewer_, draft.name(), cadre::v1::ROLE_STATE_CANCELLED)},
      {"CreateAvenue", CreateAvenue(viewer_, &new_avenue)},
      {"UpdateAvenue", UpdateAvenue(viewer_, avenue.name())},
      {"DeleteAvenue", DeleteAvenue(viewer_, avenue.name())},
      {"UpdateBody", UpdateBody(viewer_, "RJ1")},
      {"CreateApiKey", CreateKey(viewer_, "RJ1", &new_key)},
      {"RevokeApiKey", RevokeKey(viewer_, body_.key_id)},
      {"ListSubjectKeys", stub().ListSubjectKeys(As(viewer_).get(), list_keys, &listed)},
      {"CreateRoleType", stub().CreateRoleType(As(viewer_).get(), role_type, &new_type)},
  };
  for (const auto& [call, status] : writes) {
    EXPECT_THAT(status, StatusIs(grpc::StatusCode::PERMISSION_DENIED)) << call;
  }
  // The body's own calls say why.
  for (size_t i = 0; i < 12; ++i) {
    EXPECT_THAT(writes[i].second, StatusIs(grpc::StatusCode::PERMISSION_DENIED, kViewerWords))
        << writes[i].first;
  }
  EXPECT_EQ(Events(), events) << "a refused change announced something";
  CADRE_EXPECT_OK(GetRole(body_.secret, draft.name()));  // the body's key still works

  // Reads: the draft, the body's own listing of its drafts, the body, its avenue.
  CADRE_EXPECT_OK(GetRole(viewer_, draft.name()));
  cadre::v1::ListRolesRequest drafts;
  drafts.set_body("bodies/RJ1");
  drafts.set_state(cadre::v1::ROLE_STATE_DRAFT);
  cadre::v1::ListRolesResponse roles;
  CADRE_ASSERT_OK(stub().ListRoles(As(viewer_).get(), drafts, &roles));
  ASSERT_EQ(roles.roles_size(), 1);
  EXPECT_EQ(roles.roles(0).name(), draft.name());
  cadre::v1::GetBodyRequest get_body;
  get_body.set_name("bodies/RJ1");
  cadre::v1::Body body;
  CADRE_EXPECT_OK(stub().GetBody(As(viewer_).get(), get_body, &body));
  cadre::v1::GetAvenueRequest get_avenue;
  get_avenue.set_name(avenue.name());
  CADRE_EXPECT_OK(stub().GetAvenue(As(viewer_).get(), get_avenue, &new_avenue));
}

TEST_F(StaffRulesTest, ARecruiterRunsTheBodysRolesButNotTheBodyOrItsKeys) {
  Role role;
  CADRE_ASSERT_OK(Create(recruiter_, "RJ1", &role));
  CADRE_EXPECT_OK(Update(recruiter_, role.name()));
  CADRE_EXPECT_OK(Publish(recruiter_, role.name()));
  CADRE_EXPECT_OK(End(recruiter_, role.name(), cadre::v1::ROLE_STATE_CLOSED));
  const Role draft = Draft(body_.secret);
  CADRE_EXPECT_OK(End(recruiter_, draft.name(), cadre::v1::ROLE_STATE_CANCELLED));
  cadre::v1::Avenue avenue;
  CADRE_ASSERT_OK(CreateAvenue(recruiter_, &avenue));
  CADRE_EXPECT_OK(UpdateAvenue(recruiter_, avenue.name()));
  CADRE_EXPECT_OK(DeleteAvenue(recruiter_, avenue.name()));

  EXPECT_THAT(UpdateBody(recruiter_, "RJ1"),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED, kManagerWords));
  cadre::v1::CreateApiKeyResponse key;
  EXPECT_THAT(CreateKey(recruiter_, "RJ1", &key),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED, kManagerWords));
  EXPECT_THAT(RevokeKey(recruiter_, body_.key_id),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED, kManagerWords));
  CADRE_EXPECT_OK(GetRole(body_.secret, draft.name()));  // the body's key was not revoked
}

TEST_F(StaffRulesTest, AManagerMayDoAllTheBodysKeyMay) {
  Role role;
  CADRE_ASSERT_OK(Create(manager_, "RJ1", &role));
  CADRE_EXPECT_OK(Publish(manager_, role.name()));
  CADRE_EXPECT_OK(UpdateBody(manager_, "RJ1"));
  cadre::v1::CreateApiKeyResponse key;
  CADRE_ASSERT_OK(CreateKey(manager_, "RJ1", &key));
  Role made_with_it;
  CADRE_EXPECT_OK(Create(key.secret(), "RJ1", &made_with_it));  // the body's, not the manager's
  CADRE_EXPECT_OK(RevokeKey(manager_, key.key_id()));
  EXPECT_THAT(GetRole(key.secret(), made_with_it.name()),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  // A staff member's key too: the manager can take a recruiter's key away at once.
  const IssuedKey recruiter = Key(NewKey{
      PrincipalKind::kBody, "RJ1", "signed in", {}, "4444444444444444", StaffRole::kRecruiter});
  CADRE_EXPECT_OK(RevokeKey(manager_, recruiter.key_id));
  EXPECT_THAT(GetRole(recruiter.secret, role.name()), StatusIs(grpc::StatusCode::UNAUTHENTICATED));

  // Nothing of another body, and never a key of another kind.
  EXPECT_THAT(UpdateBody(manager_, "QOP"), StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(CreateKey(manager_, "QOP", &key), StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  cadre::v1::CreateApiKeyRequest admin;
  admin.set_kind(cadre::v1::PRINCIPAL_KIND_ADMIN);
  EXPECT_THAT(stub().CreateApiKey(As(manager_).get(), admin, &key),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
}

TEST_F(StaffRulesTest, AnotherBodysStaffChangeNothingOfThisBodyAndSeeNoDraft) {
  const Role draft = Draft(body_.secret);
  cadre::v1::Avenue avenue;
  CADRE_ASSERT_OK(CreateAvenue(body_.secret, &avenue));
  const int64_t events = Events();
  int n = 0;
  for (StaffRole role : {StaffRole::kManager, StaffRole::kRecruiter, StaffRole::kViewer}) {
    SCOPED_TRACE(StaffRoleName(role));
    const std::string other = Staff("QOP", absl::StrCat("aaaaaaaaaaaaaaa", n++), role);
    Role out;
    EXPECT_THAT(Create(other, "RJ1", &out), StatusIs(grpc::StatusCode::PERMISSION_DENIED));
    EXPECT_THAT(Update(other, draft.name()), StatusIs(grpc::StatusCode::PERMISSION_DENIED));
    EXPECT_THAT(Publish(other, draft.name()), StatusIs(grpc::StatusCode::PERMISSION_DENIED));
    EXPECT_THAT(End(other, draft.name(), cadre::v1::ROLE_STATE_CANCELLED),
                StatusIs(grpc::StatusCode::PERMISSION_DENIED));
    EXPECT_THAT(DeleteAvenue(other, avenue.name()), StatusIs(grpc::StatusCode::PERMISSION_DENIED));
    EXPECT_THAT(UpdateBody(other, "RJ1"), StatusIs(grpc::StatusCode::PERMISSION_DENIED));
    cadre::v1::CreateApiKeyResponse key;
    EXPECT_THAT(CreateKey(other, "RJ1", &key), StatusIs(grpc::StatusCode::PERMISSION_DENIED));
    EXPECT_THAT(RevokeKey(other, body_.key_id), StatusIs(grpc::StatusCode::PERMISSION_DENIED));
    // Another body's draft is not there for them at all.
    EXPECT_THAT(GetRole(other, draft.name()), StatusIs(grpc::StatusCode::NOT_FOUND));
  }
  EXPECT_EQ(Events(), events);
}

TEST_F(StaffRulesTest, EveryChangeNamesTheStaffMemberWhoMadeIt) {
  Role role;
  CADRE_ASSERT_OK(Create(recruiter_, "RJ1", &role));
  CADRE_ASSERT_OK(Publish(recruiter_, role.name()));
  const std::string recruiter = absl::StrCat("bodies/RJ1/staff/", kRecruiterId);
  std::vector<StreamEntry> events = Stream("registry:events");
  ASSERT_GE(events.size(), 2u);
  cadre::v1::RegistryEvent published;
  ASSERT_TRUE(published.ParseFromString(std::string(events.back().Field("pb"))));
  EXPECT_EQ(published.type(), cadre::v1::RegistryEvent::ROLE_PUBLISHED);
  EXPECT_EQ(published.actor(), recruiter);
  std::vector<StreamEntry> audit = Stream("registry:audit");
  ASSERT_GE(audit.size(), 2u);
  EXPECT_EQ(audit.back().Field("action"), "ROLE_PUBLISHED");
  EXPECT_EQ(audit.back().Field("actor"), recruiter);
  EXPECT_EQ(audit[audit.size() - 2].Field("action"), "ROLE_CREATED");
  EXPECT_EQ(audit[audit.size() - 2].Field("actor"), recruiter);

  CADRE_ASSERT_OK(UpdateBody(manager_, "RJ1"));
  EXPECT_EQ(Stream("registry:audit").back().Field("actor"),
            absl::StrCat("bodies/RJ1/staff/", kManagerId));
  cadre::v1::CreateApiKeyResponse key;
  CADRE_ASSERT_OK(CreateKey(manager_, "RJ1", &key));
  const std::vector<StreamEntry> keys = Stream("auth:audit");
  ASSERT_FALSE(keys.empty());
  EXPECT_EQ(keys.back().Field("action"), "key_created");
  EXPECT_EQ(keys.back().Field("key_id"), key.key_id());
  EXPECT_EQ(keys.back().Field("actor"), absl::StrCat("bodies/RJ1/staff/", kManagerId));
}

TEST_F(StaffRulesTest, ABodysWriteLimitCountsItsStaffWithIt) {
  RegistryHarness limited(redis_->options(), /*writes_per_minute=*/3);
  auto create = [&](const std::string& key, const std::string& code) {
    cadre::v1::CreateRoleRequest request;
    *request.mutable_role() = ValidRole(code, limited.clock().Now());
    Role out;
    return limited.stub().CreateRole(RegistryHarness::Context(key).get(), request, &out);
  };
  CADRE_EXPECT_OK(create(body_.secret, "RJ1"));
  CADRE_EXPECT_OK(create(recruiter_, "RJ1"));
  CADRE_EXPECT_OK(create(manager_, "RJ1"));
  // A fourth change this minute, by whichever of them: the body's limit is spent.
  EXPECT_THAT(create(recruiter_, "RJ1"), StatusIs(grpc::StatusCode::RESOURCE_EXHAUSTED));
  EXPECT_THAT(create(Staff("RJ1", "5555555555555555", StaffRole::kRecruiter), "RJ1"),
              StatusIs(grpc::StatusCode::RESOURCE_EXHAUSTED));
  EXPECT_THAT(create(body_.secret, "RJ1"), StatusIs(grpc::StatusCode::RESOURCE_EXHAUSTED));
  // Another body's is its own.
  CADRE_EXPECT_OK(create(Staff("QOP", "6666666666666666", StaffRole::kRecruiter), "QOP"));
}

}  // namespace
}  // namespace cadre::testing
