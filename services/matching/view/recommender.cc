#include "services/matching/view/recommender.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "services/matching/domain/credential_rules.h"
#include "services/matching/domain/dates.h"
#include "services/matching/domain/limits.h"
#include "services/matching/domain/shortlist_view.h"

namespace cadre::matching {
namespace {

// Where a role ranks: eligible first, then the higher total, then the sooner closing
// time, then the lower id. Two roles never tie (ids differ).
struct Key {
  bool eligible = false;
  double total = 0;
  absl::Time closing_time;
  int64_t id = 0;
};

bool Before(const Key& a, const Key& b) {
  if (a.eligible != b.eligible) return a.eligible;
  if (a.total != b.total) return a.total > b.total;
  if (a.closing_time != b.closing_time) return a.closing_time < b.closing_time;
  return a.id < b.id;
}

// A part's points as scoring.cc gives them: the weight times the fraction clamped to
// 0..1, rounded to 2 decimal places. The same operations in the same order, so the same
// double.
double Points(double weight, double fraction) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  return std::round(weight * fraction * 100.0) / 100.0;
}

// A share part (found of wanted; full when nothing is wanted), from a table for up to 20
// wanted (the registry's limit) so that a candidate costs no rounding.
class SharePoints {
 public:
  explicit SharePoints(double weight) : weight_(weight) {
    for (int wanted = 0; wanted <= kTabled; ++wanted) {
      for (int found = 0; found <= wanted; ++found) {
        table_[Index(found, wanted)] = Compute(found, wanted);
      }
    }
  }

  double operator()(int found, int wanted) const {
    return wanted <= kTabled ? table_[Index(found, wanted)] : Compute(found, wanted);
  }

 private:
  static constexpr int kTabled = 20;
  static int Index(int found, int wanted) { return wanted * (wanted + 1) / 2 + found; }
  double Compute(int found, int wanted) const {
    return Points(weight_, wanted == 0 ? 1.0 : static_cast<double>(found) / wanted);
  }

  double weight_;
  std::array<double, (kTabled + 1) * (kTabled + 2) / 2> table_;
};

// A person's tags as dictionary ids: a sorted vector (at most 20 a list) behind a 64-bit
// mask, so that most role tags are ruled out by one bit.
class TagSet {
 public:
  void Add(absl::optional<uint32_t> id) {
    if (!id.has_value()) return;  // no role names it
    ids_.push_back(*id);
    mask_ |= uint64_t{1} << (*id & 63);
  }
  void Seal() {
    std::sort(ids_.begin(), ids_.end());
    ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
  }
  size_t size() const { return ids_.size(); }
  // How many of `tags` (distinct) are in the set.
  int CountIn(absl::Span<const uint32_t> tags) const {
    if (ids_.empty()) return 0;
    int n = 0;
    for (const uint32_t t : tags) {
      if (((mask_ >> (t & 63)) & 1) != 0 && std::binary_search(ids_.begin(), ids_.end(), t)) {
        ++n;
      }
    }
    return n;
  }

 private:
  std::vector<uint32_t> ids_;
  uint64_t mask_ = 0;
};

// One role found, with the key it ranks by and the role it is.
struct Found {
  Key key;
  const IndexedRole* role = nullptr;
};

bool FoundBefore(const Found& a, const Found& b) { return Before(a.key, b.key); }

// Keeps the `limit` best of what it is offered in a heap whose front is the worst kept.
template <typename T, bool (*kBefore)(const T&, const T&)>
class TopK {
 public:
  explicit TopK(size_t limit) : limit_(limit) { items_.reserve(limit); }

