// Bodies' staff accounts managed over gRPC: who may create, list, change and deactivate
// them, validation, idempotent creates, keys revoked at once, the audit trail, and the
// sweep that removes a deactivated account's email. Against the whole registry and a real
// redis-server.

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/registry/integration/staff_fixture.h"

namespace cadre::testing {
namespace {

using cadre::v1::STAFF_ROLE_MANAGER;
using cadre::v1::STAFF_ROLE_RECRUITER;
using cadre::v1::STAFF_ROLE_VIEWER;

class StaffAccountsTest : public StaffTest {
 protected:
  grpc::Status Update(const std::string& key, const cadre::v1::Staff& patch,
                      std::initializer_list<const char*> paths, const std::string& etag,
                      cadre::v1::Staff* out) {
    cadre::v1::UpdateStaffRequest request;
    *request.mutable_staff() = patch;
    for (const char* path : paths) request.mutable_update_mask()->add_paths(path);
    request.set_etag(etag);
    return stub().UpdateStaff(Ctx(key).get(), request, out);
  }
  grpc::Status Deactivate(const std::string& key, const std::string& name, const std::string& etag,
                          cadre::v1::Staff* out) {
    cadre::v1::DeactivateStaffRequest request;
    request.set_name(name);
    request.set_etag(etag);
    return stub().DeactivateStaff(Ctx(key).get(), request, out);
  }
  grpc::Status List(const std::string& key, const std::string& parent,
                    cadre::v1::ListStaffResponse* out, int page_size = 0,
                    const std::string& token = "", bool include_deactivated = false) {
    cadre::v1::ListStaffRequest request;
    request.set_parent(parent);
    request.set_page_size(page_size);
    request.set_page_token(token);
    request.set_include_deactivated(include_deactivated);
    return stub().ListStaff(Ctx(key).get(), request, out);
  }
  grpc::Status NewLink(const std::string& key, const std::string& name,
                       cadre::v1::StaffSetupLink* out) {
    cadre::v1::IssueStaffSetupLinkRequest request;
    request.set_name(name);
    return stub().IssueStaffSetupLink(Ctx(key).get(), request, out);
  }
  // The registry:audit entries as {actor, action, resource}.
  std::vector<std::array<std::string, 3>> Audit() {
    absl::StatusOr<RedisReply> reply =
        harness_->redis().Command({"XRANGE", "registry:audit", "-", "+"});
    EXPECT_TRUE(reply.ok()) << reply.status();
    std::vector<std::array<std::string, 3>> out;
    for (const RedisReply& entry : reply->elements) {
      std::array<std::string, 3> fields;
      const std::vector<RedisReply>& kv = entry.elements[1].elements;
      for (size_t i = 0; i + 1 < kv.size(); i += 2) {
        if (kv[i].str == "actor") fields[0] = kv[i + 1].str;
        if (kv[i].str == "action") fields[1] = kv[i + 1].str;
        if (kv[i].str == "resource") fields[2] = kv[i + 1].str;
      }
      out.push_back(fields);
    }
    return out;
  }
};

TEST_F(StaffAccountsTest, AManagerCreatesStaffAndTheAuditNamesThem) {
  cadre::v1::SignInStaffResponse manager =
      Member("Kim Lee", "kim@example.nhs.uk", STAFF_ROLE_MANAGER);
  cadre::v1::CreateStaffResponse made;
  CADRE_ASSERT_OK(TryCreate(manager.key(), "bodies/RJ1", "Lou Park", "lou@example.nhs.uk",
                            STAFF_ROLE_RECRUITER, &made));
  EXPECT_EQ(made.staff().created_by(), manager.staff().name());
  bool found = false;
  for (const auto& [actor, action, resource] : Audit()) {
    if (actor == manager.staff().name() && action == "STAFF_CREATED" &&
        resource == made.staff().name()) {
      found = true;
    }
    EXPECT_FALSE(absl::StrContains(actor, "@")) << "no email in the audit";
  }
  EXPECT_TRUE(found) << "an audit entry names " << manager.staff().name();
  EXPECT_TRUE(absl::StartsWith(manager.staff().name(), "bodies/RJ1/staff/"));
}

TEST_F(StaffAccountsTest, RecruitersViewersAndOtherBodiesAreRefused) {
  cadre::v1::SignInStaffResponse recruiter =
      Member("Mo Reid", "mo@example.nhs.uk", STAFF_ROLE_RECRUITER);
  cadre::v1::SignInStaffResponse viewer =
      Member("Nia Ross", "nia@example.nhs.uk", STAFF_ROLE_VIEWER);
  cadre::v1::CreateStaffResponse target =
      Create("Oli Sims", "oli@example.nhs.uk", STAFF_ROLE_VIEWER);
  const std::string& name = target.staff().name();
  for (const std::string& key : {recruiter.key(), viewer.key(), qop_key_}) {
    cadre::v1::CreateStaffResponse made;
    EXPECT_THAT(
        TryCreate(key, "bodies/RJ1", "Pat Quinn", "pat@example.nhs.uk", STAFF_ROLE_VIEWER, &made),
        StatusIs(grpc::StatusCode::PERMISSION_DENIED));
    cadre::v1::Staff out;
    cadre::v1::Staff patch;
    patch.set_name(name);
    patch.set_role(STAFF_ROLE_MANAGER);
    EXPECT_THAT(Update(key, patch, {"role"}, target.staff().etag(), &out),
                StatusIs(grpc::StatusCode::PERMISSION_DENIED));
    EXPECT_THAT(Deactivate(key, name, target.staff().etag(), &out),
                StatusIs(grpc::StatusCode::PERMISSION_DENIED));
    cadre::v1::ListStaffResponse listed;
    EXPECT_THAT(List(key, "bodies/RJ1", &listed), StatusIs(grpc::StatusCode::PERMISSION_DENIED));
    cadre::v1::StaffSetupLink link;
    EXPECT_THAT(NewLink(key, name, &link), StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  }
  // The recruiter's refused create made nothing.
  cadre::v1::ListStaffResponse listed;
  CADRE_ASSERT_OK(List(rj1_key_, "bodies/RJ1", &listed));
  EXPECT_EQ(listed.staff_size(), 3);
}

TEST_F(StaffAccountsTest, ValidationNamesTheFieldAndTheBodyMustExist) {
  cadre::v1::CreateStaffResponse out;
  EXPECT_THAT(TryCreate(rj1_key_, "bodies/RJ1", "Q", "q@example.nhs.uk", STAFF_ROLE_VIEWER, &out),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "staff.display_name: "));
  EXPECT_THAT(TryCreate(rj1_key_, "bodies/RJ1", "Quinn", "not-an-email", STAFF_ROLE_VIEWER, &out),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "staff.email: "));
  EXPECT_THAT(TryCreate(rj1_key_, "bodies/RJ1", "Quinn", "q@example.nhs.uk",
                        cadre::v1::STAFF_ROLE_UNSPECIFIED, &out),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "staff.role: "));
  EXPECT_THAT(TryCreate(rj1_key_, "RJ1", "Quinn", "q@example.nhs.uk", STAFF_ROLE_VIEWER, &out),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "parent: "));
  EXPECT_THAT(
      TryCreate(kAdminKey, "bodies/ZZZ9", "Quinn", "q@example.nhs.uk", STAFF_ROLE_VIEWER, &out),
      StatusIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(TryCreate(rj1_key_, "bodies/RJ1", "Quinn", "q@example.nhs.uk", STAFF_ROLE_VIEWER,
                        &out, "not ok!"),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "request_id: "));
  cadre::v1::Staff staff;
  EXPECT_THAT(GetStaff(rj1_key_, "bodies/RJ1/staff/XYZ", &staff),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "name: "));
  EXPECT_THAT(GetStaff(rj1_key_, "bodies/RJ1/staff/0123456789abcdef", &staff),
              StatusIs(grpc::StatusCode::NOT_FOUND));
}

