#pragma once

// What every benchmark driver does with its arguments and its summary: the admin key
// from a flag or CADRE_ADMIN_KEY, comma-separated in-flight counts, and the summary
// markdown written to a file as well as stdout.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cadre::bench {

// `flag_value`, or $CADRE_ADMIN_KEY when it is empty.
std::string AdminKeyOr(const std::string& flag_value);

// Each non-empty text a count of calls in flight, 1-4096; INVALID_ARGUMENT naming --flag.
absl::StatusOr<std::vector<int>> ParseCounts(const std::vector<std::string>& texts,
                                             absl::string_view flag);

// "host:port" split into the two; INVALID_ARGUMENT naming --flag.
absl::Status SplitAddress(const std::string& address, absl::string_view flag, std::string* host,
                          int* port);

// OK when low <= value <= high, else INVALID_ARGUMENT "--flag: low-high, not value".
absl::Status InRange(int value, int low, int high, absl::string_view flag);

// OK for a --duration above 0 and at most 60 s.
absl::Status CheckMeasureDuration(absl::Duration duration);

// Writes (or, with `append`, appends) `text` to `path`; nothing when `path` is empty.
void WriteSummaryFile(const std::string& path, bool append, const std::string& text);

}  // namespace cadre::bench