  bool full() const { return items_.size() == limit_; }
  // The worst kept; only when full().
  const T& worst() const { return items_.front(); }
  // Whether `key` would be kept.
  bool Admits(const Key& key) const { return !full() || Before(key, KeyOf(items_.front())); }
  void Offer(T item) {
    if (!full()) {
      items_.push_back(std::move(item));
      std::push_heap(items_.begin(), items_.end(), kBefore);
    } else if (kBefore(item, items_.front())) {
      std::pop_heap(items_.begin(), items_.end(), kBefore);
      items_.back() = std::move(item);
      std::push_heap(items_.begin(), items_.end(), kBefore);
    }
  }
  // What was kept, best first; leaves the heap empty.
  std::vector<T> TakeSorted() {
    std::sort(items_.begin(), items_.end(), kBefore);
    return std::move(items_);
  }

 private:
  static const Key& KeyOf(const T& item) { return item.key; }

  size_t limit_;
  std::vector<T> items_;
};

// A role scored and screened in full.
struct Full {
  Key key;
  const IndexedRole* role = nullptr;
  Score score;
  Screening screening;
};

bool FullBefore(const Full& a, const Full& b) { return Before(a.key, b.key); }

// One call's work, under the set's reader lock.
class Ranker {
 public:
  Ranker(const RoleIndex& index, const ScoringPolicy& policy, const RecommendQuery& q, double slack,
         bool loose)
      : index_(index),
        policy_(policy),
        q_(q),
        profile_(*q.profile),
        slack_(slack),
        loose_(loose),
        limit_(static_cast<size_t>(std::clamp(q.limit, 1, kMaxRecommendations))),
        available_(profile_.availability_hours_per_month()),
        lived_points_(policy.lived_experience),
        skills_points_(policy.skills),
        expertise_points_(policy.expertise) {
    const TagDictionary& tags = index.dictionary();
    for (const std::string& t : profile_.lived_experience()) lived_.Add(tags.Find(t));
    for (const std::string& t : profile_.skills()) brings_.Add(tags.Find(t));
    for (const std::string& t : profile_.expertise()) {
      brings_.Add(tags.Find(t));
      expertise_.Add(tags.Find(t));
    }
    lived_.Seal();
    brings_.Seal();
    expertise_.Seal();
    for (const cadre::v1::DeclaredInterest& d : profile_.declared_interests()) {
      if (d.kind() != cadre::v1::DeclaredInterest::KIND_WORKS_FOR &&
          d.kind() != cadre::v1::DeclaredInterest::KIND_CONFLICT) {
        continue;
      }
      if (absl::optional<uint32_t> body = tags.Find(d.body()); body.has_value()) {
        conflicts_.push_back(*body);
      }
    }
    const int most = profile_.max_concurrent_roles() > 0 ? profile_.max_concurrent_roles()
                                                         : kDefaultConcurrentRoles;
    concurrent_ok_ = q.active_placements < most;
    for (int asked = 0; asked <= RoleIndex::kMaxSlottedHours; ++asked) {
      availability_points_[asked] = ComputeAvailability(asked);
    }
    location_points_[0] = Points(policy.location, 0.0);
    location_points_[1] = Points(policy.location, 0.5);
    location_points_[2] = Points(policy.location, 1.0);
    const int active = std::max(0, q.active_placements);
    const int last_24_months = std::max(0, q.placements_last_24_months);
    spread_points_ = Points(policy.spread, 1.0 / (1.0 + active + 0.5 * last_24_months));
    age_met_.fill(-1);
  }