TEST_F(StaffAccountsTest, AnEmailHoldsOneAccountAcrossBodiesUntilDeactivated) {
  cadre::v1::CreateStaffResponse first =
      Create("Rae Shaw", "rae@example.nhs.uk", STAFF_ROLE_VIEWER);
  cadre::v1::CreateStaffResponse out;
  EXPECT_THAT(
      TryCreate(qop_key_, "bodies/QOP", "Rae Shaw", " RAE@example.nhs.uk", STAFF_ROLE_VIEWER, &out),
      StatusIs(grpc::StatusCode::ALREADY_EXISTS, "staff.email: "));
  cadre::v1::Staff gone;
  CADRE_ASSERT_OK(Deactivate(rj1_key_, first.staff().name(), first.staff().etag(), &gone));
  CADRE_EXPECT_OK(
      TryCreate(qop_key_, "bodies/QOP", "Rae Shaw", "rae@example.nhs.uk", STAFF_ROLE_VIEWER, &out));
}

TEST_F(StaffAccountsTest, ACreateRepeatedWithItsRequestIdAnswersTheSameAccount) {
  cadre::v1::CreateStaffResponse first;
  cadre::v1::CreateStaffResponse again;
  CADRE_ASSERT_OK(TryCreate(rj1_key_, "bodies/RJ1", "Sam Tate", "sam@example.nhs.uk",
                            STAFF_ROLE_RECRUITER, &first, "req-1"));
  CADRE_ASSERT_OK(TryCreate(rj1_key_, "bodies/RJ1", "Sam Tate", "sam@example.nhs.uk",
                            STAFF_ROLE_RECRUITER, &again, "req-1"));
  EXPECT_EQ(again.staff().name(), first.staff().name());
  // A fresh link; the first one no longer works.
  EXPECT_NE(again.setup().setup_token(), first.setup().setup_token());
  cadre::v1::SignInStaffResponse signed_in;
  EXPECT_THAT(SetPassword(first.setup().setup_token(), kStaffPassword, &signed_in),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "setup_token: "));
  CADRE_EXPECT_OK(SetPassword(again.setup().setup_token(), kStaffPassword, &signed_in));
  cadre::v1::ListStaffResponse listed;
  CADRE_ASSERT_OK(List(rj1_key_, "bodies/RJ1", &listed));
  EXPECT_EQ(listed.staff_size(), 1);
}

