// Recommend against brute force: over a few thousand random roles (updated and dropped at
// random too) and a few hundred random people and queries, what Recommend returns equals
// ScoreFor and Screen over every role, then sorted and cut: the same roles, in the same
// order, with the same totals and eligibility. Small vocabularies and few distinct hours
// make ties common, so the tie-breaks are exercised. The seed is fixed: a failure
// reproduces.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "services/matching/view/open_roles.h"
#include "services/matching/view/recommender.h"
#include "tests/matching/view/recommend_test_data.h"

namespace cadre::matching {
namespace {

using testdata::Now;

constexpr int kRoles = 3000;
constexpr int kQueries = 300;

const std::vector<std::string>& Topics() {
  static const auto* kTopics = new std::vector<std::string>{
      "diabetes", "maternity", "dementia", "asthma", "stroke", "cancer", "mental-health", "autism"};
  return *kTopics;
}

const std::vector<std::string>& Expertise() {
  static const auto* kExpertise = new std::vector<std::string>{
      "finance", "governance", "chairing", "law", "data-analysis", "digital"};
  return *kExpertise;
}

const std::vector<std::string>& Credentials() {
  static const auto* kCredentials = new std::vector<std::string>{
      "dbs-basic", "dbs-standard", "dbs-enhanced", "modules/ppv-induction", "first-aid"};
  return *kCredentials;
}

class Random {
 public:
  explicit Random(uint32_t seed) : engine_(seed) {}
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(engine_); }
  bool OneIn(int n) { return Int(1, n) == 1; }
  const std::string& Of(const std::vector<std::string>& v) {
    return v[static_cast<size_t>(Int(0, static_cast<int>(v.size()) - 1))];
  }
  std::string Body() { return absl::StrCat("bodies/B", Int(1, 6)); }

