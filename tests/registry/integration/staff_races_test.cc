// Bodies' staff accounts when changes meet: a deactivation or a role change that lands
// while a member is signing in (between the read of their account and their new key),
// and Redis failing between a change of an account and the end of the member's keys.
// The racing call runs in a second StaffAccounts over the same redis-server (as another
// replica would), whose clock makes the other change at the moment that matters; every
// check is made through the registry's own stubs.

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "services/common/api_keys.h"
#include "services/common/attempt_limits.h"
#include "services/common/auth.h"
#include "services/registry/domain/catalog.h"
#include "services/registry/staff_accounts.h"
#include "services/registry/staff_store.h"
#include "tests/registry/integration/staff_fixture.h"

namespace cadre::testing {
namespace {

using cadre::v1::STAFF_ROLE_MANAGER;
using cadre::v1::STAFF_ROLE_RECRUITER;
using cadre::v1::STAFF_ROLE_VIEWER;

// The harness's time, and a hook run on one chosen call of Now() (counted from when it is
// armed): the moment a racing change is made.
class HookClock final : public Clock {
 public:
  explicit HookClock(const Clock* base) : base_(base) {}
  absl::Time Now() const override {
    if (++calls_ == fire_at_ && hook_) {
      std::function<void()> hook = std::move(hook_);
      hook_ = nullptr;
      hook();
    }
    return base_->Now();
  }
  void Arm(int call, std::function<void()> hook) {
    calls_ = 0;
    fire_at_ = call;
    hook_ = std::move(hook);
  }

 private:
  const Clock* base_;
  mutable std::atomic<int> calls_{0};
  int fire_at_ = 0;
  mutable std::function<void()> hook_;
};

// A second replica's staff accounts: its own clients of the same redis-server (the keys'
// one may be given another address, to stand for Redis failing after the account's
// write), key cache and clock.
struct Replica {
  Replica(const RedisOptions& redis_options, const RedisOptions& keys_options, const Clock* base)
      : clock(base),
        redis(redis_options),
        keys_redis(keys_options),
        store(&redis),
        keys(&keys_redis),
        auth(&keys, &clock, AuthenticatorOptions{}),
        limits(&redis, "registry:staff-"),
        staff(&store, &keys, &auth, &limits, &catalog, &clock, Options()) {}

  static registry::StaffOptions Options() {
    registry::StaffOptions options;
    options.scrypt = ScryptParams{.n = 1024, .r = 8, .p = 1};
    return options;
  }

