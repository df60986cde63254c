#pragma once

// Positions in a Redis Stream, and the one rule both the role view and the consumer group
// use to tell whether entries they have not read yet were trimmed away. Pure C++.
//
// Stream ids are "ms-seq", two unsigned numbers, ordered by ms then seq. "0-0" is before
// every entry: a reader at "0-0" has read nothing.

#include <cstdint>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"

namespace cadre::matching {

// A stream id as two numbers; {0, 0} for "0-0" and for anything that does not parse
// (Redis hands out only well-formed ids). An id without "-seq" ("1700000000000") is
// read as seq 0, as Redis reads it.
std::pair<uint64_t, uint64_t> ParseStreamId(absl::string_view id);

// Whether `a` comes before `b` in a stream.
bool StreamIdBefore(absl::string_view a, absl::string_view b);

// The older of two ids.
const std::string& OlderStreamId(const std::string& a, const std::string& b);

// What XINFO STREAM says about where a stream begins and ends. A stream that does not
// exist is empty and has had nothing added.
struct StreamBounds {
  std::string first_id = "0-0";           // the oldest entry still held; "0-0": none
  std::string last_generated_id = "0-0";  // the newest id ever added, even if trimmed
  int64_t length = 0;                     // entries held
  int64_t entries_added = 0;              // entries ever added (Redis 7.0+; older: taken as length)
};

// Whether entries after `position` (the last id a reader has read or otherwise accounted
// for) may have been removed before the reader read them.
//
// The registry trims its stream from the oldest end (XADD MAXLEN ~). So:
//  - nothing ever removed (entries_added == length): no;
//  - the stream is empty: yes when anything was added after `position`;
//  - `position` "0-0": yes (something was removed, and the reader has read nothing);
//  - otherwise: yes when the stream now begins after `position`. While it still begins at
//    or before `position`, trimming has not reached anything the reader needs. When the
//    entry at `position` was itself trimmed but the next one survives, this says yes
//    needlessly; the reader was then a whole stream behind, where starting over is also
//    the quicker way back.
bool EntriesLostAfter(const StreamBounds& bounds, absl::string_view position);

}  // namespace cadre::matching
