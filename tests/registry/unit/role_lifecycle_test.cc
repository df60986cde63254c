// The life of a role: draft → open; open → closed | filled | cancelled; draft → cancelled.

#include "services/registry/domain/role_lifecycle.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/registry/unit/test_data.h"
#include "tests/support/status_matchers.h"

namespace cadre::registry {
namespace {

using ::cadre::testing::InvalidAt;
using ::cadre::testing::StatusIs;
using cadre::v1::RegistryEvent;
using cadre::v1::Role;
using cadre::v1::RoleState;

constexpr RoleState kDraft = cadre::v1::ROLE_STATE_DRAFT;
constexpr RoleState kOpen = cadre::v1::ROLE_STATE_OPEN;
constexpr RoleState kClosed = cadre::v1::ROLE_STATE_CLOSED;
constexpr RoleState kFilled = cadre::v1::ROLE_STATE_FILLED;
constexpr RoleState kCancelled = cadre::v1::ROLE_STATE_CANCELLED;

// 2029-01-01, a year before ValidRole's closing time.
const absl::Time kNow = absl::FromUnixSeconds(1861920000);

Role InState(RoleState state) {
  Role role = testdata::ValidRole();
  role.set_name("roles/42");
  role.set_state(state);
  return role;
}

TEST(PublishTest, DraftBecomesOpenWithPublishTime) {
  Role role = InState(kDraft);
  CADRE_ASSERT_OK(Publish(role, kNow));
  EXPECT_EQ(role.state(), kOpen);
  EXPECT_EQ(role.publish_time().seconds(), absl::ToUnixSeconds(kNow));
}

TEST(PublishTest, DraftWithoutClosingTimeCanBePublished) {
  Role role = InState(kDraft);
  role.clear_closing_time();
  CADRE_ASSERT_OK(Publish(role, kNow));
  EXPECT_EQ(role.state(), kOpen);
}

TEST(PublishTest, OnlyADraftCanBePublished) {
  for (RoleState from : {kOpen, kClosed, kFilled, kCancelled}) {
    SCOPED_TRACE(StateName(from));
    Role role = InState(from);
    EXPECT_THAT(Publish(role, kNow), StatusIs(absl::StatusCode::kFailedPrecondition,
                                              absl::StrCat("roles/42 is ", StateName(from))));
    EXPECT_EQ(role.state(), from);
    EXPECT_FALSE(role.has_publish_time());
  }
}

TEST(PublishTest, RefusedWhenClosingTimeHasPassed) {
  for (absl::Time closes : {kNow - absl::Hours(24), kNow}) {
    Role role = InState(kDraft);
    role.mutable_closing_time()->set_seconds(absl::ToUnixSeconds(closes));
    EXPECT_THAT(Publish(role, kNow),
                StatusIs(absl::StatusCode::kFailedPrecondition, "closing_time"));
    EXPECT_EQ(role.state(), kDraft);
  }
  Role role = InState(kDraft);
  role.mutable_closing_time()->set_seconds(absl::ToUnixSeconds(kNow) + 1);
  CADRE_EXPECT_OK(Publish(role, kNow));
}

TEST(EndTest, OpenRoleCanBeClosedFilledOrCancelled) {
  for (RoleState to : {kClosed, kFilled, kCancelled}) {
    SCOPED_TRACE(StateName(to));
    Role role = InState(kOpen);
    CADRE_ASSERT_OK(End(role, to, "enough applicants"));
    EXPECT_EQ(role.state(), to);
    EXPECT_EQ(role.state_reason(), "enough applicants");
  }
}

TEST(EndTest, DraftCanOnlyBeCancelled) {
  Role role = InState(kDraft);
  CADRE_ASSERT_OK(End(role, kCancelled, "no longer needed"));
  EXPECT_EQ(role.state(), kCancelled);
  for (RoleState to : {kClosed, kFilled}) {
    SCOPED_TRACE(StateName(to));
    Role draft = InState(kDraft);
    EXPECT_THAT(End(draft, to, ""), StatusIs(absl::StatusCode::kFailedPrecondition,
                                             "roles/42 is draft and cannot be marked"));
    EXPECT_EQ(draft.state(), kDraft);
  }
}

TEST(EndTest, EndedRolesCannotMoveAgain) {
  for (RoleState from : {kClosed, kFilled, kCancelled}) {
    for (RoleState to : {kClosed, kFilled, kCancelled}) {
      SCOPED_TRACE(absl::StrCat(StateName(from), " -> ", StateName(to)));
      Role role = InState(from);
      role.set_state_reason("original");
      EXPECT_THAT(End(role, to, "again"), StatusIs(absl::StatusCode::kFailedPrecondition));
      EXPECT_EQ(role.state(), from);
      EXPECT_EQ(role.state_reason(), "original");
    }
  }
}

TEST(EndTest, ClosedRoleCannotBeReopened) {
  Role role = InState(kClosed);
  EXPECT_THAT(Publish(role, kNow), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(End(role, kOpen, ""), InvalidAt("state"));
  EXPECT_EQ(role.state(), kClosed);
}

TEST(EndTest, TargetMustBeAnEndState) {
  for (RoleState to :
       {cadre::v1::ROLE_STATE_UNSPECIFIED, kDraft, kOpen, static_cast<RoleState>(9)}) {
    Role role = InState(kOpen);
    EXPECT_THAT(End(role, to, ""), InvalidAt("state"));
    EXPECT_EQ(role.state(), kOpen);
  }
}

TEST(EndTest, ReasonUpToThreeHundredCharacters) {
  std::string accented;
  for (int i = 0; i < 300; ++i) accented += "é";
  Role role = InState(kOpen);
  CADRE_EXPECT_OK(End(role, kFilled, accented));
  EXPECT_EQ(role.state_reason(), accented);

  Role other = InState(kOpen);
  EXPECT_THAT(End(other, kFilled, std::string(301, 'a')), InvalidAt("reason"));
  EXPECT_EQ(other.state(), kOpen);
}

TEST(RoleLifecycleTest, OnlyDraftAndOpenAreEditable) {
  EXPECT_TRUE(IsEditable(kDraft));
  EXPECT_TRUE(IsEditable(kOpen));
  EXPECT_FALSE(IsEditable(kClosed));
  EXPECT_FALSE(IsEditable(kFilled));
  EXPECT_FALSE(IsEditable(kCancelled));
}

TEST(RoleLifecycleTest, EventForEachState) {
  EXPECT_EQ(EventFor(kOpen), RegistryEvent::ROLE_PUBLISHED);
  EXPECT_EQ(EventFor(kClosed), RegistryEvent::ROLE_CLOSED);
  EXPECT_EQ(EventFor(kFilled), RegistryEvent::ROLE_FILLED);
  EXPECT_EQ(EventFor(kCancelled), RegistryEvent::ROLE_CANCELLED);
  EXPECT_EQ(EventFor(kDraft), RegistryEvent::ROLE_UPDATED);
}

TEST(RoleLifecycleTest, StateNames) {
  EXPECT_EQ(StateName(kDraft), "draft");
  EXPECT_EQ(StateName(kOpen), "open");
  EXPECT_EQ(StateName(kClosed), "closed");
  EXPECT_EQ(StateName(kFilled), "filled");
  EXPECT_EQ(StateName(kCancelled), "cancelled");
}

}  // namespace
}  // namespace cadre::registry