  Recommendations Run() {
    Recommendations out;
    out.open_roles = static_cast<int>(index_.CountTakingApplications(q_.now));

    // Steps 1 and 2: the `limit` best cheap keys. Once `limit` are kept, a first look at
    // a candidate's counts (not its tags) rules most out.
    TopK<Found, FoundBefore> top(limit_);
    int offered = 0;
    bool skipped = false;  // candidates not offered to `top` at all
    const auto offer = [&](const IndexedRole& r) {
      const bool eligible = loose_ || CheapEligible(r);
      if (!q_.include_ineligible && !eligible) return;
      ++offered;
      if (top.full() && !top.Admits(FirstLook(r, eligible))) return;
      // Looked up only now: most candidates never get this far.
      if (Excluded(r.id)) return;
      top.Offer(Found{CheapKey(r, eligible), &r});
    };
    if (!q_.include_ineligible) {
      VisitCandidates([&](const IndexedRole& r) {
        ++out.considered;
        offer(r);
      });
    } else {
      // Every role taking applications is a candidate.
      out.considered = out.open_roles;
      // Those the person may be eligible for first (as without include_ineligible). The
      // rest fail the availability or the region check, so once `limit` eligible ones are
      // kept, none of the rest can be: they need no look at all. (Not with loose keys,
      // which take every candidate as possibly eligible.)
      const auto open = [&](const IndexedRole& r) {
        if (r.closing_time > q_.now) offer(r);
      };
      const cadre::v1::Region region = profile_.region();
      index_.ForEachInRegion(region, available_, open);
      index_.ForEachAnywhere(available_, open);
      if (!loose_ && top.full() && top.worst().key.eligible) {
        skipped = true;
      } else if (available_ < std::numeric_limits<int>::max()) {
        index_.ForEachInRegion(region, available_ + 1, std::numeric_limits<int>::max(), open);
        index_.ForEachAnywhere(available_ + 1, std::numeric_limits<int>::max(), open);
        index_.ForEachInRegionsBut(region, open);
      } else {
        index_.ForEachInRegionsBut(region, open);
      }
    }
    out.considered -= ExcludedCandidates();

    // Step 3: those in full, best cheap key first, until no cheap key left can beat the
    // last of the real results.
    TopK<Full, FullBefore> best(limit_);
    const std::vector<Found> tops = top.TakeSorted();
    std::vector<int64_t> scored_ids;
    for (const Found& f : tops) {
      if (!best.Admits(f.key)) break;  // nor can any after it
      ScoreInFull(*f.role, best, out);
      scored_ids.push_back(f.role->id);
    }
    // A role outside `tops` has a cheap key after the last of them, so a real key after it
    // too. Unless the real results already end before that, score on.
    const bool settled = (!skipped && offered <= static_cast<int>(limit_)) ||
                         (best.full() && !Before(tops.back().key, best.worst().key));
    if (!settled) {
      std::sort(scored_ids.begin(), scored_ids.end());
      VisitCandidates([&](const IndexedRole& r) {
        const bool eligible = loose_ || CheapEligible(r);
        if (!q_.include_ineligible && !eligible) return;
        if (!best.Admits(FirstLook(r, eligible))) return;
        if (!best.Admits(CheapKey(r, eligible))) return;
        if (Excluded(r.id)) return;
        if (std::binary_search(scored_ids.begin(), scored_ids.end(), r.id)) return;
        ScoreInFull(r, best, out);
      });
    }

    for (Full& f : best.TakeSorted()) {
      out.ranked.push_back(
          RoleRecommendation{f.role->role, std::move(f.score), std::move(f.screening)});
    }
    return out;
  }

 private:
  // Calls `visit` on each candidate but for exclusions: taking applications, and unless
  // include_ineligible in the person's region or anywhere, within their hours.
  template <typename Visit>
  void VisitCandidates(Visit&& visit) const {
    const auto candidate = [&](const IndexedRole& r) {
      if (r.closing_time > q_.now) visit(r);
    };
    if (q_.include_ineligible) {
      index_.ForEach(candidate);
    } else {
      index_.ForEachInRegion(profile_.region(), available_, candidate);
      index_.ForEachAnywhere(available_, candidate);
    }
  }

  // Whether VisitCandidates visits `r`.
  bool IsCandidate(const IndexedRole& r) const {
    if (r.closing_time <= q_.now) return false;
    return q_.include_ineligible ||
           (r.hours_per_month <= available_ && (r.anywhere() || r.region == profile_.region()));
  }

  bool Excluded(int64_t id) const { return q_.exclude != nullptr && q_.exclude->contains(id); }