TEST_F(StaffAccountsTest, ARoleChangeRevokesTheMembersKeysAtOnce) {
  cadre::v1::SignInStaffResponse member =
      Member("Tam Vale", "tam@example.nhs.uk", STAFF_ROLE_VIEWER);
  cadre::v1::Staff current;
  CADRE_ASSERT_OK(GetStaff(member.key(), member.staff().name(), &current));
  cadre::v1::Staff patch;
  patch.set_name(member.staff().name());
  patch.set_role(STAFF_ROLE_RECRUITER);
  cadre::v1::Staff out;
  EXPECT_THAT(Update(rj1_key_, patch, {"role"}, "", &out),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "etag: "));
  EXPECT_THAT(Update(rj1_key_, patch, {"email"}, current.etag(), &out),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "update_mask"));
  EXPECT_THAT(Update(rj1_key_, patch, {"role"}, "999", &out), StatusIs(grpc::StatusCode::ABORTED));
  CADRE_ASSERT_OK(Update(rj1_key_, patch, {"role"}, current.etag(), &out));
  EXPECT_EQ(out.role(), STAFF_ROLE_RECRUITER);
  EXPECT_NE(out.etag(), current.etag());
  EXPECT_THAT(GetStaff(member.key(), member.staff().name(), &current),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED));

  // A new display name alone keeps the keys.
  cadre::v1::SignInStaffResponse again;
  CADRE_ASSERT_OK(SignIn("tam@example.nhs.uk", kStaffPassword, &again));
  patch.set_display_name("Tam Vale-Jones");
  CADRE_ASSERT_OK(Update(rj1_key_, patch, {"display_name"}, out.etag(), &out));
  EXPECT_EQ(out.display_name(), "Tam Vale-Jones");
  CADRE_EXPECT_OK(GetStaff(again.key(), member.staff().name(), &current));
  EXPECT_EQ(current.role(), STAFF_ROLE_RECRUITER);
}

