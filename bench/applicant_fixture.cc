#include "bench/applicant_fixture.h"

#include <array>

#include "absl/strings/str_cat.h"

namespace cadre::bench {
namespace {

constexpr std::array<const char*, 10> kLived = {
    "diabetes",    "maternity", "dementia", "mental-health", "cancer",
    "sickle-cell", "carers",    "stroke",   "autism",        "kidney-disease"};
constexpr std::array<const char*, 6> kSkills = {"chairing",        "data-analysis", "writing",
                                                "public-speaking", "listening",     "research"};
constexpr std::array<const char*, 5> kExpertise = {"finance", "governance", "digital",
                                                   "communications", "equality"};
constexpr std::array<const char*, 4> kAccess = {"step-free-access", "bsl-interpreter", "easy-read",
                                                "flexible-timing"};
constexpr std::array<const char*, 6> kNames = {"Alex Example",  "Sam Sample",    "Jo Placeholder",
                                               "Ruth Invented", "Dev Fictional", "Kim Madeup"};

// A fixed instant (2026-11-02 10:00 UTC) for the canned answer's times.
constexpr int64_t kCannedSeconds = 1793613600;

}  // namespace

std::string BenchEmail(const std::string& run, int i) {
  return absl::StrCat("bench.", run, ".", i, "@example.org");
}

cadre::v1::SignUpRequest BenchSignUp(const std::string& run, int i) {
  cadre::v1::SignUpRequest request;
  request.set_email(BenchEmail(run, i));
  request.set_password(kBenchPassword);
  cadre::v1::Profile& p = *request.mutable_profile();
  p.set_display_name(kNames[i % kNames.size()]);
  p.mutable_date_of_birth()->set_year(1950 + i % 50);
  p.mutable_date_of_birth()->set_month(1 + i % 12);
  p.mutable_date_of_birth()->set_day(1 + i % 28);
  p.set_region(static_cast<cadre::v1::Region>(1 + i % 8));
  for (int k = 0; k < 3; ++k) {
    p.add_lived_experience(kLived[(i + k) % kLived.size()]);
    p.add_skills(kSkills[(i + k) % kSkills.size()]);
  }
  for (int k = 0; k < 2; ++k) {
    p.add_expertise(kExpertise[(i + k) % kExpertise.size()]);
    p.add_access_needs(kAccess[(i + k) % kAccess.size()]);
  }
  p.set_availability_hours_per_month(4 + i % 20);
  p.set_access_needs_note(
      "Meetings after 10am please, with papers a week ahead; I use a wheelchair and need "
      "a step-free room near an accessible toilet.");
  p.set_attendance(static_cast<cadre::v1::AttendanceMode>(1 + i % 3));
  cadre::v1::DeclaredInterest* interest = p.add_declared_interests();
  interest->set_body("bodies/ZBA01");
  interest->set_kind(cadre::v1::DeclaredInterest::KIND_WORKS_FOR);
  interest->set_note("Part-time receptionist at one of its GP practices since 2019.");
  request.mutable_consent()->set_privacy_notice_version(kBenchPrivacyNotice);
  request.mutable_consent()->set_processing_agreed(true);
  request.mutable_consent()->set_role_suggestions_agreed(i % 2 == 0);
  return request;
}

cadre::v1::Applicant CannedApplicant() {
  const cadre::v1::SignUpRequest request = BenchSignUp("1793613600000000", 0);
  cadre::v1::Applicant applicant;
  applicant.set_name("applicants/abcdefghijkmnpq2");
  applicant.set_email(request.email());
  *applicant.mutable_profile() = request.profile();
  applicant.mutable_profile()->set_max_concurrent_roles(2);
  *applicant.mutable_consent() = request.consent();
  applicant.mutable_consent()->mutable_agree_time()->set_seconds(kCannedSeconds);
  applicant.mutable_consent()->mutable_agree_time()->set_nanos(123000000);
  applicant.set_state(cadre::v1::APPLICANT_STATE_ACTIVE);
  applicant.mutable_create_time()->set_seconds(kCannedSeconds);
  applicant.mutable_create_time()->set_nanos(123000000);
  applicant.mutable_update_time()->set_seconds(kCannedSeconds);
  applicant.mutable_update_time()->set_nanos(123000000);
  applicant.set_etag("2");
  return applicant;
}

}  // namespace cadre::bench