  HookClock clock;
  RedisClient redis;
  RedisClient keys_redis;
  registry::StaffStore store;
  ApiKeyStore keys;
  Authenticator auth;
  AttemptLimits limits;
  registry::Catalog catalog;
  registry::StaffAccounts staff;
};

class StaffRacesTest : public StaffTest {
 protected:
  std::unique_ptr<Replica> MakeReplica(bool keys_reachable = true) {
    RedisOptions keys_options = redis_->options();
    if (!keys_reachable) keys_options.port = 1;  // nothing listens there
    return std::make_unique<Replica>(redis_->options(), keys_options, &harness_->clock());
  }
  static Principal BodyKeyOf(const std::string& code) {
    Principal p;
    p.kind = PrincipalKind::kBody;
    p.subject = code;
    p.key_id = "test";
    return p;
  }
  cadre::v1::Staff Current(const std::string& name) {
    cadre::v1::Staff staff;
    grpc::Status s = GetStaff(rj1_key_, name, &staff);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return staff;
  }
  grpc::Status Deactivate(const std::string& name) {
    cadre::v1::DeactivateStaffRequest request;
    request.set_name(name);
    request.set_etag(Current(name).etag());
    cadre::v1::Staff out;
    return stub().DeactivateStaff(Ctx(rj1_key_).get(), request, &out);
  }
  cadre::v1::UpdateStaffRequest RoleChange(const std::string& name, cadre::v1::StaffRole role) {
    cadre::v1::UpdateStaffRequest request;
    request.mutable_staff()->set_name(name);
    request.mutable_staff()->set_role(role);
    request.mutable_update_mask()->add_paths("role");
    request.set_etag(Current(name).etag());
    return request;
  }
  grpc::Status ChangeRole(const std::string& name, cadre::v1::StaffRole role) {
    cadre::v1::Staff out;
    return stub().UpdateStaff(Ctx(rj1_key_).get(), RoleChange(name, role), &out);
  }
  // What the registry answers ListStaff of bodies/RJ1 with `key` (managers only).
  grpc::Status ListWith(const std::string& key) {
    cadre::v1::ListStaffRequest request;
    request.set_parent("bodies/RJ1");
    cadre::v1::ListStaffResponse out;
    return stub().ListStaff(Ctx(key).get(), request, &out);
  }
  static cadre::v1::SignInStaffRequest SignInRequest(const std::string& email) {
    cadre::v1::SignInStaffRequest request;
    request.set_email(email);
    request.set_password(kStaffPassword);
    return request;
  }
};

// SignIn's second reading of the clock comes after the account is read and the password
// checked, before the key is made.
constexpr int kSignInBeforeKey = 2;
// SetPassword's third: after the password is stored, before the key is made.
constexpr int kSetPasswordBeforeKey = 3;

TEST_F(StaffRacesTest, ADeactivationDuringSignInLeavesNoKey) {
  cadre::v1::SignInStaffResponse member =
      Member("Ada Bell", "ada@example.nhs.uk", STAFF_ROLE_MANAGER);
  std::unique_ptr<Replica> replica = MakeReplica();
  replica->clock.Arm(kSignInBeforeKey, [&] { CADRE_EXPECT_OK(Deactivate(member.staff().name())); });
  absl::StatusOr<cadre::v1::SignInStaffResponse> signed_in =
      replica->staff.SignIn(SignInRequest("ada@example.nhs.uk"), "");
  EXPECT_EQ(Current(member.staff().name()).state(), cadre::v1::STAFF_STATE_DEACTIVATED);
  EXPECT_THAT(signed_in.status(), StatusIs(absl::StatusCode::kUnauthenticated));
  if (signed_in.ok()) {
    EXPECT_THAT(ListWith(signed_in->key()), StatusIs(grpc::StatusCode::UNAUTHENTICATED))
        << "a deactivated member holds a live key";
  }
}

TEST_F(StaffRacesTest, ARoleChangeDuringSignInGivesAKeyOfTheNewRole) {
  cadre::v1::SignInStaffResponse member =
      Member("Ben Cole", "ben@example.nhs.uk", STAFF_ROLE_MANAGER);
  std::unique_ptr<Replica> replica = MakeReplica();
  replica->clock.Arm(kSignInBeforeKey, [&] {
    CADRE_EXPECT_OK(ChangeRole(member.staff().name(), STAFF_ROLE_VIEWER));
  });
  absl::StatusOr<cadre::v1::SignInStaffResponse> signed_in =
      replica->staff.SignIn(SignInRequest("ben@example.nhs.uk"), "");
  ASSERT_TRUE(signed_in.ok()) << signed_in.status();
  EXPECT_EQ(signed_in->staff().role(), STAFF_ROLE_VIEWER);
  // A viewer may not manage the body's staff: the key must not be a manager's.
  EXPECT_THAT(ListWith(signed_in->key()), StatusIs(grpc::StatusCode::PERMISSION_DENIED));
}

TEST_F(StaffRacesTest, ADeactivationDuringSetPasswordLeavesNoKey) {
  cadre::v1::CreateStaffResponse created =
      Create("Cai Dunn", "cai@example.nhs.uk", STAFF_ROLE_RECRUITER);
  std::unique_ptr<Replica> replica = MakeReplica();
  replica->clock.Arm(kSetPasswordBeforeKey,
                     [&] { CADRE_EXPECT_OK(Deactivate(created.staff().name())); });
  cadre::v1::SetStaffPasswordRequest request;
  request.set_setup_token(created.setup().setup_token());
  request.set_password(kStaffPassword);
  absl::StatusOr<cadre::v1::SignInStaffResponse> signed_in =
      replica->staff.SetPassword(request, "");
  EXPECT_EQ(Current(created.staff().name()).state(), cadre::v1::STAFF_STATE_DEACTIVATED);
  EXPECT_FALSE(signed_in.ok());
  if (signed_in.ok()) {
    cadre::v1::Staff out;
    EXPECT_THAT(GetStaff(signed_in->key(), created.staff().name(), &out),
                StatusIs(grpc::StatusCode::UNAUTHENTICATED))
        << "a deactivated member holds a live key";
  }
}

// The account's change and the end of the member's keys are one step: Redis failing
// between the two cannot leave a deactivated member, or one with a new role, holding a
// key (which no retry would revoke: the change is made, so the retry is refused).
TEST_F(StaffRacesTest, DeactivationRevokesTheKeysInTheSameStep) {
  cadre::v1::SignInStaffResponse member =
      Member("Dee Eyre", "dee@example.nhs.uk", STAFF_ROLE_RECRUITER);
  std::unique_ptr<Replica> replica = MakeReplica(/*keys_reachable=*/false);
  cadre::v1::DeactivateStaffRequest request;
  request.set_name(member.staff().name());
  request.set_etag(Current(member.staff().name()).etag());
  absl::StatusOr<cadre::v1::Staff> deactivated =
      replica->staff.Deactivate(BodyKeyOf("RJ1"), request);
  const cadre::v1::Staff now = Current(member.staff().name());
  if (now.state() == cadre::v1::STAFF_STATE_DEACTIVATED) {
    cadre::v1::Staff out;
    EXPECT_THAT(GetStaff(member.key(), member.staff().name(), &out),
                StatusIs(grpc::StatusCode::UNAUTHENTICATED))
        << "deactivated, but the member's key still works: " << deactivated.status();
  }
  CADRE_EXPECT_OK(deactivated.status());
}

TEST_F(StaffRacesTest, ARoleChangeRevokesTheKeysInTheSameStep) {
  cadre::v1::SignInStaffResponse member =
      Member("Eli Ford", "eli@example.nhs.uk", STAFF_ROLE_MANAGER);
  std::unique_ptr<Replica> replica = MakeReplica(/*keys_reachable=*/false);
  absl::StatusOr<cadre::v1::Staff> changed =
      replica->staff.Update(BodyKeyOf("RJ1"), RoleChange(member.staff().name(), STAFF_ROLE_VIEWER));
  if (Current(member.staff().name()).role() == STAFF_ROLE_VIEWER) {
    EXPECT_THAT(ListWith(member.key()), StatusIs(grpc::StatusCode::UNAUTHENTICATED))
        << "a viewer now, but the member's manager key still works: " << changed.status();
  }
  CADRE_EXPECT_OK(changed.status());
}

}  // namespace
}  // namespace cadre::testing
