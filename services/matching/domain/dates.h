#pragma once

// Calendar dates (cadre.v1.Date: no time zone) and the rules on them: a date of birth, a
// certificate's issue and expiry dates. "Today" is always the caller's: a date in
// London's time zone from the service's injectable clock (DateIn(clock.Now(),
// LondonTime())), so that tests can move time on and a day turns at midnight in England.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "cadre/v1/common.pb.h"
#include "services/matching/domain/limits.h"

namespace cadre::matching {

// OK when `d` is a real calendar day (29 February only in leap years) in kMinYear to
// kMaxYear; INVALID_ARGUMENT naming `field` otherwise (an unset Date is not a day).
absl::Status CheckDate(const cadre::v1::Date& d, absl::string_view field);

// The day it is at `t` in `zone`.
cadre::v1::Date DateIn(absl::Time t, absl::TimeZone zone);

// Europe/London, or UTC where the time-zone data is missing (a bare container): a day
// then turns an hour early in summer, which no rule here is sharp enough to notice.
// Loaded once; thread-safe.
absl::TimeZone LondonTime();

// -1, 0 or 1 as `a` is before, on or after `b`.
int CompareDates(const cadre::v1::Date& a, const cadre::v1::Date& b);

// Whole years from `birth` to `day` (both real days, `birth` not after `day`): the
// number of birthdays reached. Someone born on 29 February has their birthday on
// 1 March in years that are not leap years (as UK law counts it).
int AgeOn(const cadre::v1::Date& birth, const cadre::v1::Date& day);

// Conversions for arithmetic and messages.
absl::CivilDay ToCivilDay(const cadre::v1::Date& d);
cadre::v1::Date FromCivilDay(absl::CivilDay day);
std::string FormatDate(const cadre::v1::Date& d);  // "2024-02-29"

}  // namespace cadre::matching
