#include "services/gateway/domain/labels.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"

namespace cadre::gateway {
namespace {

using cadre::v1::Region;

struct RegionName {
  Region region;
  const char* label;
  const char* slug;
};

constexpr RegionName kRegions[] = {
    {cadre::v1::REGION_NATIONAL, "National", "national"},
    {cadre::v1::REGION_EAST_OF_ENGLAND, "East of England", "east-of-england"},
    {cadre::v1::REGION_LONDON, "London", "london"},
    {cadre::v1::REGION_MIDLANDS, "Midlands", "midlands"},
    {cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE, "North East and Yorkshire",
     "north-east-and-yorkshire"},
    {cadre::v1::REGION_NORTH_WEST, "North West", "north-west"},
    {cadre::v1::REGION_SOUTH_EAST, "South East", "south-east"},
    {cadre::v1::REGION_SOUTH_WEST, "South West", "south-west"},
};

struct KindName {
  cadre::v1::BodyKind kind;
  const char* label;
  const char* slug;
};

constexpr KindName kKinds[] = {
    {cadre::v1::BODY_KIND_NHS_ENGLAND, "NHS England", "nhs-england"},
    {cadre::v1::BODY_KIND_ICB, "Integrated care board", "icb"},
    {cadre::v1::BODY_KIND_TRUST, "NHS trust", "trust"},
    {cadre::v1::BODY_KIND_LOCAL_HEALTHWATCH, "Local Healthwatch", "healthwatch"},
    {cadre::v1::BODY_KIND_REGULATOR, "Regulator", "regulator"},
    {cadre::v1::BODY_KIND_NICE, "NICE", "nice"},
    {cadre::v1::BODY_KIND_LEADERSHIP_ACADEMY, "NHS Leadership Academy", "leadership-academy"},
    {cadre::v1::BODY_KIND_CHARITY, "Charity or training provider", "charity"},
    {cadre::v1::BODY_KIND_OTHER, "Other organisation", "other"},
};

const absl::TimeZone& London() {
  static const absl::TimeZone* const zone = [] {
    auto* z = new absl::TimeZone;
    if (!absl::LoadTimeZone("Europe/London", z)) *z = absl::UTCTimeZone();
    return z;
  }();
  return *zone;
}

std::string Plural(int n, absl::string_view one, absl::string_view many) {
  return absl::StrCat(n, " ", n == 1 ? one : many);
}

}  // namespace

std::string RegionLabel(Region region) {
  for (const auto& r : kRegions) {
    if (r.region == region) return r.label;
  }
  return "Unknown region";
}

std::string RegionSlug(Region region) {
  for (const auto& r : kRegions) {
    if (r.region == region) return r.slug;
  }
  return "";
}

Region RegionFromSlug(absl::string_view slug) {
  for (const auto& r : kRegions) {
    if (slug == r.slug) return r.region;
  }
  return cadre::v1::REGION_UNSPECIFIED;
}

std::string BodyKindLabel(cadre::v1::BodyKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.label;
  }
  return "Organisation";
}

std::string BodyKindSlug(cadre::v1::BodyKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.slug;
  }
  return "";
}

cadre::v1::BodyKind BodyKindFromSlug(absl::string_view slug) {
  for (const auto& k : kKinds) {
    if (slug == k.slug) return k.kind;
  }
  return cadre::v1::BODY_KIND_UNSPECIFIED;
}

std::string LevelLabel(cadre::v1::InvolvementLevel level) {
  switch (level) {
    case cadre::v1::INVOLVEMENT_LEVEL_1:
      return "Level 1: open engagement";
    case cadre::v1::INVOLVEMENT_LEVEL_2:
      return "Level 2: workshop or focus group";
    case cadre::v1::INVOLVEMENT_LEVEL_3:
      return "Level 3: working group";
    case cadre::v1::INVOLVEMENT_LEVEL_4:
      return "Level 4: senior strategic role";
    default:
      return "Any level";
  }
}

std::string LevelDescription(cadre::v1::InvolvementLevel level) {
  switch (level) {
    case cadre::v1::INVOLVEMENT_LEVEL_1:
      return "Surveys, public meetings and other open ways to have your say.";
    case cadre::v1::INVOLVEMENT_LEVEL_2:
      return "A one-off workshop or focus group on one subject.";
    case cadre::v1::INVOLVEMENT_LEVEL_3:
      return "A member of a group that meets regularly to shape a service.";
    case cadre::v1::INVOLVEMENT_LEVEL_4:
      return "A senior, accountable role in how an organisation is run.";
    default:
      return "";
  }
}