  // How many excluded roles VisitCandidates visits: a few lookups, where testing every
  // candidate would cost one each.
  int ExcludedCandidates() const {
    if (q_.exclude == nullptr) return 0;
    int n = 0;
    for (const int64_t id : *q_.exclude) {
      const IndexedRole* r = index_.Find(id);
      if (r != nullptr && IsCandidate(*r)) ++n;
    }
    return n;
  }

  // The key from the role's features: `eligible` (Screen's, from CheapEligible) and
  // exactly ScoreFor's total (plus the slack, for tests).
  Key CheapKey(const IndexedRole& r, bool eligible) const {
    const int wanted = r.expertise_count;
    const int brings = brings_.CountIn(r.expertise());
    const int expertise = brings == 0 ? 0 : expertise_.CountIn(r.expertise());
    return KeyOf(r, eligible, lived_.CountIn(r.topics()), brings, expertise, wanted);
  }

  // A key no worse than CheapKey's, from the counts of the role's tags alone: as if every
  // tag the person has that could match did. Each part's points grow with what is found.
  Key FirstLook(const IndexedRole& r, bool eligible) const {
    const int wanted = r.expertise_count;
    return KeyOf(r, eligible, std::min<int>(lived_.size(), r.topic_count),
                 std::min<int>(brings_.size(), wanted), std::min<int>(expertise_.size(), wanted),
                 wanted);
  }

  Key KeyOf(const IndexedRole& r, bool eligible, int lived, int brings, int expertise,
            int wanted) const {
    // In ScoreFor's order of parts, each added to the running total.
    double total = 0;
    total += lived_points_(lived, r.topic_count);
    total += skills_points_(brings, wanted);
    total += expertise_points_(expertise, wanted);
    total += AvailabilityPoints(r.hours_per_month);
    total += location_points_[LocationIndex(r)];
    total += spread_points_;
    return Key{eligible, total + slack_, r.closing_time, r.id};
  }

  // Screen's six checks, from the features.
  bool CheapEligible(const IndexedRole& r) {
    if (!concurrent_ok_) return false;
    if (r.hours_per_month > available_) return false;
    if (!r.anywhere() && r.region != profile_.region()) return false;
    if (std::find(conflicts_.begin(), conflicts_.end(), r.body) != conflicts_.end()) {
      return false;
    }
    if (!MeetsAge(r.minimum_age)) return false;
    return r.credential_count == 0 || CredentialsMet(r);
  }

  bool MeetsAge(int minimum) {
    if (minimum <= 0) return true;
    const auto compute = [&] {
      return CheckDate(profile_.date_of_birth(), "date_of_birth").ok() &&
             MeetsMinimumAge(profile_.date_of_birth(), minimum, q_.today);
    };
    if (minimum >= static_cast<int>(age_met_.size())) return compute();
    int8_t& met = age_met_[minimum];
    if (met < 0) met = compute() ? 1 : 0;
    return met == 1;
  }

  // Each requirement is met or not on its own (CheckRequirements), so once a call, by id.
  bool CredentialsMet(const IndexedRole& r) {
    for (const uint32_t id : r.credentials()) {
      auto it = credential_met_.find(id);
      if (it == credential_met_.end()) {
        // New this call: find out for each of the role's, by name (the features hold ids).
        for (const std::string& required : r.role->required_credentials()) {
          const std::vector<RequirementCheck> check =
              CheckRequirements(absl::MakeConstSpan(&required, 1), q_.credentials, q_.today);
          credential_met_.try_emplace(*index_.dictionary().Find(required),
                                      check[0].outcome == RequirementOutcome::kMet);
        }
        it = credential_met_.find(id);
      }
      if (!it->second) return false;
    }
    return true;
  }

  double ComputeAvailability(int asked) const {
    if (asked <= 0) return Points(policy_.availability, 1.0);
    const double headroom = static_cast<double>(available_ - asked) / asked;
    return Points(policy_.availability, std::min(1.0, std::max(0.0, headroom)));
  }

  double AvailabilityPoints(int asked) const {
    return asked >= 0 && asked <= RoleIndex::kMaxSlottedHours ? availability_points_[asked]
                                                              : ComputeAvailability(asked);
  }