TEST_F(StaffAccountsTest, DeactivationRevokesKeysAndRefusesSignInAndRepeats) {
  cadre::v1::SignInStaffResponse member =
      Member("Uma West", "uma@example.nhs.uk", STAFF_ROLE_MANAGER);
  cadre::v1::Staff current;
  CADRE_ASSERT_OK(GetStaff(rj1_key_, member.staff().name(), &current));
  cadre::v1::Staff out;
  EXPECT_THAT(Deactivate(rj1_key_, member.staff().name(), "", &out),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "etag: "));
  CADRE_ASSERT_OK(Deactivate(rj1_key_, member.staff().name(), current.etag(), &out));
  EXPECT_EQ(out.state(), cadre::v1::STAFF_STATE_DEACTIVATED);
  EXPECT_TRUE(out.has_deactivate_time());
  EXPECT_THAT(GetStaff(member.key(), member.staff().name(), &current),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  cadre::v1::SignInStaffResponse refused;
  EXPECT_THAT(SignIn("uma@example.nhs.uk", kStaffPassword, &refused),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED, "email or password not recognised"));
  EXPECT_THAT(Deactivate(rj1_key_, member.staff().name(), out.etag(), &out),
              StatusIs(grpc::StatusCode::FAILED_PRECONDITION));
  cadre::v1::StaffSetupLink link;
  EXPECT_THAT(NewLink(rj1_key_, member.staff().name(), &link),
              StatusIs(grpc::StatusCode::FAILED_PRECONDITION));
}

TEST_F(StaffAccountsTest, ANewSetUpLinkEndsTheOldOneAndTheMembersKeys) {
  cadre::v1::CreateStaffResponse created =
      Create("Val Yates", "val@example.nhs.uk", STAFF_ROLE_VIEWER);
  cadre::v1::SignInStaffResponse signed_in;
  CADRE_ASSERT_OK(SetPassword(created.setup().setup_token(), kStaffPassword, &signed_in));
  cadre::v1::StaffSetupLink link;
  CADRE_ASSERT_OK(NewLink(rj1_key_, created.staff().name(), &link));
  EXPECT_EQ(link.setup_token().size(), 43u);
  cadre::v1::Staff out;
  EXPECT_THAT(GetStaff(signed_in.key(), created.staff().name(), &out),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  cadre::v1::StaffSetupLink newer;
  CADRE_ASSERT_OK(NewLink(rj1_key_, created.staff().name(), &newer));
  EXPECT_THAT(SetPassword(link.setup_token(), "a new passphrase", &signed_in),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "setup_token: "));
  CADRE_ASSERT_OK(SetPassword(newer.setup_token(), "a new passphrase", &signed_in));
  CADRE_EXPECT_OK(SignIn("val@example.nhs.uk", "a new passphrase", &signed_in));
}

TEST_F(StaffAccountsTest, ListIsByDisplayNameInPagesAndHidesTheDeactivated) {
  for (const char* name : {"Zed", "amy", "Bea", "Cal", "Dot"}) {
    Create(name, absl::StrCat(absl::AsciiStrToLower(name), "@example.nhs.uk"), STAFF_ROLE_VIEWER);
  }
  cadre::v1::ListStaffResponse page;
  CADRE_ASSERT_OK(List(rj1_key_, "bodies/RJ1", &page, 2));
  std::vector<std::string> names;
  std::string token;
  for (;;) {
    for (const cadre::v1::Staff& s : page.staff()) names.push_back(s.display_name());
    token = page.next_page_token();
    if (token.empty()) break;
    CADRE_ASSERT_OK(List(rj1_key_, "bodies/RJ1", &page, 2, token));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"amy", "Bea", "Cal", "Dot", "Zed"}));
  cadre::v1::ListStaffResponse all;
  CADRE_ASSERT_OK(List(rj1_key_, "bodies/RJ1", &all));
  cadre::v1::Staff gone;
  CADRE_ASSERT_OK(Deactivate(rj1_key_, all.staff(0).name(), all.staff(0).etag(), &gone));
  CADRE_ASSERT_OK(List(rj1_key_, "bodies/RJ1", &all));
  EXPECT_EQ(all.staff_size(), 4);
  CADRE_ASSERT_OK(List(kAdminKey, "bodies/RJ1", &all, 0, "", true));
  EXPECT_EQ(all.staff_size(), 5);
  cadre::v1::ListStaffResponse none;
  CADRE_ASSERT_OK(List(qop_key_, "bodies/QOP", &none));
  EXPECT_EQ(none.staff_size(), 0);
}