std::string RungLabel(cadre::v1::EngagementRung rung) {
  switch (rung) {
    case cadre::v1::ENGAGEMENT_RUNG_INFORM:
      return "Inform";
    case cadre::v1::ENGAGEMENT_RUNG_CONSULT:
      return "Consult";
    case cadre::v1::ENGAGEMENT_RUNG_INVOLVE:
      return "Involve";
    case cadre::v1::ENGAGEMENT_RUNG_COLLABORATE:
      return "Collaborate";
    case cadre::v1::ENGAGEMENT_RUNG_DEVOLVE:
      return "Devolve";
    default:
      return "";
  }
}

std::string AttendanceLabel(cadre::v1::AttendanceMode mode) {
  switch (mode) {
    case cadre::v1::ATTENDANCE_MODE_IN_PERSON:
      return "In person";
    case cadre::v1::ATTENDANCE_MODE_REMOTE:
      return "Remote";
    case cadre::v1::ATTENDANCE_MODE_HYBRID:
      return "Hybrid: in person and remote";
    default:
      return "Not stated";
  }
}

std::string RoleStateLabel(cadre::v1::RoleState state) {
  switch (state) {
    case cadre::v1::ROLE_STATE_DRAFT:
      return "Draft";
    case cadre::v1::ROLE_STATE_OPEN:
      return "Open";
    case cadre::v1::ROLE_STATE_CLOSED:
      return "Closed";
    case cadre::v1::ROLE_STATE_FILLED:
      return "Filled";
    case cadre::v1::ROLE_STATE_CANCELLED:
      return "Cancelled";
    default:
      return "";
  }
}

std::string AvenueKindLabel(cadre::v1::AvenueKind kind) {
  switch (kind) {
    case cadre::v1::AVENUE_KIND_PATIENT_PANEL:
      return "Patient panel";
    case cadre::v1::AVENUE_KIND_PATIENT_PARTICIPATION_GROUP:
      return "Patient participation group";
    case cadre::v1::AVENUE_KIND_LAY_MEMBER_COMMITTEE:
      return "Lay member committee";
    case cadre::v1::AVENUE_KIND_HEALTHWATCH_VOLUNTEERING:
      return "Healthwatch volunteering";
    case cadre::v1::AVENUE_KIND_READER_PANEL:
      return "Reader panel";
    default:
      return "Other way to get involved";
  }
}

std::string PaymentLabel(const cadre::v1::SupportOffered& support) {
  switch (support.payment()) {
    case cadre::v1::PAYMENT_KIND_INVOLVEMENT:
      return absl::StrFormat("Involvement payment of £%d.%02d an hour%s",
                             support.rate_pence_per_hour() / 100,
                             support.rate_pence_per_hour() % 100,
                             support.expenses_paid() ? ", and expenses paid" : "");
    case cadre::v1::PAYMENT_KIND_SALARIED:
      return "Salaried post";
    default:
      return support.expenses_paid() ? "Voluntary: expenses paid" : "Voluntary";
  }
}

std::string TimeLabel(const cadre::v1::TimeCommitment& time) {
  std::string text;
  if (time.hours_per_month() > 0) {
    text = absl::StrCat(Plural(time.hours_per_month(), "hour", "hours"), " a month");
    if (time.duration_months() > 0) {
      absl::StrAppend(&text, " for ", Plural(time.duration_months(), "month", "months"));
    }
  } else if (time.duration_months() > 0) {
    text = absl::StrCat("For ", Plural(time.duration_months(), "month", "months"));
  }
  if (!time.pattern().empty()) {
    text = text.empty() ? time.pattern() : absl::StrCat(text, " (", time.pattern(), ")");
  }
  if (!text.empty()) text[0] = absl::ascii_toupper(text[0]);
  return text;
}

std::string TagLabel(absl::string_view tag) { return absl::StrReplaceAll(tag, {{"-", " "}}); }

