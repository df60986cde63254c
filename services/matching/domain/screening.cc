#include "services/matching/domain/screening.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/base/credential_names.h"
#include "services/matching/domain/credential_rules.h"
#include "services/matching/domain/dates.h"
#include "services/matching/domain/limits.h"
#include "services/matching/domain/shortlist_view.h"

namespace cadre::matching {
namespace {

using cadre::v1::AttendanceMode;
using cadre::v1::DeclaredInterest;

// "1 January 2026": the way a date is written to a person in England.
std::string LongDate(const cadre::v1::Date& d) {
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  if (d.month() < 1 || d.month() > 12) return FormatDate(d);
  return absl::StrCat(d.day(), " ", kMonths[d.month() - 1], " ", d.year());
}

// A requirement as a noun phrase without its article: "enhanced DBS check",
// "training module ppv-induction", "accreditation first-aid".
std::string Noun(absl::string_view requirement) {
  switch (cadre::DbsLevel(requirement)) {
    case 1:
      return "basic DBS check";
    case 2:
      return "standard DBS check";
    case 3:
      return "enhanced DBS check";
    default:
      break;
  }
  if (absl::StartsWith(requirement, "modules/")) {
    return absl::StrCat("training module ", requirement.substr(sizeof("modules/") - 1));
  }
  return absl::StrCat("accreditation ", requirement);
}

std::string WithArticle(absl::string_view requirement) {
  const std::string noun = Noun(requirement);
  if (cadre::DbsLevel(requirement) > 0) {
    return absl::StrCat(noun[0] == 'e' ? "an " : "a ", noun);
  }
  return absl::StrCat("the ", noun);
}

// "a", "a and b", "a, b and c".
std::string JoinList(const std::vector<std::string>& items) {
  if (items.size() <= 1) return items.empty() ? "" : items[0];
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return absl::StrCat(absl::StrJoin(head, ", "), " and ", items.back());
}

Check CredentialsCheck(const ScreeningInput& in, Voice voice) {
  Check check{CheckId::kCredentials, true, ""};
  const std::vector<std::string> required(in.role.required_credentials().begin(),
                                          in.role.required_credentials().end());
  if (required.empty()) {
    check.reason = "the role asks for no credentials";
    return check;
  }
  std::vector<std::string> missing;
  std::vector<std::string> expired;
  for (const RequirementCheck& r : CheckRequirements(required, in.credentials, in.today)) {
    switch (r.outcome) {
      case RequirementOutcome::kMet:
        break;
      case RequirementOutcome::kMissing:
        missing.push_back(WithArticle(r.requirement));
        break;
      case RequirementOutcome::kExpired:
        expired.push_back(absl::StrCat(Possessive(voice), " ", Noun(r.requirement), " expired on ",
                                       LongDate(r.expired_on)));
        break;
    }
  }
  if (missing.empty() && expired.empty()) {
    check.reason = required.size() == 1
                       ? absl::StrCat(Subject(voice), " hold ", WithArticle(required[0]))
                       : absl::StrCat(Subject(voice), " hold every credential the role asks for");
    return check;
  }
  check.passed = false;
  std::vector<std::string> clauses;
  if (!missing.empty())
    clauses.push_back(absl::StrCat(Subject(voice), " need ", JoinList(missing)));
  clauses.insert(clauses.end(), expired.begin(), expired.end());
  check.reason = absl::StrJoin(clauses, ", and ");
  return check;
}

std::string Hours(int n) { return absl::StrCat(n, n == 1 ? " hour" : " hours"); }

Check AvailabilityCheck(const ScreeningInput& in, Voice voice) {
  const int asked = in.role.time_commitment().hours_per_month();
  const int available = in.profile.availability_hours_per_month();
  return Check{CheckId::kAvailability, available >= asked,
               absl::StrCat("the role asks ", Hours(asked), " a month; ", Subject(voice), " have ",
                            available)};
}

absl::string_view ModePhrase(AttendanceMode mode) {
  switch (mode) {
    case cadre::v1::ATTENDANCE_MODE_IN_PERSON:
      return " and in person";
    case cadre::v1::ATTENDANCE_MODE_HYBRID:
      return " and hybrid";
    default:
      return "";
  }
}

Check RegionCheck(const ScreeningInput& in, Voice voice) {
  const cadre::v1::Location& where = in.role.location();
  if (where.mode() == cadre::v1::ATTENDANCE_MODE_REMOTE) {
    return Check{CheckId::kRegion, true, "the role is remote"};
  }
  if (where.region() == cadre::v1::REGION_NATIONAL) {
    return Check{CheckId::kRegion, true, "the role is open to people anywhere in England"};
  }
  if (where.region() == in.profile.region()) {
    return Check{
        CheckId::kRegion, true,
        absl::StrCat("the role is in ", RegionPhrase(where.region()), "; so are ", Subject(voice))};
  }
  return Check{
      CheckId::kRegion, false,
      absl::StrCat("the role is in ", RegionPhrase(where.region()), ModePhrase(where.mode()), "; ",
                   Subject(voice), " are in ", RegionPhrase(in.profile.region()))};
}

std::string Roles(int n) { return absl::StrCat(n, n == 1 ? " role" : " roles"); }

Check ConcurrentRolesCheck(const ScreeningInput& in, Voice voice) {
  const int most = in.profile.max_concurrent_roles() > 0 ? in.profile.max_concurrent_roles()
                                                         : kDefaultConcurrentRoles;
  if (in.active_placements < most) {
    return Check{CheckId::kConcurrentRoles, true,
                 absl::StrCat(Subject(voice), " hold ", Roles(in.active_placements), "; ",
                              Possessive(voice), " most at once is ", most)};
  }
  return Check{CheckId::kConcurrentRoles, false,
               absl::StrCat(Subject(voice), " hold ", Roles(in.active_placements), ", ",
                            Possessive(voice), " most at once")};
}

Check ConflictCheck(const ScreeningInput& in, Voice voice) {
  for (const DeclaredInterest& interest : in.profile.declared_interests()) {
    if (interest.body() != in.role.body()) continue;
    if (interest.kind() == DeclaredInterest::KIND_WORKS_FOR) {
      return Check{
          CheckId::kConflict, false,
          absl::StrCat(Subject(voice), " declared that ", Subject(voice), " work for this body")};
    }
    if (interest.kind() == DeclaredInterest::KIND_CONFLICT) {
      return Check{CheckId::kConflict, false,
                   absl::StrCat(Subject(voice), " declared a conflict with this body")};
    }
  }
  return Check{CheckId::kConflict, true,
               absl::StrCat(Subject(voice), " declared no conflict with this body")};
}

Check MinimumAgeCheck(const ScreeningInput& in, Voice voice) {
  if (in.minimum_age <= 0) return Check{CheckId::kMinimumAge, true, "no minimum age"};
  const bool met = CheckDate(in.profile.date_of_birth(), "date_of_birth").ok() &&
                   MeetsMinimumAge(in.profile.date_of_birth(), in.minimum_age, in.today);
  return Check{
      CheckId::kMinimumAge, met,
      met ? absl::StrCat(Subject(voice), " meet the role's minimum age of ", in.minimum_age)
          : absl::StrCat("the role asks a minimum age of ", in.minimum_age)};
}

}  // namespace

absl::string_view CheckIdName(CheckId id) {
  switch (id) {
    case CheckId::kCredentials:
      return "credentials";
    case CheckId::kAvailability:
      return "availability";
    case CheckId::kRegion:
      return "region";
    case CheckId::kConcurrentRoles:
      return "concurrent_roles";
    case CheckId::kConflict:
      return "conflict";
    case CheckId::kMinimumAge:
      return "minimum_age";
  }
  return "unknown";
}

std::string RegionPhrase(cadre::v1::Region region) {
  switch (region) {
    case cadre::v1::REGION_NATIONAL:
      return "anywhere in England";
    case cadre::v1::REGION_EAST_OF_ENGLAND:
      return "the East of England";
    case cadre::v1::REGION_LONDON:
      return "London";
    case cadre::v1::REGION_MIDLANDS:
      return "the Midlands";
    case cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE:
      return "the North East and Yorkshire";
    case cadre::v1::REGION_NORTH_WEST:
      return "the North West";
    case cadre::v1::REGION_SOUTH_EAST:
      return "the South East";
    case cadre::v1::REGION_SOUTH_WEST:
      return "the South West";
    default:
      return "no region given";
  }
}

bool Screening::eligible() const { return passed() == static_cast<int>(checks.size()); }

int Screening::passed() const {
  int n = 0;
  for (const Check& c : checks) n += c.passed ? 1 : 0;
  return n;
}

std::vector<const Check*> Screening::failed() const {
  std::vector<const Check*> out;
  for (const Check& c : checks) {
    if (!c.passed) out.push_back(&c);
  }
  return out;
}

std::string Screening::Summary() const {
  const int total = static_cast<int>(checks.size());
  if (eligible()) return absl::StrCat(Subject(voice), " meet all ", total, " requirements");
  std::vector<absl::string_view> reasons;
  for (const Check* c : failed()) reasons.emplace_back(c->reason);
  return absl::StrCat(Subject(voice), " meet ", passed(), " of ", total,
                      " requirements: ", absl::StrJoin(reasons, "; "));
}

Screening Screen(const ScreeningInput& in, Voice voice) {
  Screening s;
  s.voice = voice;
  s.checks = {CredentialsCheck(in, voice), AvailabilityCheck(in, voice),
              RegionCheck(in, voice),      ConcurrentRolesCheck(in, voice),
              ConflictCheck(in, voice),    MinimumAgeCheck(in, voice)};
  return s;
}

}  // namespace cadre::matching
