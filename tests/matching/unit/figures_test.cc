// A body's public figures: each figure's definition, the window's edges, nearest-rank
// percentiles, withholding at 4 and showing at 5, and the exact words shown. The clock is
// a fixed time.

#include "services/matching/domain/figures.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace cadre::matching {
namespace {

using cadre::v1::Application;
using cadre::v1::BodyFigures;
using cadre::v1::Figure;
using cadre::v1::Placement;

const absl::Time kNow =
    absl::FromCivil(absl::CivilSecond(2026, 6, 15, 12, 0, 0), absl::UTCTimeZone());

absl::Time DaysAgo(double days) { return kNow - absl::Hours(24) * days; }

void SetTime(absl::Time t, google::protobuf::Timestamp* ts) {
  const int64_t seconds = absl::ToUnixSeconds(t);
  ts->set_seconds(seconds);
  ts->set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
}

// An application to `role` submitted `days_ago` days before now, not yet acknowledged.
Application Submitted(const std::string& role, double days_ago) {
  static int next = 0;
  Application a;
  a.set_name(absl::StrCat("applications/a", ++next));
  a.set_role(role);
  a.set_body("bodies/RXF");
  a.set_state(cadre::v1::APPLICATION_STATE_SUBMITTED);
  SetTime(DaysAgo(days_ago), a.mutable_submit_time());
  return a;
}

absl::Time SubmitTime(const Application& a) {
  return absl::FromUnixSeconds(a.submit_time().seconds()) +
         absl::Nanoseconds(a.submit_time().nanos());
}

// Acknowledged `days` days after it was submitted.
Application Acknowledged(Application a, double days) {
  a.set_state(cadre::v1::APPLICATION_STATE_ACKNOWLEDGED);
  SetTime(SubmitTime(a) + absl::Hours(24) * days, a.mutable_acknowledge_time());
  return a;
}

Application Offered(Application a, double days) {
  a.set_state(cadre::v1::APPLICATION_STATE_OFFERED);
  SetTime(SubmitTime(a) + absl::Hours(24) * days, a.mutable_offer_time());
  return a;
}

Application Unsuccessful(Application a, cadre::v1::UnsuccessfulReason reason, double days) {
  a.set_state(cadre::v1::APPLICATION_STATE_UNSUCCESSFUL);
  a.set_unsuccessful_reason(reason);
  SetTime(SubmitTime(a) + absl::Hours(24) * days, a.mutable_close_time());
  return a;
}

// A placement in `role` that started `days_ago` days before now.
Placement Started(const std::string& role, double days_ago) {
  static int next = 0;
  Placement p;
  p.set_name(absl::StrCat("placements/p", ++next));
  p.set_role(role);
  p.set_body("bodies/RXF");
  p.set_state(cadre::v1::PLACEMENT_STATE_ACTIVE);
  SetTime(DaysAgo(days_ago), p.mutable_start_time());
  return p;
}

Placement WithPayment(Placement p, cadre::v1::PaymentChoice choice) {
  p.set_payment_offered(true);
  p.set_payment_choice(choice);
  return p;
}

FiguresInput Input() {
  FiguresInput in;
  in.body = "bodies/RXF";
  in.now = kNow;
  return in;
}

// Applications to roles/1 submitted 10 days ago and acknowledged after each of `days`.
std::vector<Application> AcknowledgedAfter(const std::vector<double>& days) {
  std::vector<Application> out;
  out.reserve(days.size());
  for (double d : days) out.push_back(Acknowledged(Submitted("roles/1", 10), d));
  return out;
}

// withheld, value, based_on, shown: what a reader of the figure sees.
using Seen = std::tuple<bool, double, int, std::string>;
Seen Of(const Figure& f) { return {f.withheld(), f.value(), f.based_on(), f.shown()}; }
Seen Hidden(const std::string& shown) { return {true, 0.0, 0, shown}; }

TEST(NearestRank, TakesTheCeilingRankOfTheSortedValues) {
  EXPECT_EQ(NearestRank({}, 50), 0);
  EXPECT_EQ(NearestRank({7}, 50), 7);
  EXPECT_EQ(NearestRank({7}, 90), 7);
  EXPECT_EQ(NearestRank({4, 1, 3, 2}, 50), 2);     // rank ceil(2.0) = 2
  EXPECT_EQ(NearestRank({5, 3, 1, 4, 2}, 50), 3);  // rank ceil(2.5) = 3
  const std::vector<double> ten = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  EXPECT_EQ(NearestRank(ten, 90), 9);  // rank ceil(9.0) = 9
  EXPECT_EQ(NearestRank(ten, 91), 10);
  EXPECT_EQ(NearestRank(ten, 100), 10);
  EXPECT_EQ(NearestRank(ten, 1), 1);
  const std::vector<double> eleven = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  EXPECT_EQ(NearestRank(eleven, 90), 10);  // rank ceil(9.9) = 10
  EXPECT_EQ(NearestRank({1, 2, 3, 4, 5}, 90), 5);
  EXPECT_EQ(NearestRank({1, 2, 3, 4, 5, 6, 7, 8, 9}, 90), 9);  // ceil(8.1) = 9
}

TEST(ComputeBodyFigures, NothingBehindAnyFigureShowsNone) {
  const BodyFigures f = ComputeBodyFigures(Input());
  EXPECT_EQ(f.body(), "bodies/RXF");
  EXPECT_EQ(f.window_days(), 90);
  EXPECT_EQ(f.compute_time().seconds(), absl::ToUnixSeconds(kNow));
  for (const Figure* figure :
       {&f.acknowledge_median_days(), &f.acknowledge_p90_days(), &f.decide_median_days(),
        &f.decide_p90_days(), &f.applications_per_role(), &f.fill_median_days(),
        &f.first_time_share(), &f.payment_taken(), &f.payment_expenses_only(),
        &f.payment_declined()}) {
    EXPECT_EQ(Of(*figure), Hidden("none"));
  }
}

TEST(ComputeBodyFigures, AcknowledgeTimesMedianAndP90) {
  FiguresInput in = Input();
  in.applications = AcknowledgedAfter({5, 1, 4, 2, 3});
  in.applications.push_back(Submitted("roles/1", 3));  // not acknowledged: not counted
  const BodyFigures f = ComputeBodyFigures(in);
  EXPECT_EQ(Of(f.acknowledge_median_days()), Seen(false, 3.0, 5, "3.0 days"));
  EXPECT_EQ(Of(f.acknowledge_p90_days()), Seen(false, 5.0, 5, "5.0 days"));
}

TEST(ComputeBodyFigures, AcknowledgeP90OfTenIsTheNinth) {
  FiguresInput in = Input();
  in.applications = AcknowledgedAfter({0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 9.0});
  const BodyFigures f = ComputeBodyFigures(in);
  EXPECT_EQ(f.acknowledge_p90_days().shown(), "0.9 days");
  EXPECT_EQ(f.acknowledge_median_days().shown(), "0.5 days");
  EXPECT_EQ(f.acknowledge_median_days().based_on(), 10);
}

TEST(ComputeBodyFigures, WithheldAtFourShownAtFive) {
  FiguresInput in = Input();
  in.applications = AcknowledgedAfter({1, 2, 3, 4});
  BodyFigures f = ComputeBodyFigures(in);
  EXPECT_EQ(Of(f.acknowledge_median_days()), Hidden("<5"));
  EXPECT_EQ(Of(f.acknowledge_p90_days()), Hidden("<5"));
  EXPECT_EQ(Of(f.applications_per_role()), Hidden("<5"));

  in.applications = AcknowledgedAfter({1, 2, 3, 4, 2.5});
  f = ComputeBodyFigures(in);
  EXPECT_EQ(Of(f.acknowledge_median_days()), Seen(false, 2.5, 5, "2.5 days"));
  EXPECT_EQ(Of(f.applications_per_role()), Seen(false, 5.0, 5, "5.0"));
}

TEST(ComputeBodyFigures, DaysShownToOneDecimalRoundingHalfUp) {
  FiguresInput in = Input();
  // 9.6 hours, and 54 hours (2.25 days, which printf would round to even, "2.2").
  in.applications = AcknowledgedAfter({0.4, 0.4, 0.4, 2.25, 2.25});
  BodyFigures f = ComputeBodyFigures(in);
  EXPECT_EQ(f.acknowledge_median_days().shown(), "0.4 days");
  EXPECT_EQ(f.acknowledge_p90_days().shown(), "2.3 days");
  EXPECT_DOUBLE_EQ(f.acknowledge_p90_days().value(), 2.25);  // the value is not rounded

  in.applications = AcknowledgedAfter({1, 1, 1, 1, 1});
  f = ComputeBodyFigures(in);
  EXPECT_EQ(f.acknowledge_median_days().shown(), "1.0 days");
  in.applications = AcknowledgedAfter({0, 0, 0, 0, 0.01});
  f = ComputeBodyFigures(in);
  EXPECT_EQ(f.acknowledge_p90_days().shown(), "0.0 days");
}

TEST(ComputeBodyFigures, WindowIncludesItsFirstInstantAndNothingBefore) {
  FiguresInput in = Input();
  in.applications = AcknowledgedAfter({1, 1, 1, 1});
  Application edge = Submitted("roles/2", 90);  // exactly 90 days ago: in
  in.applications.push_back(Acknowledged(edge, 0));
  EXPECT_EQ(ComputeBodyFigures(in).acknowledge_median_days().based_on(), 5);

  in.applications.back() = Acknowledged(Submitted("roles/2", 90 + 1.0 / 86400), 0);  // 1 s out
  EXPECT_EQ(Of(ComputeBodyFigures(in).acknowledge_median_days()), Hidden("<5"));

  in.applications.back() = Acknowledged(Submitted("roles/2", -1), 0);  // after now: out
  EXPECT_EQ(Of(ComputeBodyFigures(in).acknowledge_median_days()), Hidden("<5"));
}

TEST(ComputeBodyFigures, WindowDaysIsTheCallers) {
  FiguresInput in = Input();
  in.window_days = 30;
  for (int i = 0; i < 5; ++i) in.applications.push_back(Acknowledged(Submitted("roles/1", 40), 1));
  BodyFigures f = ComputeBodyFigures(in);
  EXPECT_EQ(f.window_days(), 30);
  EXPECT_EQ(Of(f.acknowledge_median_days()), Hidden("none"));
  in.window_days = 40;
  EXPECT_EQ(ComputeBodyFigures(in).acknowledge_median_days().shown(), "1.0 days");
}

TEST(ComputeBodyFigures, DecideCountsOffersAndTheBodysTurnDownsOnly) {
  using cadre::v1::UnsuccessfulReason;
  FiguresInput in = Input();
  in.applications = {
      Offered(Submitted("roles/1", 20), 1),
      Offered(Submitted("roles/1", 20), 2),
      Unsuccessful(Submitted("roles/1", 20), cadre::v1::UNSUCCESSFUL_REASON_NOT_SHORTLISTED, 3),
      Unsuccessful(Submitted("roles/1", 20), cadre::v1::UNSUCCESSFUL_REASON_NOT_SELECTED, 4),
      // Not the body's decisions: not counted.
      Unsuccessful(Submitted("roles/1", 20), cadre::v1::UNSUCCESSFUL_REASON_ROLE_FILLED, 0.5),
      Unsuccessful(Submitted("roles/1", 20), cadre::v1::UNSUCCESSFUL_REASON_ROLE_CLOSED, 0.5),
      Unsuccessful(Submitted("roles/1", 20), cadre::v1::UNSUCCESSFUL_REASON_ROLE_CANCELLED, 0.5),
      Acknowledged(Submitted("roles/1", 20), 0.5),
  };
  Application withdrawn = Submitted("roles/1", 20);
  withdrawn.set_state(cadre::v1::APPLICATION_STATE_WITHDRAWN);
  SetTime(DaysAgo(19), withdrawn.mutable_close_time());
  in.applications.push_back(withdrawn);
  EXPECT_EQ(Of(ComputeBodyFigures(in).decide_median_days()), Hidden("<5"));

  // An offer that lapsed was still the body's decision, when it offered.
  Application lapsed = Offered(Submitted("roles/1", 20), 10);
  lapsed = Unsuccessful(lapsed, cadre::v1::UNSUCCESSFUL_REASON_OFFER_LAPSED, 24);
  in.applications.push_back(lapsed);
  BodyFigures f = ComputeBodyFigures(in);
  EXPECT_EQ(Of(f.decide_median_days()), Seen(false, 3.0, 5, "3.0 days"));
  EXPECT_EQ(Of(f.decide_p90_days()), Seen(false, 10.0, 5, "10.0 days"));

  in.applications.push_back(Unsuccessful(Submitted("roles/1", 20),
                                         cadre::v1::UNSUCCESSFUL_REASON_REQUIREMENTS_NOT_MET, 6));
  in.applications.push_back(
      Unsuccessful(Submitted("roles/1", 20), cadre::v1::UNSUCCESSFUL_REASON_NO_DECISION_MADE, 7));
  f = ComputeBodyFigures(in);
  EXPECT_EQ(f.decide_median_days().based_on(), 7);
  EXPECT_EQ(f.decide_median_days().shown(), "4.0 days");  // 1 2 3 4 6 7 10: the 4th
}

TEST(ComputeBodyFigures, NegativeSpansCountAsZero) {
  FiguresInput in = Input();
  in.applications = AcknowledgedAfter({-0.5, -0.5, -0.5, 1, 1});
  EXPECT_EQ(Of(ComputeBodyFigures(in).acknowledge_median_days()), Seen(false, 0.0, 5, "0.0 days"));
}

TEST(ComputeBodyFigures, ApplicationsPerRoleOverTheRolesThatHadAny) {
  FiguresInput in = Input();
  for (int i = 0; i < 16; ++i) {
    in.applications.push_back(Submitted(absl::StrCat("roles/", i % 5), 1));
  }
  in.applications.push_back(Submitted("roles/99", 91));  // outside the window
  BodyFigures f = ComputeBodyFigures(in);
  EXPECT_EQ(f.applications_per_role().shown(), "3.2");
  EXPECT_DOUBLE_EQ(f.applications_per_role().value(), 3.2);
  EXPECT_EQ(f.applications_per_role().based_on(), 16);

  in.applications.resize(4);
  EXPECT_EQ(Of(ComputeBodyFigures(in).applications_per_role()), Hidden("<5"));
}

TEST(ComputeBodyFigures, FillFromTheRolesFirstApplicationToItsLatestPlacement) {
  FiguresInput in = Input();
  // roles/1: first application 100 days ago (before the window: still its first), places
  // started 80 and 60 days ago: 40 days.
  in.applications = {Submitted("roles/1", 100), Submitted("roles/1", 70)};
  in.placements = {Started("roles/1", 80), Started("roles/1", 60)};
  // roles/2: 30 days ago, places 20 and 10 days ago: 20 days.
  in.applications.push_back(Submitted("roles/2", 30));
  in.placements.push_back(Started("roles/2", 20));
  in.placements.push_back(Started("roles/2", 10));
  // roles/3: a place started before the window: not counted.
  in.applications.push_back(Submitted("roles/3", 200));
  in.placements.push_back(Started("roles/3", 95));
  // roles/4: applications only, no placement: not a role filled.
  in.applications.push_back(Submitted("roles/4", 5));
  // Four placements stand behind the figure.
  EXPECT_EQ(Of(ComputeBodyFigures(in).fill_median_days()), Hidden("<5"));

  // roles/5: applied 12 days ago, placed 2 days ago (10 days); an application after its
  // latest placement is not its first.
  in.applications.push_back(Submitted("roles/5", 1));
  in.applications.push_back(Submitted("roles/5", 12));
  in.placements.push_back(Started("roles/5", 2));
  const BodyFigures f = ComputeBodyFigures(in);
  // Over roles: 10, 20, 40 → the median (rank 2) is 20; five placements behind it.
  EXPECT_EQ(Of(f.fill_median_days()), Seen(false, 20.0, 5, "20.0 days"));
}

TEST(ComputeBodyFigures, FillLeavesOutARoleWithNoApplicationBeforeItsPlacement) {
  FiguresInput in = Input();
  for (int i = 0; i < 5; ++i) in.placements.push_back(Started("roles/1", 10));
  in.applications = {Submitted("roles/1", 5)};  // after the placements
  EXPECT_EQ(Of(ComputeBodyFigures(in).fill_median_days()), Hidden("none"));
}

TEST(ComputeBodyFigures, FirstTimeShareOfPlacementsStartedInTheWindow) {
  FiguresInput in = Input();
  for (int i = 0; i < 5; ++i) {
    in.placements.push_back(Started("roles/1", 10));
    in.earlier_placements[in.placements.back().name()] = i < 2 ? 0 : i;  // two first-timers
  }
  in.placements.push_back(Started("roles/1", 10));  // no history known: left out
  in.placements.push_back(Started("roles/1", 91));  // before the window
  in.earlier_placements[in.placements.back().name()] = 0;
  const BodyFigures f = ComputeBodyFigures(in);
  EXPECT_EQ(Of(f.first_time_share()), Seen(false, 0.4, 5, "40%"));

  in.earlier_placements.erase(in.placements[4].name());
  EXPECT_EQ(Of(ComputeBodyFigures(in).first_time_share()), Hidden("<5"));
}

TEST(ComputeBodyFigures, FirstTimeShareIsAWholePercentRoundedHalfUp) {
  FiguresInput in = Input();
  for (int i = 0; i < 8; ++i) {
    in.placements.push_back(Started("roles/1", 1));
    in.earlier_placements[in.placements.back().name()] = i == 0 ? 0 : 1;
  }
  EXPECT_EQ(ComputeBodyFigures(in).first_time_share().shown(), "13%");  // 12.5%
  for (auto& [name, earlier] : in.earlier_placements) earlier = 0;
  EXPECT_EQ(Of(ComputeBodyFigures(in).first_time_share()), Seen(false, 1.0, 8, "100%"));
  for (auto& [name, earlier] : in.earlier_placements) earlier = 3;
  EXPECT_EQ(Of(ComputeBodyFigures(in).first_time_share()), Seen(false, 0.0, 8, "0%"));
}

TEST(ComputeBodyFigures, PaymentChoicesSuppressSmallCounts) {
  FiguresInput in = Input();
  for (int i = 0; i < 5; ++i) {
    in.placements.push_back(
        WithPayment(Started("roles/1", 5), cadre::v1::PAYMENT_CHOICE_TAKE_PAYMENT));
  }
  in.placements.push_back(
      WithPayment(Started("roles/1", 5), cadre::v1::PAYMENT_CHOICE_EXPENSES_ONLY));
  in.placements.push_back(
      WithPayment(Started("roles/1", 5), cadre::v1::PAYMENT_CHOICE_UNSPECIFIED));
  in.placements.push_back(Started("roles/1", 5));  // no payment offered: not counted
  in.placements.push_back(
      WithPayment(Started("roles/1", 100), cadre::v1::PAYMENT_CHOICE_DECLINE_PAYMENT));  // out
  const BodyFigures f = ComputeBodyFigures(in);
  EXPECT_EQ(Of(f.payment_taken()), Seen(false, 5.0, 7, "5"));
  EXPECT_EQ(Of(f.payment_expenses_only()), Hidden("<5"));  // one leader: suppressed
  EXPECT_EQ(Of(f.payment_declined()), Seen(false, 0.0, 7, "0"));
}

TEST(ComputeBodyFigures, PaymentChoicesWithheldUnderFiveOffered) {
  FiguresInput in = Input();
  for (int i = 0; i < 4; ++i) {
    in.placements.push_back(
        WithPayment(Started("roles/1", 5), cadre::v1::PAYMENT_CHOICE_TAKE_PAYMENT));
  }
  for (int i = 0; i < 3; ++i) in.placements.push_back(Started("roles/1", 5));
  BodyFigures f = ComputeBodyFigures(in);
  EXPECT_EQ(Of(f.payment_taken()), Hidden("<5"));
  EXPECT_EQ(Of(f.payment_expenses_only()), Hidden("<5"));
  EXPECT_EQ(Of(f.payment_declined()), Hidden("<5"));

  in.placements.push_back(
      WithPayment(Started("roles/1", 5), cadre::v1::PAYMENT_CHOICE_TAKE_PAYMENT));
  f = ComputeBodyFigures(in);
  EXPECT_EQ(Of(f.payment_taken()), Seen(false, 5.0, 5, "5"));
  EXPECT_EQ(Of(f.payment_declined()), Seen(false, 0.0, 5, "0"));
}

}  // namespace
}  // namespace cadre::matching