  // 2: full (remote, national or in the person's region); 1: half (hybrid elsewhere); 0.
  int LocationIndex(const IndexedRole& r) const {
    if (r.anywhere() || r.region == profile_.region()) return 2;
    return r.mode == cadre::v1::ATTENDANCE_MODE_HYBRID ? 1 : 0;
  }

  void ScoreInFull(const IndexedRole& r, TopK<Full, FullBefore>& best, Recommendations& out) {
    ++out.scored;
    Full f;
    f.role = &r;
    f.screening = Screen(ScreeningInput{*r.role, r.role->minimum_age(), profile_, q_.credentials,
                                        q_.active_placements, q_.today});
    if (!q_.include_ineligible && !f.screening.eligible()) return;
    f.score =
        ScoreFor(policy_, *r.role, profile_, q_.active_placements, q_.placements_last_24_months);
    f.key = Key{f.screening.eligible(), f.score.total, r.closing_time, r.id};
    if (best.Admits(f.key)) best.Offer(std::move(f));
  }

  const RoleIndex& index_;
  const ScoringPolicy& policy_;
  const RecommendQuery& q_;
  const cadre::v1::Profile& profile_;
  const double slack_;
  const bool loose_;
  const size_t limit_;
  const int available_;

  TagSet lived_;                     // lived_experience
  TagSet brings_;                    // skills and expertise
  TagSet expertise_;                 // expertise
  std::vector<uint32_t> conflicts_;  // bodies the person works for or has a conflict with
  bool concurrent_ok_ = false;

  SharePoints lived_points_;
  SharePoints skills_points_;
  SharePoints expertise_points_;
  std::array<double, RoleIndex::kMaxSlottedHours + 1> availability_points_{};
  std::array<double, 3> location_points_{};
  double spread_points_ = 0;

  std::array<int8_t, 64> age_met_{};  // by minimum age: -1 not yet known, 0 no, 1 yes
  absl::flat_hash_map<uint32_t, bool> credential_met_;  // by requirement's id
};

Recommendations RecommendImpl(const OpenRoles& roles, const ScoringPolicy& policy,
                              const RecommendQuery& q, double slack, bool loose) {
  Recommendations out;
  if (q.profile == nullptr) return out;
  roles.ReadIndex([&](const RoleIndex& index) {
    Ranker ranker(index, policy, q, slack, loose);
    out = ranker.Run();
  });
  return out;
}

}  // namespace

Recommendations Recommend(const OpenRoles& roles, const ScoringPolicy& policy,
                          const RecommendQuery& q) {
  return RecommendImpl(roles, policy, q, /*slack=*/0, /*loose=*/false);
}

Recommendations RecommendOne(const OpenRoles& roles, const ScoringPolicy& policy,
                             const RecommendQuery& q, int64_t role_id) {
  Recommendations out;
  if (q.profile == nullptr) return out;
  roles.ReadIndex([&](const RoleIndex& index) {
    out.open_roles = static_cast<int>(index.CountTakingApplications(q.now));
    const IndexedRole* r = index.Find(role_id);
    if (r == nullptr || r->closing_time <= q.now) return;
    out.considered = 1;
    out.scored = 1;
    // As Ranker::ScoreInFull, without its eligibility filter.
    out.ranked.push_back(RoleRecommendation{
        r->role,
        ScoreFor(policy, *r->role, *q.profile, q.active_placements, q.placements_last_24_months),
        Screen(ScreeningInput{*r->role, r->role->minimum_age(), *q.profile, q.credentials,
                              q.active_placements, q.today})});
  });
  return out;
}

Recommendations RecommendWithLooseKeysForTest(const OpenRoles& roles, const ScoringPolicy& policy,
                                              const RecommendQuery& q, double slack_points) {
  return RecommendImpl(roles, policy, q, slack_points, /*loose=*/true);
}

}  // namespace cadre::matching