std::string CredentialLabel(absl::string_view credential) {
  if (credential == "dbs-basic") return "a basic DBS check";
  if (credential == "dbs-standard") return "a standard DBS check";
  if (credential == "dbs-enhanced") return "an enhanced DBS check";
  absl::string_view rest = credential;
  if (absl::ConsumePrefix(&rest, "modules/")) {
    return absl::StrCat("the training module ", TagLabel(rest));
  }
  return absl::StrCat("the accreditation ", TagLabel(credential));
}

std::string DateLabel(absl::Time time) {
  return std::string(
      absl::StripLeadingAsciiWhitespace(absl::FormatTime("%e %B %Y", time, London())));
}

std::string DateTimeLabel(absl::Time time) {
  const absl::CivilSecond civil = absl::ToCivilSecond(time, London());
  const int hour12 = civil.hour() % 12 == 0 ? 12 : civil.hour() % 12;
  return absl::StrFormat("%s, %d:%02d%s", DateLabel(time), hour12, civil.minute(),
                         civil.hour() < 12 ? "am" : "pm");
}

std::string Rfc3339(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

}  // namespace cadre::gateway

// ---- The involvement map's pages (issue 8) ----

namespace cadre::gateway {

std::string CountLabel(int n, absl::string_view one, absl::string_view many) {
  return absl::StrCat(n, " ", n == 1 ? one : many);
}

std::string OpenRolesLabel(int n) { return CountLabel(n, "open role", "open roles"); }

std::string WaysInLabel(int n) { return CountLabel(n, "way in", "ways in"); }

std::string OrganisationsLabel(int n) { return CountLabel(n, "organisation", "organisations"); }

std::string OpenRolesAndWaysInLabel(int open_roles, int avenues) {
  if (open_roles == 0 && avenues == 0) return "nothing open just now";
  if (avenues == 0) return OpenRolesLabel(open_roles);
  if (open_roles == 0) return WaysInLabel(avenues);
  return absl::StrCat(OpenRolesLabel(open_roles), " and ", WaysInLabel(avenues));
}

std::string WithheldFigureLabel(const std::string& shown, absl::string_view counted) {
  // Matching writes "<5" when 1 to 4 stand behind a figure and "none" when nothing does
  // (services/matching/domain/figures.h); anything else is read as "too few".
  if (shown == "none") return absl::StrCat("Not enough ", counted, " yet");
  return absl::StrCat("<5 ", counted, " so far");
}

}  // namespace cadre::gateway

// ---- Search, role and menu pages (issue 8) ----

namespace cadre::gateway {

std::string TagListLabel(const google::protobuf::RepeatedPtrField<std::string>& tags,
                         absl::string_view none) {
  if (tags.empty()) return std::string(none);
  std::vector<std::string> words;
  words.reserve(tags.size());
  for (const std::string& tag : tags) words.push_back(TagLabel(tag));
  return absl::StrJoin(words, ", ");
}

std::string AcknowledgementLabel(const cadre::v1::Figure& median, int window_days) {
  if (median.withheld()) {
    return "Not enough applications yet to say how quickly this organisation replies";
  }
  // "within 0.0 days" reads as a fault: under a day is said in words.
  return absl::StrCat("Half of applications in the last ", Plural(window_days, "day", "days"),
                      " were acknowledged within ", median.value() < 1 ? "a day" : median.shown());
}

std::string NotAcceptingLabel(const cadre::v1::Role& role) {
  constexpr absl::string_view kNoLonger = " It is no longer taking applications.";
  switch (role.state()) {
    case cadre::v1::ROLE_STATE_OPEN:
      if (role.accepting_applications()) return "";
      if (!role.has_closing_time()) return absl::StrCat("Applications have closed.", kNoLonger);
      return absl::StrCat("Applications closed on ",
                          DateLabel(absl::FromUnixSeconds(role.closing_time().seconds())), ".",
                          kNoLonger);
    case cadre::v1::ROLE_STATE_CLOSED:
      return absl::StrCat("This role has closed.", kNoLonger);
    case cadre::v1::ROLE_STATE_FILLED:
      return absl::StrCat("This role has been filled.", kNoLonger);
    case cadre::v1::ROLE_STATE_CANCELLED:
      return absl::StrCat("This role was cancelled.", kNoLonger);
    default:
      return absl::StrCat("This role has not been published.", kNoLonger);
  }
}

}  // namespace cadre::gateway
