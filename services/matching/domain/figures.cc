#include "services/matching/domain/figures.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/types/optional.h"
#include "google/protobuf/timestamp.pb.h"

namespace cadre::matching {
namespace {

using cadre::v1::Application;
using cadre::v1::Figure;
using cadre::v1::Placement;
using google::protobuf::Timestamp;

constexpr int kMedian = 50;          // percent
constexpr int kHighPercentile = 90;  // percent
constexpr double kHoursPerDay = 24.0;

absl::Time FromTimestamp(const Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

Timestamp ToTimestamp(absl::Time t) {
  const int64_t seconds = absl::ToUnixSeconds(t);
  Timestamp ts;
  ts.set_seconds(seconds);
  ts.set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
  return ts;
}

// Fractional 24-hour days from `from` to `to`; 0 if `to` is earlier (skewed clocks).
double DaysBetween(absl::Time from, absl::Time to) {
  return std::max(0.0, absl::FDivDuration(to - from, absl::Hours(kHoursPerDay)));
}

// The span the figures cover, both ends included.
struct Window {
  absl::Time start;
  absl::Time end;
  bool Contains(absl::Time t) const { return t >= start && t <= end; }
};

bool InWindow(const Window& window, const Application& a) {
  return a.has_submit_time() && window.Contains(FromTimestamp(a.submit_time()));
}

bool InWindow(const Window& window, const Placement& p) {
  return p.has_start_time() && window.Contains(FromTimestamp(p.start_time()));
}

// Reasons for which the body itself turned the application down.
bool IsBodysDecision(cadre::v1::UnsuccessfulReason reason) {
  switch (reason) {
    case cadre::v1::UNSUCCESSFUL_REASON_NOT_SHORTLISTED:
    case cadre::v1::UNSUCCESSFUL_REASON_NOT_SELECTED:
    case cadre::v1::UNSUCCESSFUL_REASON_REQUIREMENTS_NOT_MET:
    case cadre::v1::UNSUCCESSFUL_REASON_NO_DECISION_MADE:
      return true;
    default:
      return false;
  }
}

// When the body decided on `a`: its offer, else its turning it down; none otherwise.
absl::optional<absl::Time> DecisionTime(const Application& a) {
  if (a.has_offer_time()) return FromTimestamp(a.offer_time());
  if (a.state() == cadre::v1::APPLICATION_STATE_UNSUCCESSFUL &&
      IsBodysDecision(a.unsuccessful_reason()) && a.has_close_time()) {
    return FromTimestamp(a.close_time());
  }
  return absl::nullopt;
}

// Rounded half away from zero, so that 2.25 is "2.3" and 12.5% is "13%" (printf would
// round the binary value to even).
std::string OneDecimal(double x) { return absl::StrFormat("%.1f", std::round(x * 10) / 10); }
std::string WholePercent(double share) {
  return absl::StrCat(static_cast<int64_t>(std::round(share * 100)), "%");
}

bool TooFew(int64_t behind) { return behind < kSuppressBelow; }

// A figure withheld because only `behind` (under kSuppressBelow) stand behind it.
Figure Withheld(int64_t behind) {
  Figure f;
  f.set_withheld(true);
  f.set_shown(behind > 0 ? absl::StrCat("<", kSuppressBelow) : "none");
  return f;
}

Figure Published(double value, int64_t based_on, std::string shown) {
  Figure f;
  f.set_value(value);
  f.set_based_on(static_cast<int32_t>(based_on));
  f.set_shown(std::move(shown));
  return f;
}

// The `percent` percentile of `days`, each standing for one application or placement.
Figure DaysFigure(const std::vector<double>& days, int percent) {
  const auto n = static_cast<int64_t>(days.size());
  if (TooFew(n)) return Withheld(n);
  const double value = NearestRank(days, percent);
  return Published(value, n, absl::StrCat(OneDecimal(value), " days"));
}

void SetDurations(const std::vector<double>& days, Figure* median, Figure* p90) {
  *median = DaysFigure(days, kMedian);
  *p90 = DaysFigure(days, kHighPercentile);
}

Figure ApplicationsPerRole(const std::vector<const Application*>& windowed) {
  const auto n = static_cast<int64_t>(windowed.size());
  if (TooFew(n)) return Withheld(n);
  absl::flat_hash_set<std::string> roles;
  for (const Application* a : windowed) roles.insert(a->role());
  const double value = static_cast<double>(n) / static_cast<double>(roles.size());
  return Published(value, n, OneDecimal(value));
}

Figure FillMedian(const FiguresInput& in, const std::vector<const Placement*>& windowed) {
  struct Fill {
    absl::Time latest = absl::InfinitePast();  // the role's latest placement in the window
    int64_t placements = 0;                    // the role's placements in the window
    absl::optional<absl::Time> first;          // its first application, not after `latest`
  };
  absl::flat_hash_map<std::string, Fill> fills;
  for (const Placement* p : windowed) {
    Fill& fill = fills[p->role()];
    fill.latest = std::max(fill.latest, FromTimestamp(p->start_time()));
    ++fill.placements;
  }
  for (const Application& a : in.applications) {
    auto it = fills.find(a.role());
    if (it == fills.end() || !a.has_submit_time()) continue;
    const absl::Time submitted = FromTimestamp(a.submit_time());
    Fill& fill = it->second;
    if (submitted <= fill.latest && (!fill.first.has_value() || submitted < *fill.first)) {
      fill.first = submitted;
    }
  }
  std::vector<double> days;
  int64_t behind = 0;
  for (const auto& [role, fill] : fills) {
    if (!fill.first.has_value()) continue;
    days.push_back(DaysBetween(*fill.first, fill.latest));
    behind += fill.placements;
  }
  if (TooFew(behind)) return Withheld(behind);
  const double value = NearestRank(std::move(days), kMedian);
  return Published(value, behind, absl::StrCat(OneDecimal(value), " days"));
}

Figure FirstTimeShare(const FiguresInput& in, const std::vector<const Placement*>& windowed) {
  int64_t known = 0;
  int64_t first_time = 0;
  for (const Placement* p : windowed) {
    auto it = in.earlier_placements.find(p->name());
    if (it == in.earlier_placements.end()) continue;
    ++known;
    if (it->second == 0) ++first_time;
  }
  if (TooFew(known)) return Withheld(known);
  const double share = static_cast<double>(first_time) / static_cast<double>(known);
  return Published(share, known, WholePercent(share));
}

// One payment choice's count among `offered` placements with a payment offered.
Figure ChoiceCount(int64_t count, int64_t offered) {
  if (TooFew(offered)) return Withheld(offered);
  if (count > 0 && TooFew(count)) return Withheld(count);
  return Published(static_cast<double>(count), offered, absl::StrCat(count));
}

void SetPaymentChoices(const std::vector<const Placement*>& windowed, cadre::v1::BodyFigures* out) {
  int64_t offered = 0;
  int64_t taken = 0;
  int64_t expenses_only = 0;
  int64_t declined = 0;
  for (const Placement* p : windowed) {
    if (!p->payment_offered()) continue;
    ++offered;
    switch (p->payment_choice()) {
      case cadre::v1::PAYMENT_CHOICE_TAKE_PAYMENT:
        ++taken;
        break;
      case cadre::v1::PAYMENT_CHOICE_EXPENSES_ONLY:
        ++expenses_only;
        break;
      case cadre::v1::PAYMENT_CHOICE_DECLINE_PAYMENT:
        ++declined;
        break;
      default:  // not yet made
        break;
    }
  }
  *out->mutable_payment_taken() = ChoiceCount(taken, offered);
  *out->mutable_payment_expenses_only() = ChoiceCount(expenses_only, offered);
  *out->mutable_payment_declined() = ChoiceCount(declined, offered);
}

}  // namespace

double NearestRank(std::vector<double> values, int percent) {
  if (values.empty()) return 0;
  const auto n = static_cast<int64_t>(values.size());
  // ceil(percent * n / 100) in integers, so that no rounding of a double moves the rank.
  const int64_t rank = std::clamp<int64_t>((int64_t{percent} * n + 99) / 100, 1, n);
  std::nth_element(values.begin(), values.begin() + (rank - 1), values.end());
  return values[static_cast<size_t>(rank - 1)];
}

cadre::v1::BodyFigures ComputeBodyFigures(const FiguresInput& in) {
  const Window window{in.now - absl::Hours(kHoursPerDay) * in.window_days, in.now};
  std::vector<const Application*> applications;
  std::vector<double> acknowledge_days;
  std::vector<double> decide_days;
  for (const Application& a : in.applications) {
    if (!InWindow(window, a)) continue;
    applications.push_back(&a);
    const absl::Time submitted = FromTimestamp(a.submit_time());
    if (a.has_acknowledge_time()) {
      acknowledge_days.push_back(DaysBetween(submitted, FromTimestamp(a.acknowledge_time())));
    }
    if (const absl::optional<absl::Time> decided = DecisionTime(a); decided.has_value()) {
      decide_days.push_back(DaysBetween(submitted, *decided));
    }
  }
  std::vector<const Placement*> placements;
  for (const Placement& p : in.placements) {
    if (InWindow(window, p)) placements.push_back(&p);
  }

  cadre::v1::BodyFigures out;
  out.set_body(in.body);
  *out.mutable_compute_time() = ToTimestamp(in.now);
  out.set_window_days(in.window_days);
  SetDurations(acknowledge_days, out.mutable_acknowledge_median_days(),
               out.mutable_acknowledge_p90_days());
  SetDurations(decide_days, out.mutable_decide_median_days(), out.mutable_decide_p90_days());
  *out.mutable_applications_per_role() = ApplicationsPerRole(applications);
  *out.mutable_fill_median_days() = FillMedian(in, placements);
  *out.mutable_first_time_share() = FirstTimeShare(in, placements);
  SetPaymentChoices(placements, &out);
  return out;
}

}  // namespace cadre::matching