 private:
  std::mt19937 engine_;
};

cadre::v1::Role RandomRole(Random& rnd, int64_t id) {
  cadre::v1::Role r;
  r.set_name(absl::StrCat("roles/", id));
  r.set_body(rnd.Body());
  r.set_title(absl::StrCat("Role ", id));
  r.set_state(rnd.OneIn(8) ? cadre::v1::ROLE_STATE_CLOSED : cadre::v1::ROLE_STATE_OPEN);
  r.mutable_location()->set_region(static_cast<cadre::v1::Region>(rnd.Int(0, 8)));
  r.mutable_location()->set_mode(static_cast<cadre::v1::AttendanceMode>(rnd.Int(0, 3)));
  // Few distinct hours, so totals tie; now and then none, or past the index's slots.
  const int hours = rnd.OneIn(50) ? 250 : rnd.OneIn(10) ? 0 : rnd.Int(1, 12);
  r.mutable_time_commitment()->set_hours_per_month(hours);
  for (int i = rnd.Int(0, 5); i > 0; --i) r.add_topics(rnd.Of(Topics()));  // may repeat
  for (int i = rnd.Int(0, 4); i > 0; --i) r.add_expertise_sought(rnd.Of(Expertise()));
  if (rnd.OneIn(5)) {
    for (int i = rnd.Int(1, 2); i > 0; --i) r.add_required_credentials(rnd.Of(Credentials()));
  }
  if (rnd.OneIn(6)) r.set_minimum_age(rnd.Int(16, 25));
  if (!rnd.OneIn(40)) {
    // Mostly ahead; some behind, some at the very second; few distinct days, so ties.
    const int days = rnd.Int(-3, 20);
    testdata::SetTime(Now() + absl::Hours(24 * days) + absl::Nanoseconds(rnd.OneIn(3) ? 1 : 0),
                      r.mutable_closing_time());
  }
  return r;
}

cadre::v1::Credential RandomCredential(Random& rnd) {
  cadre::v1::Credential c;
  c.set_kind(rnd.Of(Credentials()));
  *c.mutable_issue_date() = testdata::Day(2025, 1, 1);
  // Expired, or not; now and then revoked.
  *c.mutable_expiry_date() = rnd.OneIn(3) ? testdata::Day(2026, 6, 14) : testdata::Day(2027, 1, 1);
  if (rnd.OneIn(6)) c.mutable_revoke_time()->set_seconds(1767225600);
  return c;
}

cadre::v1::Profile RandomProfile(Random& rnd) {
  cadre::v1::Profile p;
  p.set_display_name("Person");
  p.set_region(static_cast<cadre::v1::Region>(rnd.Int(0, 8)));
  if (rnd.OneIn(30)) {
    *p.mutable_date_of_birth() = testdata::Day(2000, 13, 1);  // not a day: fails any minimum
  } else {
    *p.mutable_date_of_birth() = testdata::Day(rnd.Int(2000, 2011), rnd.Int(1, 12), 15);
  }
  for (int i = rnd.Int(0, 4); i > 0; --i) p.add_lived_experience(rnd.Of(Topics()));
  if (rnd.OneIn(4)) p.add_lived_experience("a-topic-no-role-names");
  for (int i = rnd.Int(0, 3); i > 0; --i) p.add_skills(rnd.Of(Expertise()));
  for (int i = rnd.Int(0, 3); i > 0; --i) p.add_expertise(rnd.Of(Expertise()));
  p.set_availability_hours_per_month(rnd.OneIn(20) ? 300 : rnd.Int(0, 12));
  p.set_max_concurrent_roles(rnd.Int(0, 3));
  for (int i = rnd.Int(0, 2); i > 0; --i) {
    cadre::v1::DeclaredInterest* d = p.add_declared_interests();
    d->set_body(rnd.OneIn(5) ? "bodies/NOT-A-ROLES-BODY" : rnd.Body());
    d->set_kind(static_cast<cadre::v1::DeclaredInterest::Kind>(rnd.Int(0, 2)));
  }
  return p;
}

struct Brute {
  std::vector<int64_t> ids;
  std::vector<double> totals;
  std::vector<bool> eligible;
  int candidates = 0;  // what Recommend should report as considered
  int open_roles = 0;
};

Brute BruteForce(const OpenRoles& roles, const RecommendQuery& q) {
  struct Row {
    bool eligible;
    double total;
    absl::Time closing;
    int64_t id;
  };
  Brute out;
  std::vector<Row> rows;
  for (const OpenRolePtr& role : roles.Snapshot()) {
    // No closing time: open to applications until the role is filled or closed.
    const absl::Time closing = role->has_closing_time()
                                   ? absl::FromUnixSeconds(role->closing_time().seconds()) +
                                         absl::Nanoseconds(role->closing_time().nanos())
                                   : absl::InfiniteFuture();
    if (closing <= q.now) continue;
    ++out.open_roles;
    const int64_t id = *RoleIdOf(role->name());
    if (q.exclude != nullptr && q.exclude->contains(id)) continue;
    const Screening s = Screen(ScreeningInput{*role, role->minimum_age(), *q.profile, q.credentials,
                                              q.active_placements, q.today});
    const bool where = role->location().mode() == cadre::v1::ATTENDANCE_MODE_REMOTE ||
                       role->location().region() == cadre::v1::REGION_NATIONAL ||
                       role->location().region() == q.profile->region();
    const bool hours =
        role->time_commitment().hours_per_month() <= q.profile->availability_hours_per_month();
    if (q.include_ineligible || (where && hours)) ++out.candidates;
    if (!q.include_ineligible && !s.eligible()) continue;
    const Score score = ScoreFor(DefaultScoringPolicy(), *role, *q.profile, q.active_placements,
                                 q.placements_last_24_months);
    rows.push_back(Row{s.eligible(), score.total, closing, id});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.eligible != b.eligible) return a.eligible;
    if (a.total != b.total) return a.total > b.total;
    if (a.closing != b.closing) return a.closing < b.closing;
    return a.id < b.id;
  });
  const size_t limit = static_cast<size_t>(std::clamp(q.limit, 1, kMaxRecommendations));
  for (size_t i = 0; i < rows.size() && i < limit; ++i) {
    out.ids.push_back(rows[i].id);
    out.totals.push_back(rows[i].total);
    out.eligible.push_back(rows[i].eligible);
  }
  return out;
}

