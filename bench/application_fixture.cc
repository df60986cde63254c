#include "bench/application_fixture.h"

#include <string>
#include <vector>

#include "bench/role_fixture.h"

namespace cadre::bench {
namespace {

// A fixed instant (2026-11-02 10:00 UTC) for the canned answer's times, and the
// acknowledgement deadline 5 working days later.
constexpr int64_t kCannedSeconds = 1793613600;
constexpr int64_t kCannedAcknowledgeBy = kCannedSeconds + int64_t{7} * 24 * 3600;

struct CannedCheck {
  const char* check;
  bool passed;
  const char* reason;
};
constexpr CannedCheck kChecks[] = {
    {"credentials", false, "you need the training module ppv-induction"},
    {"availability", true, "the role asks 9 hours a month; you have 12"},
    {"region", true, "you are in the role's region and it meets in person"},
    {"concurrent_roles", true, "you hold 0 roles and said you would take up to 2"},
    {"conflict", true, "you declared no interest in this body"},
    {"minimum_age", true, "the role has no minimum age"},
};

}  // namespace

void MeetBenchRoles(int i, int max_concurrent_roles, cadre::v1::Profile* profile) {
  const std::vector<std::string>& topics = BenchTopics();
  const std::vector<std::string>& expertise = BenchExpertise();
  profile->clear_lived_experience();
  profile->clear_expertise();
  for (int k = 0; k < 3; ++k) {
    // Steps of 5 (coprime to 12): the three topics differ and every topic is used.
    profile->add_lived_experience(topics[(i + 5 * k) % topics.size()]);
  }
  for (int k = 0; k < 2; ++k) {
    profile->add_expertise(expertise[(i * 2 + k) % expertise.size()]);
  }
  profile->set_region(static_cast<cadre::v1::Region>(1 + i % kRegionCount));
  profile->set_availability_hours_per_month(4 + (i * 9) % 37);
  profile->set_max_concurrent_roles(max_concurrent_roles);
}

cadre::v1::Application CannedApplication() {
  cadre::v1::Application app;
  app.set_name("applications/abcdefghijkmnpq2");
  app.set_applicant("applicants/bcdefghijkmnpq23");
  app.set_role("roles/100042");
  app.set_body("bodies/ZBA01");
  app.set_role_title("Lay member, dementia programme board");
  app.set_statement(kBenchStatement);
  app.set_state(cadre::v1::APPLICATION_STATE_SUBMITTED);
  app.mutable_submit_time()->set_seconds(kCannedSeconds);
  app.mutable_submit_time()->set_nanos(123000000);
  app.mutable_update_time()->set_seconds(kCannedSeconds);
  app.mutable_update_time()->set_nanos(123000000);
  app.mutable_acknowledge_by_time()->set_seconds(kCannedAcknowledgeBy);
  app.mutable_acknowledge_by_time()->set_nanos(123000000);
  cadre::v1::NextStep* next = app.mutable_next_step();
  next->set_owner(cadre::v1::PARTY_BODY);
  next->set_text("the body acknowledges your application");
  *next->mutable_due_time() = app.acknowledge_by_time();
  cadre::v1::ScreeningOutcome* screening = app.mutable_screening();
  int passed = 0;
  for (const CannedCheck& c : kChecks) {
    cadre::v1::ScreeningCheck* check = screening->add_checks();
    check->set_check(c.check);
    check->set_passed(c.passed);
    check->set_reason(c.reason);
    passed += c.passed ? 1 : 0;
  }
  screening->set_eligible(passed == screening->checks_size());
  screening->set_passed(passed);
  screening->set_total(screening->checks_size());
  screening->set_summary(
      "you meet 5 of 6 requirements: you need the training module ppv-induction");
  app.set_etag("1");
  return app;
}

}  // namespace cadre::bench