TEST_F(StaffAccountsTest, ADeactivatedAccountsEmailIsRemovedAfter30Days) {
  cadre::v1::CreateStaffResponse created =
      Create("Wes Xu", "wes@example.nhs.uk", STAFF_ROLE_VIEWER);
  cadre::v1::Staff out;
  CADRE_ASSERT_OK(Deactivate(rj1_key_, created.staff().name(), created.staff().etag(), &out));
  harness_->clock().Advance(absl::Hours(24 * 30) - absl::Minutes(1));
  EXPECT_THAT(harness_->app().SweepStaffEmailsNow(), IsOkAndHolds(0));
  CADRE_ASSERT_OK(GetStaff(rj1_key_, created.staff().name(), &out));
  EXPECT_EQ(out.email(), "wes@example.nhs.uk");
  harness_->clock().Advance(absl::Minutes(2));
  EXPECT_THAT(harness_->app().SweepStaffEmailsNow(), IsOkAndHolds(1));
  CADRE_ASSERT_OK(GetStaff(rj1_key_, created.staff().name(), &out));
  EXPECT_EQ(out.email(), "");
  EXPECT_EQ(out.state(), cadre::v1::STAFF_STATE_DEACTIVATED);
  EXPECT_THAT(harness_->app().SweepStaffEmailsNow(), IsOkAndHolds(0));
  // Nothing of the email is left in Redis.
  absl::StatusOr<RedisReply> keys = harness_->redis().Command({"KEYS", "registry:staff-email:*"});
  ASSERT_TRUE(keys.ok());
  EXPECT_TRUE(keys->elements.empty());
}

// A body's write limit is the body's, however many managers it has (as for its roles).
class StaffWriteLimitTest : public StaffAccountsTest {
 protected:
  void SetUp() override {
    Start([](registry::RegistryOptions& options) { options.writes_per_minute = 3; });
  }
};

TEST_F(StaffWriteLimitTest, ABodysStaffChangesCountAgainstTheBodysOneLimit) {
  // Two managers made by the body's key: two of its three changes this minute.
  cadre::v1::SignInStaffResponse ana = Member("Ana Kerr", "ana@example.nhs.uk", STAFF_ROLE_MANAGER);
  cadre::v1::SignInStaffResponse bo = Member("Bo Lund", "bo@example.nhs.uk", STAFF_ROLE_MANAGER);
  cadre::v1::CreateStaffResponse out;
  CADRE_ASSERT_OK(
      TryCreate(ana.key(), "bodies/RJ1", "Cy Moss", "cy@example.nhs.uk", STAFF_ROLE_VIEWER, &out));
  // A fourth change this minute, by whichever of them: the body's limit is spent.
  EXPECT_THAT(
      TryCreate(bo.key(), "bodies/RJ1", "Di Nash", "di@example.nhs.uk", STAFF_ROLE_VIEWER, &out),
      StatusIs(grpc::StatusCode::RESOURCE_EXHAUSTED));
  EXPECT_THAT(
      TryCreate(rj1_key_, "bodies/RJ1", "Di Nash", "di@example.nhs.uk", STAFF_ROLE_VIEWER, &out),
      StatusIs(grpc::StatusCode::RESOURCE_EXHAUSTED));
  // Another body's is its own.
  CADRE_EXPECT_OK(
      TryCreate(qop_key_, "bodies/QOP", "Di Nash", "di@example.nhs.uk", STAFF_ROLE_VIEWER, &out));
}

TEST_F(StaffAccountsTest, RedisDownIsUnavailableFast) {
  Member("Xia Young", "xia@example.nhs.uk", STAFF_ROLE_MANAGER);
  redis_->Stop();
  const auto start = std::chrono::steady_clock::now();
  cadre::v1::SignInStaffResponse out;
  EXPECT_THAT(SignIn("xia@example.nhs.uk", kStaffPassword, &out),
              StatusIs(grpc::StatusCode::UNAVAILABLE));
  cadre::v1::CreateStaffResponse made;
  EXPECT_THAT(
      TryCreate(rj1_key_, "bodies/RJ1", "Yan Zhu", "yan@example.nhs.uk", STAFF_ROLE_VIEWER, &made),
      StatusIs(grpc::StatusCode::UNAVAILABLE));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(8));
}

}  // namespace
}  // namespace cadre::testing
