#include "bench/role_fixture.h"

#include <array>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace cadre::bench {
namespace {

using cadre::v1::Body;
using cadre::v1::Role;

constexpr std::array<const char*, 12> kTopics = {"diabetes",
                                                 "maternity",
                                                 "dementia",
                                                 "mental-health",
                                                 "cancer",
                                                 "stroke",
                                                 "learning-disability",
                                                 "heart-failure",
                                                 "kidney-disease",
                                                 "sickle-cell",
                                                 "autism",
                                                 "frailty"};
constexpr std::array<const char*, 9> kExpertise = {
    "finance",        "governance", "digital",  "lived-experience-of-dementia",
    "communications", "data",       "research", "equality",
    "procurement"};
constexpr std::array<const char*, 6> kAccess = {"bsl-interpreter", "step-free-access",
                                                "hearing-loop",    "easy-read",
                                                "carer-costs",     "flexible-timing"};
constexpr std::array<const char*, 8> kPlaces = {"Leeds",      "Birmingham",    "Bristol",
                                                "Manchester", "Cambridge",     "Newcastle",
                                                "Reading",    "Central London"};
// Each title is first + topic + second.
constexpr std::array<std::pair<const char*, const char*>, 5> kTitles = {{
    {"Patient partner, ", " service redesign group"},
    {"Lay member, ", " programme board"},
    {"Focus group participant: ", " pathway"},
    {"Survey reviewer for ", " services"},
    {"Expert by experience, ", " quality panel"},
}};

void SetTime(absl::Time t, google::protobuf::Timestamp* out) {
  out->set_seconds(absl::ToUnixSeconds(t));
}

}  // namespace

// Each made once and never destroyed (no exit-time destructors).
const std::vector<std::string>& BenchTopics() {
  static const auto* const kVector = new std::vector<std::string>(kTopics.begin(), kTopics.end());
  return *kVector;
}
const std::vector<std::string>& BenchExpertise() {
  static const auto* const kVector =
      new std::vector<std::string>(kExpertise.begin(), kExpertise.end());
  return *kVector;
}
const std::vector<std::string>& BenchAccessSupport() {
  static const auto* const kVector = new std::vector<std::string>(kAccess.begin(), kAccess.end());
  return *kVector;
}

std::vector<Body> BenchBodies(int count) {
  std::vector<Body> bodies;
  for (int i = 0; i < count && i < 26; ++i) {
    Body body;
    body.set_ods_code(absl::StrCat("ZB", std::string(1, static_cast<char>('A' + i)), "01"));
    body.set_display_name(absl::StrCat("Benchmark body ", i + 1, " NHS Foundation Trust"));
    // Kinds 1..9 and regions 1..8 in turn.
    body.set_kind(static_cast<cadre::v1::BodyKind>(1 + i % 9));
    body.set_region(static_cast<cadre::v1::Region>(1 + i % kRegionCount));
    body.set_website(absl::StrCat("https://example.org/body-", i + 1, "/get-involved"));
    body.set_description(
        "We involve patients, carers and members of the public in planning, designing and "
        "reviewing our services. Payment and expenses are offered in line with our "
        "involvement policy, and support is available to anyone who needs it.");
    bodies.push_back(std::move(body));
  }
  return bodies;
}

Role BenchRole(int i, const std::vector<std::string>& body_names, absl::Time now) {
  Role role;
  const char* topic = kTopics[i % kTopics.size()];
  role.set_body(body_names[i % body_names.size()]);
  const auto& [before, after] = kTitles[i % kTitles.size()];
  role.set_title(absl::StrCat(before, topic, after));
  role.set_summary(absl::StrCat(
      "Help us shape how ", topic,
      " care is planned and delivered across the area. You will join clinicians, "
      "managers and other patient partners to review proposals, test new ideas with the "
      "people who use the service, and make sure the voices of those least often heard are "
      "part of every decision. No previous experience of committees is needed: we offer an "
      "induction, a buddy for your first meetings and papers in the format you prefer. "
      "Reference ",
      i, "."));
  role.set_level(static_cast<cadre::v1::InvolvementLevel>(1 + (i / kRegionCount) % kLevelCount));
  role.set_rung(static_cast<cadre::v1::EngagementRung>(1 + i % 5));
  auto* time = role.mutable_time_commitment();
  time->set_hours_per_month(2 + (i * 7) % 39);  // 2–40 hours a month
  time->set_duration_months(i % 25);
  time->set_pattern("one evening meeting a month, plus reading papers beforehand");
  for (int k = 0; k < 3; ++k) {
    role.add_expertise_sought(kExpertise[(i + k * 2) % kExpertise.size()]);
  }
  role.add_topics(topic);
  role.add_topics(kTopics[(i + 5) % kTopics.size()]);
  role.set_lived_experience_sought(
      absl::StrCat("Personal experience of living with, or caring for someone with, ", topic,
                   ", especially from communities that services reach least well."));
  auto* location = role.mutable_location();
  location->set_region(static_cast<cadre::v1::Region>(1 + i % kRegionCount));
  location->set_mode(static_cast<cadre::v1::AttendanceMode>(1 + (i / 3) % 3));
  location->set_place(kPlaces[i % kPlaces.size()]);
  auto* support = role.mutable_support();
  support->add_access_support(kAccess[i % kAccess.size()]);
  support->add_access_support(kAccess[(i + 1) % kAccess.size()]);
  support->set_expenses_paid(true);
  support->set_payment(i % 2 == 0 ? cadre::v1::PAYMENT_KIND_INVOLVEMENT
                                  : cadre::v1::PAYMENT_KIND_NONE);
  support->set_rate_pence_per_hour(i % 2 == 0 ? 2000 : 0);
  role.add_required_credentials(kBenchTrainingCredential);
  if (i % 4 == 3) {
    role.add_required_credentials(kBenchDbsCredential);
  }
  role.set_places(1 + i % 8);
  SetTime(now + absl::Hours(24 * (30 + i % 300)), role.mutable_closing_time());
  return role;
}

std::vector<Role> CannedRoles(int count) {
  const absl::Time now = absl::Now();
  std::vector<std::string> body_names;
  for (const Body& body : BenchBodies(12)) {
    body_names.push_back(absl::StrCat("bodies/", body.ods_code()));
  }
  std::vector<Role> roles;
  for (int i = 0; i < count; ++i) {
    Role role = BenchRole(i, body_names, now);
    role.set_name(absl::StrCat("roles/", 100000 + i));
    role.set_state(cadre::v1::ROLE_STATE_OPEN);
    SetTime(now, role.mutable_create_time());
    SetTime(now, role.mutable_update_time());
    SetTime(now, role.mutable_publish_time());
    role.set_etag(absl::StrFormat("\"%016x\"", 0x5eed0000ULL + static_cast<uint64_t>(i)));
    roles.push_back(std::move(role));
  }
  return roles;
}

}  // namespace cadre::bench
