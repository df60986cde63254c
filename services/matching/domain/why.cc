#include "services/matching/domain/why.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/repeated_field.h"

namespace cadre::matching {
namespace {

using Tags = google::protobuf::RepeatedPtrField<std::string>;

// Tags named in one clause; the rest are counted ("and 2 more").
constexpr size_t kMaxNamedTags = 3;

bool Has(const Tags& tags, const std::string& tag) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

// A tag in words: "type-2-diabetes" is "type 2 diabetes".
std::string Words(const std::string& tag) { return absl::StrReplaceAll(tag, {{"-", " "}}); }

// "a", "a and b", "a, b and c", "a, b, c and 2 more".
std::string JoinTags(const std::vector<std::string>& tags) {
  if (tags.empty()) return "";
  std::vector<std::string> named;
  for (size_t i = 0; i < tags.size() && i < kMaxNamedTags; ++i) named.push_back(Words(tags[i]));
  std::string last;
  if (tags.size() > kMaxNamedTags) {
    last = absl::StrCat(tags.size() - kMaxNamedTags, " more");
  } else {
    last = std::move(named.back());
    named.pop_back();
  }
  if (named.empty()) return last;
  return absl::StrCat(absl::StrJoin(named, ", "), " and ", last);
}

// The distinct tags of `wanted`, in its order, that `in` holds.
std::vector<std::string> Matched(const Tags& wanted, const Tags& in) {
  std::vector<std::string> out;
  for (const std::string& tag : wanted) {
    if (Has(in, tag) && std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(tag);
  }
  return out;
}

double PointsOf(const Score& score, absl::string_view part) {
  for (const ScorePart& p : score.parts) {
    if (p.name == part) return p.points;
  }
  return 0;
}

bool Passed(const Screening& screening, CheckId id) {
  for (const Check& c : screening.checks) {
    if (c.id == id) return c.passed;
  }
  return false;
}

struct Clause {
  double points = 0;
  std::string words;
};

std::string LocationWords(const cadre::v1::Role& role) {
  const cadre::v1::Location& where = role.location();
  if (where.mode() == cadre::v1::ATTENDANCE_MODE_REMOTE) return "it is remote";
  if (where.region() == cadre::v1::REGION_NATIONAL) return "it is open anywhere in England";
  if (where.mode() == cadre::v1::ATTENDANCE_MODE_HYBRID) return "it is hybrid, in your region";
  return "it is in your region";
}

// What matches, best first.
std::vector<Clause> Matches(const cadre::v1::Role& role, const cadre::v1::Profile& profile,
                            const Score& score, const Screening& screening) {
  std::vector<Clause> clauses;
  if (const std::vector<std::string> lived = Matched(role.topics(), profile.lived_experience());
      !lived.empty()) {
    clauses.push_back({PointsOf(score, "lived_experience"),
                       absl::StrCat("matches your lived experience of ", JoinTags(lived))});
  }
  const std::vector<std::string> expertise = Matched(role.expertise_sought(), profile.expertise());
  std::vector<std::string> skills;  // sought, among the person's skills and not expertise
  for (const std::string& tag : Matched(role.expertise_sought(), profile.skills())) {
    if (std::find(expertise.begin(), expertise.end(), tag) == expertise.end()) {
      skills.push_back(tag);
    }
  }
  if (!expertise.empty() || !skills.empty()) {
    std::vector<std::string> parts;
    if (!expertise.empty())
      parts.push_back(absl::StrCat("your expertise in ", JoinTags(expertise)));
    if (!skills.empty()) parts.push_back(absl::StrCat("your skills in ", JoinTags(skills)));
    clauses.push_back({PointsOf(score, "skills") + PointsOf(score, "expertise"),
                       absl::StrCat("it seeks ", absl::StrJoin(parts, " and "))});
  }
  if (Passed(screening, CheckId::kRegion)) {
    clauses.push_back({PointsOf(score, "location"), LocationWords(role)});
  }
  if (Passed(screening, CheckId::kAvailability)) {
    clauses.push_back(
        {PointsOf(score, "availability"), role.time_commitment().hours_per_month() <= 0
                                              ? "it asks no regular hours"
                                              : "you have the time it asks"});
  }
  std::stable_sort(clauses.begin(), clauses.end(),
                   [](const Clause& a, const Clause& b) { return a.points > b.points; });
  return clauses;
}

}  // namespace

std::string WhyForApplicant(const cadre::v1::Role& role, const cadre::v1::Profile& profile,
                            const Score& score, const Screening& screening) {
  std::vector<std::string> clauses;
  for (const Check* failed : screening.failed()) clauses.push_back(failed->reason);
  for (Clause& c : Matches(role, profile, score, screening)) {
    if (clauses.size() >= static_cast<size_t>(kMaxWhyClauses)) break;
    clauses.push_back(std::move(c.words));
  }
  return absl::StrJoin(clauses, "; ");
}

}  // namespace cadre::matching