void ExpectSame(const Recommendations& got, const Brute& want, const std::string& what) {
  SCOPED_TRACE(what);
  std::vector<int64_t> ids;
  for (const RoleRecommendation& r : got.ranked) ids.push_back(*RoleIdOf(r.role->name()));
  ASSERT_EQ(ids, want.ids);
  for (size_t i = 0; i < got.ranked.size(); ++i) {
    EXPECT_EQ(got.ranked[i].score.total, want.totals[i]) << "at " << i;
    EXPECT_EQ(got.ranked[i].screening.eligible(), want.eligible[i]) << "at " << i;
  }
  EXPECT_EQ(got.considered, want.candidates);
  EXPECT_EQ(got.open_roles, want.open_roles);
  EXPECT_LE(got.scored, got.considered);
}

TEST(RecommenderPropertyTest, EqualsScoringAndScreeningEveryRole) {
  Random rnd(20260615);
  OpenRoles roles;
  for (int64_t id = 1; id <= kRoles; ++id) roles.Apply(RandomRole(rnd, id), 1);
  // Later versions of a third of them: moved, changed or dropped.
  for (int i = 0; i < kRoles / 3; ++i) {
    const int64_t id = rnd.Int(1, kRoles);
    roles.Apply(RandomRole(rnd, id), roles.VersionOf(id) + 1);
  }

  int exact_scored = 0;
  int exact_returned = 0;
  for (int n = 0; n < kQueries; ++n) {
    const cadre::v1::Profile profile = RandomProfile(rnd);
    std::vector<cadre::v1::Credential> held;
    for (int i = rnd.Int(0, 3); i > 0; --i) held.push_back(RandomCredential(rnd));
    absl::flat_hash_set<int64_t> exclude;
    for (int i = rnd.Int(0, 40); i > 0; --i) exclude.insert(rnd.Int(1, kRoles));

    RecommendQuery q;
    q.profile = &profile;
    q.credentials = held;
    q.active_placements = rnd.Int(0, 3);
    q.placements_last_24_months = q.active_placements + rnd.Int(0, 4);
    q.today = testdata::Today();
    q.now = Now();
    q.limit = rnd.OneIn(4) ? rnd.Int(1, 250) : rnd.Int(1, 20);
    q.include_ineligible = rnd.OneIn(3);
    q.exclude = rnd.OneIn(2) ? &exclude : nullptr;
    const std::string what =
        absl::StrCat("query ", n, ": limit ", q.limit, q.include_ineligible ? ", ineligible" : "");

    const Brute want = BruteForce(roles, q);
    const Recommendations got = Recommend(roles, DefaultScoringPolicy(), q);
    ExpectSame(got, want, what);
    exact_scored += got.scored;
    exact_returned += static_cast<int>(got.ranked.size());
    // The cheap keys are exact: what was scored in full is what was returned.
    EXPECT_EQ(got.scored, static_cast<int>(got.ranked.size())) << what;

    // Loose keys must change the work, never the answer.
    for (double slack : {0.0, 0.01, 12.5}) {
      ExpectSame(RecommendWithLooseKeysForTest(roles, DefaultScoringPolicy(), q, slack), want,
                 absl::StrCat(what, ", loose by ", slack));
    }
    if (::testing::Test::HasFailure()) break;  // one query's failures are enough to read
  }
  EXPECT_EQ(exact_scored, exact_returned);
}

}  // namespace
}  // namespace cadre::matching
