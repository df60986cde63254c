#pragma once

// Paging a list held in memory newest first (applications, placements) with a keyset
// cursor: the time and name of the last item answered. Items written meanwhile neither
// shift nor repeat a page. Pure.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/timestamp.pb.h"

namespace cadre::matching {

struct NewestFirstCursor {
  int64_t ms = 0;    // the item's time, in Unix milliseconds
  std::string name;  // its resource name: ties are broken by name, ascending
};

int64_t MillisOf(const google::protobuf::Timestamp& t);

// Whether the item (ms, name) comes before (b_ms, b_name): later first, then by name.
bool NewestFirst(int64_t ms, const std::string& name, int64_t b_ms, const std::string& b_name);

// The cursor's text ("ms:name") and back; INVALID_ARGUMENT "page_token: ..." for text
// this service did not make.
std::string CursorText(int64_t ms, const std::string& name);
absl::StatusOr<NewestFirstCursor> ParseCursorText(const std::string& text);

// Whether the item comes after the cursor in newest-first order.
bool ComesAfter(int64_t ms, const std::string& name, const NewestFirstCursor& cursor);

}  // namespace cadre::matching
