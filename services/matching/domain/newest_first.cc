#include "services/matching/domain/newest_first.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/errors.h"

namespace cadre::matching {

int64_t MillisOf(const google::protobuf::Timestamp& t) {
  return t.seconds() * 1000 + t.nanos() / 1000000;
}

bool NewestFirst(int64_t ms, const std::string& name, int64_t b_ms, const std::string& b_name) {
  return ms != b_ms ? ms > b_ms : name < b_name;
}

std::string CursorText(int64_t ms, const std::string& name) { return absl::StrCat(ms, ":", name); }

absl::StatusOr<NewestFirstCursor> ParseCursorText(const std::string& text) {
  NewestFirstCursor c;
  const size_t colon = text.find(':');
  if (colon == std::string::npos || !absl::SimpleAtoi(text.substr(0, colon), &c.ms)) {
    return InvalidField("page_token", "is not a token this service gave");
  }
  c.name = text.substr(colon + 1);
  return c;
}

bool ComesAfter(int64_t ms, const std::string& name, const NewestFirstCursor& cursor) {
  return NewestFirst(cursor.ms, cursor.name, ms, name);
}

}  // namespace cadre::matching
