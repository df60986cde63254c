// ApiKeyStore and Authenticator against a real redis-server: a staff member's key (a
// body's key that also carries their staff id and role) reaches every handler whole, is
// kept apart from the body's own keys, and is refused when what is stored of it does not
// hold together.

#include "services/common/api_keys.h"

#include <grpcpp/grpcpp.h>
#include <grpcpp/test/server_context_test_spouse.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/auth.h"
#include "services/common/base/clock.h"
#include "tests/support/redis_server.h"
#include "tests/support/status_matchers.h"

namespace cadre {
namespace {

using ::cadre::testing::RedisServer;
using ::cadre::testing::StatusIs;

constexpr char kAda[] = "0123456789abcdef";    // a recruiter of RXF
constexpr char kGrace[] = "fedcba9876543210";  // a viewer of RXF
constexpr char kActor[] = "bodies/RXF/staff/aaaaaaaaaaaaaaaa";

class ApiKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = RedisServer::Start();
    redis_ = std::make_unique<RedisClient>(server_->options());
    keys_ = std::make_unique<ApiKeyStore>(redis_.get());
  }

  IssuedKey Issue(const NewKey& key) {
    absl::StatusOr<IssuedKey> issued = keys_->Create(key, kActor, clock_.Now());
    EXPECT_TRUE(issued.ok()) << issued.status();
    return issued.ok() ? *issued : IssuedKey{};
  }
  static NewKey BodyKey() { return NewKey{PrincipalKind::kBody, "RXF", "systems", {}, "", {}}; }
  NewKey StaffKey(const std::string& staff_id, StaffRole role) const {
    return NewKey{PrincipalKind::kBody,           "RXF",    "signed in",
                  clock_.Now() + absl::Hours(12), staff_id, role};
  }

  // Who `secret` stands for, as a handler of any service sees it: a fresh Authenticator
  // each time, so that nothing is answered from a cache.
  absl::StatusOr<Principal> Authenticate(const std::string& secret) {
    Authenticator auth(keys_.get(), "", &clock_);
    grpc::ServerContext context;
    grpc::testing::ServerContextTestSpouse spouse(&context);
    spouse.AddClientMetadata("authorization", absl::StrCat("Bearer ", secret));
    return auth.Authenticate(context);
  }

  std::string KeyHash(const std::string& secret) const {
    return absl::StrCat("auth:key:", Sha256Hex(secret));
  }

  FakeClock clock_{absl::FromUnixSeconds(1798000000)};
  std::unique_ptr<RedisServer> server_;
  std::unique_ptr<RedisClient> redis_;
  std::unique_ptr<ApiKeyStore> keys_;
};

TEST_F(ApiKeysTest, AStaffKeyReachesTheHandlerWithItsStaffIdAndRole) {
  const IssuedKey staff = Issue(StaffKey(kAda, StaffRole::kRecruiter));
  absl::StatusOr<Principal> p = Authenticate(staff.secret);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->kind, PrincipalKind::kBody);
  EXPECT_EQ(p->subject, "RXF");
  EXPECT_EQ(p->key_id, staff.key_id);
  EXPECT_EQ(p->staff_id, kAda);
  EXPECT_EQ(p->staff_role, StaffRole::kRecruiter);
  EXPECT_EQ(p->Actor(), "bodies/RXF/staff/0123456789abcdef");

  // Each role as it was given; the body's own key carries none.
  const IssuedKey viewer = Issue(StaffKey(kGrace, StaffRole::kViewer));
  absl::StatusOr<Principal> v = Authenticate(viewer.secret);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->staff_role, StaffRole::kViewer);
  const IssuedKey body = Issue(BodyKey());
  absl::StatusOr<Principal> b = Authenticate(body.secret);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_FALSE(b->is_staff());
  EXPECT_EQ(b->staff_role, StaffRole::kNone);
  EXPECT_EQ(b->Actor(), "bodies/RXF");

  // The staff key expires as it was told to.
  clock_.Advance(absl::Hours(12));
  EXPECT_THAT(Authenticate(staff.secret), StatusIs(absl::StatusCode::kUnauthenticated));
  CADRE_EXPECT_OK(Authenticate(body.secret).status());
}

