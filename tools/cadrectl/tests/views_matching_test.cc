// Human views of applications and figures: what a person scanning the output sees.

#include "tools/cadrectl/views_matching.h"

#include <gtest/gtest.h>

#include <sstream>

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

v1::Figure Shown(double value, int based_on, const std::string& shown) {
  v1::Figure f;
  f.set_value(value);
  f.set_based_on(based_on);
  f.set_shown(shown);
  return f;
}

v1::Figure Withheld(const std::string& shown) {
  v1::Figure f;
  f.set_withheld(true);
  f.set_shown(shown);
  return f;
}

TEST(ViewsMatchingTest, BodyFiguresShowWhatStandsBehindEach) {
  v1::BodyFigures figures;
  figures.set_body("bodies/RXF");
  figures.set_window_days(90);
  *figures.mutable_acknowledge_median_days() = Shown(2.5, 12, "2.5 days");
  *figures.mutable_acknowledge_p90_days() = Shown(6.25, 12, "6.3 days");
  *figures.mutable_decide_median_days() = Withheld("<5");
  *figures.mutable_decide_p90_days() = Withheld("<5");
  *figures.mutable_applications_per_role() = Shown(3.2, 16, "3.2");
  *figures.mutable_fill_median_days() = Withheld("none");
  *figures.mutable_first_time_share() = Shown(0.4, 5, "40%");
  *figures.mutable_payment_taken() = Shown(5, 7, "5");
  *figures.mutable_payment_expenses_only() = Withheld("<5");
  *figures.mutable_payment_declined() = Shown(0, 7, "0");
  std::ostringstream out;
  PrintBodyFigures(figures, out);
  EXPECT_EQ(out.str(),
            "body:    bodies/RXF\n"
            "window:  applications and placements of the last 90 days\n"
            "\n"
            "FIGURE                                SHOWN     BASED ON\n"
            "time to acknowledge, median           2.5 days  12 applications\n"
            "time to acknowledge, 90th percentile  6.3 days  12 applications\n"
            "time to decide, median                <5        -\n"
            "time to decide, 90th percentile       <5        -\n"
            "applications per role                 3.2       16 applications\n"
            "time to fill, median                  none      -\n"
            "placements to first-time leaders      40%       5 placements\n"
            "payment taken                         5         7 placements offering a payment\n"
            "expenses only                         <5        -\n"
            "payment declined                      0         7 placements offering a payment\n"
            "\n"
            "A figure is withheld (\"<5\"; \"none\" when nothing stands behind it) when fewer\n"
            "than 5 applications or placements stand behind it, so that no one can be picked "
            "out.\n");
}

TEST(ViewsMatchingTest, ApplicationsTableThenWhatAwaitsEachStep) {
  v1::ListApplicationsResponse response;
  v1::Application* a = response.add_applications();
  a->set_name("applications/abc");
  a->set_role_title("Lay member");
  a->set_applicant("applicants/xyz");
  a->set_state(v1::APPLICATION_STATE_UNSUCCESSFUL);
  a->set_unsuccessful_reason(v1::UNSUCCESSFUL_REASON_NOT_SELECTED);
  v1::Application* b = response.add_applications();
  b->set_name("applications/def");
  b->set_state(v1::APPLICATION_STATE_SUBMITTED);
  b->set_overdue(true);
  // Noon UTC: the same day in UK time, with or without a zone database.
  a->mutable_submit_time()->set_seconds(1780315200);  // 2026-06-01T12:00:00Z
  b->mutable_submit_time()->set_seconds(1780315200 + 86400);
  b->mutable_next_step()->mutable_due_time()->set_seconds(1780315200 + 8 * 86400);
  response.set_awaiting_acknowledgement(1);
  response.set_overdue(1);
  std::ostringstream out;
  PrintApplications(response, out);
  EXPECT_EQ(
      out.str(),
      "NAME              ROLE        APPLICANT       STATE                        SUBMITTED   DUE\n"
      "applications/abc  Lay member  applicants/xyz  unsuccessful (not-selected)  2026-06-01  -\n"
      "applications/def  -           -               submitted                    2026-06-02  "
      "2026-06-09 overdue\n"
      "\n"
      "awaiting: acknowledgement 1, shortlisting 0, an offer 0, a reply 0; overdue 1\n");
}

}  // namespace
}  // namespace cadre::cadrectl
