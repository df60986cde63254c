#pragma once

// Working days in England: Monday to Friday, less England and Wales bank holidays. They
// count the time an organisation has to acknowledge an application ("5 working days").
//
// The bank holidays come from data/england_and_wales_bank_holidays.txt (GOV.UK's list,
// https://www.gov.uk/bank-holidays, extended by its rules), embedded in the library at
// build time: nothing is read at run time. The data covers whole years (see
// CalendarCovers); outside them only weekends are known, so every weekday counts as a
// working day there. Extend the file before its last year comes round.
//
// Dates are real calendar days (CheckDate); "today" is the caller's, from its injectable
// clock in London's time zone (dates.h). All functions are pure and thread-safe.

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cadre/v1/common.pb.h"

namespace cadre::matching {

// Whether `d` is an England and Wales bank holiday (a substitute day included: when
// Christmas Day falls on a Saturday the holiday is the Monday, and only the Monday is
// one). Always false outside the years CalendarCovers.
bool IsBankHoliday(const cadre::v1::Date& d);

// Monday to Friday and not a bank holiday.
bool IsWorkingDay(const cadre::v1::Date& d);

// The n-th working day after `from` (n >= 0; a negative n counts as 0): 1 is the first
// working day after `from`, whatever `from` is. n = 0 is `from` itself when it is a
// working day, else the next working day, so that "within 0 working days" of a Saturday
// means by the Monday. For n >= 1, WorkingDaysBetween(from, AddWorkingDays(from, n)) == n.
cadre::v1::Date AddWorkingDays(const cadre::v1::Date& from, int n);

// The working days after `from` up to and including `to`; 0 when `to` is not after
// `from`. From a Thursday to the Monday after is 2 (Friday, Monday) in a week without
// bank holidays.
int WorkingDaysBetween(const cadre::v1::Date& from, const cadre::v1::Date& to);

// The end of the n-th working day after the day of `start` in `zone` (as AddWorkingDays
// counts, n = 0 included): the midnight that starts the following day, in `zone`. Callers
// pass LondonTime(); an application received at 23:59 on a Monday counts from the Monday.
absl::Time DeadlineAfterWorkingDays(absl::Time start, int n, absl::TimeZone zone);

// Whether `d` falls in a year the bank-holiday data covers (2020 to 2030 as shipped).
// Outside those years IsBankHoliday is always false and only weekends are known.
bool CalendarCovers(const cadre::v1::Date& d);

// The data file's text exactly as embedded: what IsBankHoliday parses (once) and what the
// tests check line by line. Defined in the .cc the build generates from the data file.
absl::string_view EnglandAndWalesBankHolidaysText();

}  // namespace cadre::matching