TEST_F(ApiKeysTest, RevokeStaffRevokesOnlyThatMembersKeys) {
  const IssuedKey body = Issue(BodyKey());
  const IssuedKey ada_laptop = Issue(StaffKey(kAda, StaffRole::kRecruiter));
  const IssuedKey ada_phone = Issue(StaffKey(kAda, StaffRole::kRecruiter));
  const IssuedKey grace = Issue(StaffKey(kGrace, StaffRole::kViewer));

  absl::StatusOr<std::vector<std::string>> hashes = keys_->RevokeStaff("RXF", kAda, kActor);
  ASSERT_TRUE(hashes.ok()) << hashes.status();
  EXPECT_EQ(hashes->size(), 2u);
  EXPECT_THAT(Authenticate(ada_laptop.secret), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(Authenticate(ada_phone.secret), StatusIs(absl::StatusCode::kUnauthenticated));
  // The body's own key and the other member's stay.
  CADRE_EXPECT_OK(Authenticate(body.secret).status());
  absl::StatusOr<Principal> still = Authenticate(grace.secret);
  ASSERT_TRUE(still.ok()) << still.status();
  EXPECT_EQ(still->staff_id, kGrace);

  // Each revocation is audited, by key id, with who revoked it.
  absl::StatusOr<RedisReply> audit = redis_->Command({"XRANGE", "auth:audit", "-", "+"});
  ASSERT_TRUE(audit.ok());
  absl::StatusOr<std::vector<StreamEntry>> entries = ParseStreamEntries(*audit);
  ASSERT_TRUE(entries.ok());
  std::vector<std::string> revoked;
  for (const StreamEntry& e : *entries) {
    if (e.Field("action") != "key_revoked") continue;
    EXPECT_EQ(e.Field("actor"), kActor);
    EXPECT_EQ(e.Field("subject"), "RXF");
    revoked.emplace_back(e.Field("key_id"));
  }
  EXPECT_THAT(revoked, ::testing::UnorderedElementsAre(ada_laptop.key_id, ada_phone.key_id));

  // Nothing left to revoke the second time.
  hashes = keys_->RevokeStaff("RXF", kAda, kActor);
  ASSERT_TRUE(hashes.ok()) << hashes.status();
  EXPECT_TRUE(hashes->empty());
}

TEST_F(ApiKeysTest, TheBodysKeysAreListedAndRevokedApartFromItsStaffs) {
  const IssuedKey body = Issue(BodyKey());
  const IssuedKey ada = Issue(StaffKey(kAda, StaffRole::kManager));
  absl::StatusOr<std::vector<KeyRecord>> listed =
      keys_->ListSubject(PrincipalKind::kBody, "RXF", clock_.Now(), 100);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().principal.key_id, body.key_id);

  // Revoking one staff key by its id takes it out of its member's set.
  absl::StatusOr<absl::optional<Principal>> holder = keys_->FindById(ada.key_id);
  ASSERT_TRUE(holder.ok() && holder->has_value());
  EXPECT_EQ((*holder)->staff_id, kAda);
  EXPECT_EQ((*holder)->staff_role, StaffRole::kManager);
  CADRE_ASSERT_OK(keys_->Revoke(ada.key_id, kActor).status());
  absl::StatusOr<RedisReply> left =
      redis_->Command({"ZCARD", absl::StrCat("auth:subject:staff:", kAda)});
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->integer, 0);
  CADRE_EXPECT_OK(Authenticate(body.secret).status());
}

TEST_F(ApiKeysTest, AStoredStaffKeyThatDoesNotHoldTogetherIsRefused) {
  // A role this build does not know.
  const IssuedKey unknown_role = Issue(StaffKey(kAda, StaffRole::kRecruiter));
  CADRE_ASSERT_OK(
      redis_->Command({"HSET", KeyHash(unknown_role.secret), "staff_role", "owner"}).status());
  EXPECT_THAT(Authenticate(unknown_role.secret), StatusIs(absl::StatusCode::kUnauthenticated));

  // A staff id without a role.
  const IssuedKey no_role = Issue(StaffKey(kAda, StaffRole::kRecruiter));
  CADRE_ASSERT_OK(redis_->Command({"HDEL", KeyHash(no_role.secret), "staff_role"}).status());
  EXPECT_THAT(Authenticate(no_role.secret), StatusIs(absl::StatusCode::kUnauthenticated));

  // A role without a staff id.
  const IssuedKey no_id = Issue(StaffKey(kAda, StaffRole::kManager));
  CADRE_ASSERT_OK(redis_->Command({"HDEL", KeyHash(no_id.secret), "staff_id"}).status());
  EXPECT_THAT(Authenticate(no_id.secret), StatusIs(absl::StatusCode::kUnauthenticated));

  // Staff fields on a key that is not a body's.
  const IssuedKey applicant = Issue(NewKey{PrincipalKind::kApplicant, "a1", "", {}, "", {}});
  CADRE_ASSERT_OK(
      redis_
          ->Command({"HSET", KeyHash(applicant.secret), "staff_id", kAda, "staff_role", "manager"})
          .status());
  EXPECT_THAT(Authenticate(applicant.secret), StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(ApiKeysTest, NoStaffKeyIsMadeWithoutBothItsIdAndRoleOrForAnotherKind) {
  for (const NewKey& key :
       {NewKey{PrincipalKind::kBody, "RXF", "", {}, kAda, StaffRole::kNone},
        NewKey{PrincipalKind::kBody, "RXF", "", {}, "", StaffRole::kViewer},
        NewKey{PrincipalKind::kApplicant, "a1", "", {}, kAda, StaffRole::kViewer}}) {
    EXPECT_FALSE(keys_->Create(key, kActor, clock_.Now()).ok());
  }
  absl::StatusOr<RedisReply> stored = redis_->Command({"KEYS", "auth:key:*"});
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(stored->elements.empty());
}

}  // namespace
}  // namespace cadre
