// Recommend: which open roles a person is shown, in what order, with ScoreFor's score and
// Screen's screening, and the counts it reports.

#include "services/matching/view/recommender.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/matching/view/open_roles.h"
#include "tests/matching/view/recommend_test_data.h"
#include "tests/support/threads.h"

namespace cadre::matching {
namespace {

using cadre::v1::ATTENDANCE_MODE_HYBRID;
using cadre::v1::ATTENDANCE_MODE_IN_PERSON;
using cadre::v1::ATTENDANCE_MODE_REMOTE;
using cadre::v1::REGION_LONDON;
using cadre::v1::REGION_NATIONAL;
using cadre::v1::REGION_NORTH_WEST;
using testdata::Now;
using testdata::OpenRole;
using testdata::Person;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Names(const Recommendations& r) {
  std::vector<std::string> names;
  for (const RoleRecommendation& rec : r.ranked) names.push_back(rec.role->name());
  return names;
}

class RecommenderTest : public ::testing::Test {
 protected:
  RecommenderTest() {
    q_.profile = &profile_;
    q_.today = testdata::Today();
    q_.now = Now();
    q_.limit = 10;
  }

  Recommendations Run() { return Recommend(roles_, DefaultScoringPolicy(), q_); }

  OpenRoles roles_;
  cadre::v1::Profile profile_ = Person();
  RecommendQuery q_;
};

TEST_F(RecommenderTest, ShowsOnlyRolesThePersonIsEligibleFor) {
  roles_.Apply(OpenRole(1, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 8), 1);
  roles_.Apply(OpenRole(2, REGION_NORTH_WEST, ATTENDANCE_MODE_REMOTE, 8), 1);
  roles_.Apply(OpenRole(3, REGION_NATIONAL, ATTENDANCE_MODE_IN_PERSON, 8), 1);
  // Not eligible: another region in person or hybrid, more hours than the person has, a
  // credential not held, a body the person works for, a minimum age not met.
  roles_.Apply(OpenRole(4, REGION_NORTH_WEST, ATTENDANCE_MODE_IN_PERSON, 8), 1);
  roles_.Apply(OpenRole(5, REGION_NORTH_WEST, ATTENDANCE_MODE_HYBRID, 8), 1);
  roles_.Apply(OpenRole(6, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 11), 1);
  cadre::v1::Role dbs = OpenRole(7, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 8);
  dbs.add_required_credentials("dbs-enhanced");
  roles_.Apply(dbs, 1);
  cadre::v1::Role employer = OpenRole(8, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 8);
  employer.set_body("bodies/RXF");
  roles_.Apply(employer, 1);
  cadre::v1::Role young = OpenRole(9, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 8);
  young.set_minimum_age(18);
  roles_.Apply(young, 1);
  cadre::v1::DeclaredInterest* works = profile_.add_declared_interests();
  works->set_body("bodies/RXF");
  works->set_kind(cadre::v1::DeclaredInterest::KIND_WORKS_FOR);
  *profile_.mutable_date_of_birth() = testdata::Day(2009, 6, 16);  // 17 tomorrow

  const Recommendations r = Run();
  std::vector<std::string> names = Names(r);
  std::sort(names.begin(), names.end());
  EXPECT_THAT(names, ElementsAre("roles/1", "roles/2", "roles/3"));
  for (const RoleRecommendation& rec : r.ranked) EXPECT_TRUE(rec.screening.eligible());
  // Candidates: the London bucket and the anywhere bucket within 10 hours.
  EXPECT_EQ(r.considered, 6);  // 1, 2, 3, 7, 8, 9
  EXPECT_EQ(r.scored, 3);
  EXPECT_EQ(r.open_roles, 9);

  // The person turns 18 and takes a DBS check: two more.
  *profile_.mutable_date_of_birth() = testdata::Day(2008, 6, 15);
  cadre::v1::Credential dbs_held;
  dbs_held.set_kind("dbs-enhanced");
  *dbs_held.mutable_issue_date() = testdata::Day(2026, 1, 5);
  *dbs_held.mutable_expiry_date() = testdata::Day(2029, 1, 5);
  const std::vector<cadre::v1::Credential> held = {dbs_held};
  q_.credentials = held;
  EXPECT_EQ(Run().ranked.size(), 5u);
}

TEST_F(RecommenderTest, ReturnsScoreForAndScreenExactly) {
  roles_.Apply(OpenRole(1, REGION_LONDON, ATTENDANCE_MODE_HYBRID, 4, {"diabetes", "asthma"},
                        {"finance", "chairing", "law"}),
               1);
  q_.active_placements = 1;
  q_.placements_last_24_months = 3;
  const Recommendations r = Run();
  ASSERT_EQ(r.ranked.size(), 1u);
  const cadre::v1::Role& role = *roles_.Find(1);
  EXPECT_EQ(r.ranked[0].role.get(), &role);
  const Score expected = ScoreFor(DefaultScoringPolicy(), role, profile_, 1, 3);
  ASSERT_EQ(r.ranked[0].score.parts.size(), expected.parts.size());
  for (size_t i = 0; i < expected.parts.size(); ++i) {
    EXPECT_EQ(r.ranked[0].score.parts[i].name, expected.parts[i].name);
    EXPECT_EQ(r.ranked[0].score.parts[i].points, expected.parts[i].points);
    EXPECT_EQ(r.ranked[0].score.parts[i].reason, expected.parts[i].reason);
  }
  EXPECT_EQ(r.ranked[0].score.total, expected.total);
  EXPECT_EQ(r.ranked[0].screening.Summary(), "you meet all 6 requirements");
}

TEST_F(RecommenderTest, RanksByTotalThenSoonerClosingThenId) {
  // 5: matches the person's lived experience, so scores highest.
  roles_.Apply(OpenRole(5, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 5, {"diabetes"}), 1);
  // 1, 2, 3, 4: the same score; 3 closes soonest, then 1 and 4 together, then 2.
  for (int64_t id : {1, 2, 3, 4}) {
    cadre::v1::Role role = OpenRole(id, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 5, {"asthma"});
    const int days = id == 3 ? 2 : id == 2 ? 9 : 5;
    testdata::SetTime(Now() + absl::Hours(24 * days), role.mutable_closing_time());
    roles_.Apply(role, 1);
  }
  // 6: as 1 to 4, but asking 9 of the person's 10 hours: fewer availability points.
  roles_.Apply(OpenRole(6, REGION_LONDON, ATTENDANCE_MODE_HYBRID, 9, {"asthma"}), 1);
  const Recommendations r = Run();
  EXPECT_THAT(Names(r),
              ElementsAre("roles/5", "roles/3", "roles/1", "roles/4", "roles/2", "roles/6"));
  for (size_t i = 1; i < r.ranked.size(); ++i) {
    EXPECT_GE(r.ranked[i - 1].score.total, r.ranked[i].score.total);
  }
}

TEST_F(RecommenderTest, KeepsTheBestUpToTheLimit) {
  for (int64_t id = 1; id <= 30; ++id) {
    // Higher ids leave more headroom in hours: a higher availability part.
    roles_.Apply(OpenRole(id, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 1 + (30 - id) / 3), 1);
  }
  q_.limit = 3;
  Recommendations r = Run();
  EXPECT_EQ(r.ranked.size(), 3u);
  EXPECT_EQ(r.considered, 30);
  EXPECT_EQ(r.scored, 3);  // the cheap keys were exact: only the three returned
  const std::vector<std::string> top3 = Names(r);

  q_.limit = 10;
  r = Run();
  ASSERT_EQ(r.ranked.size(), 10u);
  const std::vector<std::string> top10 = Names(r);
  EXPECT_EQ(std::vector<std::string>(top10.begin(), top10.begin() + 3), top3);

  q_.limit = 0;  // clamped to 1
  EXPECT_EQ(Run().ranked.size(), 1u);
  q_.limit = 1000;  // clamped to kMaxRecommendations
  EXPECT_EQ(Run().ranked.size(), 30u);
}

TEST_F(RecommenderTest, LeavesOutExcludedRolesAndRolesPastTheirClosingTime) {
  roles_.Apply(OpenRole(1, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4), 1);
  roles_.Apply(OpenRole(2, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4), 1);
  cadre::v1::Role closing_now = OpenRole(3, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4);
  testdata::SetTime(Now(), closing_now.mutable_closing_time());
  roles_.Apply(closing_now, 1);
  cadre::v1::Role closed_yesterday = OpenRole(4, REGION_LONDON, ATTENDANCE_MODE_REMOTE, 4);
  testdata::SetTime(Now() - absl::Hours(24), closed_yesterday.mutable_closing_time());
  roles_.Apply(closed_yesterday, 1);
  cadre::v1::Role closing_soon = OpenRole(5, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4);
  testdata::SetTime(Now() + absl::Nanoseconds(1), closing_soon.mutable_closing_time());
  roles_.Apply(closing_soon, 1);
  const absl::flat_hash_set<int64_t> applied = {2};
  q_.exclude = &applied;
  q_.include_ineligible = true;  // neither is shown even so
  const Recommendations r = Run();
  EXPECT_THAT(Names(r), ElementsAre("roles/5", "roles/1"));
  EXPECT_EQ(r.considered, 2);
  EXPECT_EQ(r.open_roles, 3);  // 1, 2 and 5 take applications
}

TEST_F(RecommenderTest, OneRoleIsScoredAndScreenedEligibleOrNotAndExcludedOrNot) {
  // In the North West in person: not eligible; and the person applied to it.
  roles_.Apply(OpenRole(1, REGION_NORTH_WEST, ATTENDANCE_MODE_IN_PERSON, 4, {"diabetes"}), 1);
  roles_.Apply(OpenRole(2, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4), 1);
  cadre::v1::Role closed = OpenRole(3, REGION_LONDON, ATTENDANCE_MODE_REMOTE, 4);
  testdata::SetTime(Now(), closed.mutable_closing_time());
  roles_.Apply(closed, 1);
  const absl::flat_hash_set<int64_t> applied = {1};
  q_.exclude = &applied;
  q_.active_placements = 1;
  q_.placements_last_24_months = 2;
  const Recommendations r = RecommendOne(roles_, DefaultScoringPolicy(), q_, 1);
  ASSERT_EQ(r.ranked.size(), 1u);
  const cadre::v1::Role& role = *roles_.Find(1);
  EXPECT_EQ(r.ranked[0].role.get(), &role);
  const Score expected = ScoreFor(DefaultScoringPolicy(), role, profile_, 1, 2);
  ASSERT_EQ(r.ranked[0].score.parts.size(), expected.parts.size());
  for (size_t i = 0; i < expected.parts.size(); ++i) {
    EXPECT_EQ(r.ranked[0].score.parts[i].points, expected.parts[i].points);
    EXPECT_EQ(r.ranked[0].score.parts[i].reason, expected.parts[i].reason);
  }
  EXPECT_EQ(r.ranked[0].score.total, expected.total);
  EXPECT_FALSE(r.ranked[0].screening.eligible());
  EXPECT_EQ(r.ranked[0].screening.Summary(),
            Screen(ScreeningInput{role, 0, profile_, {}, 1, testdata::Today()}).Summary());
  EXPECT_EQ(r.considered, 1);
  EXPECT_EQ(r.scored, 1);
  EXPECT_EQ(r.open_roles, 2);
  // Past its closing time, or not in the set: nothing.
  for (const int64_t id : {int64_t{3}, int64_t{4}}) {
    const Recommendations none = RecommendOne(roles_, DefaultScoringPolicy(), q_, id);
    EXPECT_THAT(none.ranked, IsEmpty()) << id;
    EXPECT_EQ(none.considered, 0);
    EXPECT_EQ(none.scored, 0);
    EXPECT_EQ(none.open_roles, 2);
  }
}

TEST_F(RecommenderTest, WithIneligibleShowsThemAfterTheEligibleWithWhatTheyLack) {
  roles_.Apply(OpenRole(1, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4), 1);  // 100 points
  // Better fits, but in the North West in person (90 points), or asking 40 hours (95).
  roles_.Apply(
      OpenRole(2, REGION_NORTH_WEST, ATTENDANCE_MODE_IN_PERSON, 4, {"diabetes"}, {"finance"}), 1);
  roles_.Apply(OpenRole(3, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 40, {"diabetes"}), 1);
  EXPECT_THAT(Names(Run()), ElementsAre("roles/1"));
  q_.include_ineligible = true;
  const Recommendations r = Run();
  ASSERT_THAT(Names(r), ElementsAre("roles/1", "roles/3", "roles/2"));
  EXPECT_TRUE(r.ranked[0].screening.eligible());
  EXPECT_EQ(r.ranked[1].score.total, 95);
  EXPECT_EQ(r.ranked[1].screening.Summary(),
            "you meet 5 of 6 requirements: the role asks 40 hours a month; you have 10");
  EXPECT_EQ(r.ranked[2].score.total, 90);
  EXPECT_EQ(r.ranked[2].screening.Summary(),
            "you meet 5 of 6 requirements: the role is in the North West and in person; you "
            "are in London");
  EXPECT_EQ(r.considered, 3);
  EXPECT_EQ(r.scored, 3);
}

TEST_F(RecommenderTest, WithIneligibleTheEligibleComeFirstUpToTheLimit) {
  for (int64_t id = 1; id <= 5; ++id) {
    roles_.Apply(OpenRole(id, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4), 1);
  }
  // Not eligible: in person elsewhere (90 points), or more hours than the person has (95).
  for (int64_t id = 6; id <= 8; ++id) {
    roles_.Apply(OpenRole(id, REGION_NORTH_WEST, ATTENDANCE_MODE_IN_PERSON, 0), 1);
  }
  roles_.Apply(OpenRole(9, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 20), 1);
  roles_.Apply(OpenRole(10, REGION_LONDON, ATTENDANCE_MODE_REMOTE, 30), 1);
  q_.include_ineligible = true;
  q_.limit = 3;
  Recommendations r = Run();
  EXPECT_THAT(Names(r), ElementsAre("roles/1", "roles/2", "roles/3"));
  EXPECT_EQ(r.considered, 10);
  EXPECT_EQ(r.scored, 3);

  q_.limit = 7;
  r = Run();
  EXPECT_THAT(Names(r), ElementsAre("roles/1", "roles/2", "roles/3", "roles/4", "roles/5",
                                    "roles/9", "roles/10"));
  EXPECT_FALSE(r.ranked[5].screening.eligible());
  EXPECT_EQ(r.ranked[5].score.total, 95);
  EXPECT_EQ(r.considered, 10);
  EXPECT_EQ(r.scored, 7);
}

TEST_F(RecommenderTest, NothingWhenThePersonHoldsTheMostRolesTheyWillTake) {
  roles_.Apply(OpenRole(1, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4), 1);
  q_.active_placements = 3;
  Recommendations r = Run();
  EXPECT_THAT(r.ranked, IsEmpty());
  EXPECT_EQ(r.considered, 1);
  EXPECT_EQ(r.scored, 0);
  q_.include_ineligible = true;
  r = Run();
  ASSERT_EQ(r.ranked.size(), 1u);
  EXPECT_FALSE(r.ranked[0].screening.eligible());
}

TEST_F(RecommenderTest, TagsNoRoleNamesMatchNothing) {
  roles_.Apply(OpenRole(1, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4, {"asthma"}), 1);
  profile_.add_lived_experience("a-tag-no-role-names");
  const Recommendations r = Run();
  ASSERT_EQ(r.ranked.size(), 1u);
  EXPECT_EQ(r.ranked[0].score.parts[0].points, 0);
  roles_.ReadIndex([](const RoleIndex& index) {
    EXPECT_FALSE(index.dictionary().Find("a-tag-no-role-names").has_value());  // not added
  });
}

TEST_F(RecommenderTest, AnswersWhileTheSetChanges) {
  for (int64_t id = 1; id <= 200; ++id) {
    roles_.Apply(OpenRole(id, REGION_LONDON, ATTENDANCE_MODE_IN_PERSON, 4), 1);
  }
  cadre::testing::RunOnThreads(4, [&](int t) {
    for (int i = 0; i < 200; ++i) {
      if (t == 0) {
        cadre::v1::Role role = OpenRole(1 + i, REGION_LONDON, ATTENDANCE_MODE_REMOTE, 4);
        if (i % 3 == 0) role.set_state(cadre::v1::ROLE_STATE_CLOSED);
        roles_.Apply(role, 2);
      } else {
        const Recommendations r = Run();
        EXPECT_EQ(r.ranked.size(), 10u);
        for (const RoleRecommendation& rec : r.ranked) EXPECT_TRUE(rec.screening.eligible());
      }
    }
  });
}

TEST_F(RecommenderTest, LooseKeysGiveTheSameAnswerAfterScoringMore) {
  for (int64_t id = 1; id <= 60; ++id) {
    cadre::v1::Role role =
        OpenRole(id, id % 2 == 0 ? REGION_LONDON : REGION_NORTH_WEST,
                 id % 3 == 0 ? ATTENDANCE_MODE_REMOTE : ATTENDANCE_MODE_IN_PERSON, id % 12);
    if (id % 4 == 0) role.add_topics("diabetes");
    roles_.Apply(role, 1);
  }
  q_.limit = 7;
  const Recommendations exact = Run();
  const Recommendations loose =
      RecommendWithLooseKeysForTest(roles_, DefaultScoringPolicy(), q_, /*slack_points=*/5);
  EXPECT_EQ(Names(loose), Names(exact));
  EXPECT_EQ(loose.considered, exact.considered);
  EXPECT_GT(loose.scored, exact.scored);
}

}  // namespace
}  // namespace cadre::matching
