#pragma once

// Dates and times on the command line and in output. Cadre's bodies are in England, so
// a bare date means a day in UK time (Europe/London; UTC if this machine has no zone
// database). Anything else is RFC 3339, e.g. "2027-01-31T17:00:00Z".

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "tools/cadrectl/args.h"

namespace cadre::cadrectl {

// What a bare date such as "2027-01-31" stands for.
enum class DateMeans {
  kEndOfDay,    // 23:59:59 UK time: a closing date
  kStartOfDay,  // 00:00:00 UK time: a "from" bound
};

// The time flag `name` (present: call Has first) names. Usage error naming the flag if
// it is neither a date (YYYY-MM-DD) nor RFC 3339.
absl::StatusOr<absl::Time> TimeFlag(const ParsedArgs& args, absl::string_view name,
                                    DateMeans date_means);

// An expiry given as a time from `now` ("30d", "12h", "90m": days, hours or minutes, a
// whole number from 1) or as TimeFlag reads one (a bare date means the end of that day).
// Usage error naming the flag otherwise.
absl::StatusOr<absl::Time> ExpiryFlag(const ParsedArgs& args, absl::string_view name,
                                      absl::Time now);

void ToProto(absl::Time time, google::protobuf::Timestamp* proto);
absl::Time FromProto(const google::protobuf::Timestamp& proto);

// "2027-01-31" in UK time; "" for an unset timestamp.
std::string FormatDate(const google::protobuf::Timestamp& proto);
// "2027-01-31T23:59:59+00:00" in UK time; "" for an unset timestamp.
std::string FormatTimestamp(const google::protobuf::Timestamp& proto);

}  // namespace cadre::cadrectl
