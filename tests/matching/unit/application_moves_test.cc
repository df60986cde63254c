// The state table of an application: every legal move, by its party, and every other
// (from, to, party) refused.

#include "services/matching/domain/application_moves.h"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "absl/strings/match.h"
#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

namespace v1 = cadre::v1;
using S = v1::ApplicationState;

constexpr S kSubmitted = v1::APPLICATION_STATE_SUBMITTED;
constexpr S kAcknowledged = v1::APPLICATION_STATE_ACKNOWLEDGED;
constexpr S kShortlisted = v1::APPLICATION_STATE_SHORTLISTED;
constexpr S kOffered = v1::APPLICATION_STATE_OFFERED;
constexpr S kAccepted = v1::APPLICATION_STATE_ACCEPTED;
constexpr S kDeclined = v1::APPLICATION_STATE_DECLINED;
constexpr S kWithdrawn = v1::APPLICATION_STATE_WITHDRAWN;
constexpr S kUnsuccessful = v1::APPLICATION_STATE_UNSUCCESSFUL;
constexpr S kAll[] = {kSubmitted, kAcknowledged, kShortlisted, kOffered,
                      kAccepted,  kDeclined,     kWithdrawn,   kUnsuccessful};
constexpr Party kParties[] = {Party::kApplicant, Party::kBody, Party::kClock, Party::kMatching,
                              Party::kAdmin};

// A reason the party may give for an unsuccessful move.
v1::UnsuccessfulReason ReasonFor(Party by) {
  switch (by) {
    case Party::kClock:
      return v1::UNSUCCESSFUL_REASON_OFFER_LAPSED;
    case Party::kMatching:
      return v1::UNSUCCESSFUL_REASON_ROLE_CLOSED;
    default:
      return v1::UNSUCCESSFUL_REASON_NOT_SELECTED;
  }
}

// The table, written out move by move.
std::set<std::tuple<S, S, Party>> LegalMoves() {
  std::set<std::tuple<S, S, Party>> legal = {
      {kSubmitted, kAcknowledged, Party::kBody}, {kAcknowledged, kShortlisted, Party::kBody},
      {kSubmitted, kShortlisted, Party::kBody},  {kShortlisted, kOffered, Party::kBody},
      {kOffered, kAccepted, Party::kApplicant},  {kOffered, kDeclined, Party::kApplicant},
      {kOffered, kUnsuccessful, Party::kClock},
  };
  for (S from : {kSubmitted, kAcknowledged, kShortlisted}) {
    legal.insert({from, kUnsuccessful, Party::kBody});
  }
  for (S from : {kSubmitted, kAcknowledged, kShortlisted, kOffered}) {
    legal.insert({from, kWithdrawn, Party::kApplicant});
    legal.insert({from, kUnsuccessful, Party::kMatching});
  }
  std::set<std::tuple<S, S, Party>> with_admin = legal;
  for (const auto& [from, to, by] : legal) with_admin.insert({from, to, Party::kAdmin});
  return with_admin;
}

TEST(ApplicationMoves, EveryLegalMoveIsAllowedAndEveryOtherRefusedNamingBothStates) {
  const auto legal = LegalMoves();
  int allowed = 0;
  for (S from : kAll) {
    for (S to : kAll) {
      for (Party by : kParties) {
        const v1::UnsuccessfulReason reason =
            to == kUnsuccessful ? ReasonFor(by) : v1::UNSUCCESSFUL_REASON_UNSPECIFIED;
        const absl::Status status = CheckMove(from, to, reason, by, "applications/7");
        if (legal.count({from, to, by}) > 0) {
          EXPECT_TRUE(status.ok()) << StateWord(from) << " → " << StateWord(to) << ": " << status;
          ++allowed;
        } else {
          EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition)
              << StateWord(from) << " → " << StateWord(to) << " by " << static_cast<int>(by);
          EXPECT_TRUE(absl::StrContains(status.message(), StateWord(from)));
          EXPECT_TRUE(absl::StrContains(status.message(), StateWord(to)));
        }
      }
    }
  }
  EXPECT_EQ(allowed, static_cast<int>(legal.size()));
}

TEST(ApplicationMoves, UnsuccessfulNeedsAReasonOfTheRightParty) {
  EXPECT_THAT(CheckMove(kSubmitted, kUnsuccessful, v1::UNSUCCESSFUL_REASON_UNSPECIFIED,
                        Party::kBody, "applications/7"),
              testing::InvalidAt("reason"));
  EXPECT_THAT(CheckMove(kSubmitted, kUnsuccessful, v1::UNSUCCESSFUL_REASON_ROLE_FILLED,
                        Party::kBody, "applications/7"),
              testing::InvalidAt("reason"));
  EXPECT_THAT(CheckMove(kOffered, kUnsuccessful, v1::UNSUCCESSFUL_REASON_NOT_SELECTED,
                        Party::kClock, "applications/7"),
              testing::InvalidAt("reason"));
  EXPECT_THAT(CheckMove(kOffered, kUnsuccessful, v1::UNSUCCESSFUL_REASON_NOT_SELECTED,
                        Party::kMatching, "applications/7"),
              testing::InvalidAt("reason"));
  EXPECT_TRUE(CheckMove(kOffered, kUnsuccessful, v1::UNSUCCESSFUL_REASON_ROLE_FILLED,
                        Party::kMatching, "applications/7")
                  .ok());
  EXPECT_THAT(CheckMove(kSubmitted, kAcknowledged, v1::UNSUCCESSFUL_REASON_NOT_SELECTED,
                        Party::kBody, "applications/7"),
              testing::InvalidAt("reason"));
}

TEST(ApplicationMoves, ShortlistingOrTurningDownAnUnacknowledgedOneAcknowledgesItFirst) {
  EXPECT_TRUE(AcknowledgesFirst(kSubmitted, kShortlisted));
  EXPECT_TRUE(AcknowledgesFirst(kSubmitted, kUnsuccessful));
  EXPECT_FALSE(AcknowledgesFirst(kAcknowledged, kShortlisted));
  EXPECT_FALSE(AcknowledgesFirst(kSubmitted, kAcknowledged));
  EXPECT_FALSE(AcknowledgesFirst(kSubmitted, kWithdrawn));
}

TEST(ApplicationMoves, EachLiveStateSaysWhoOwesTheNextStep) {
  EXPECT_EQ(NextStepOf(kSubmitted).owner, Party::kBody);
  EXPECT_EQ(NextStepOf(kShortlisted).owner, Party::kBody);
  EXPECT_EQ(NextStepOf(kOffered).owner, Party::kApplicant);
  EXPECT_FALSE(NextStepOf(kAccepted).any);
  EXPECT_FALSE(NextStepOf(kUnsuccessful).any);
  for (S state : kAll) EXPECT_EQ(IsLive(state), NextStepOf(state).any) << StateWord(state);
}

}  // namespace
}  // namespace cadre::matching
