#include "services/matching/view/stream_position.h"

#include "absl/strings/numbers.h"

namespace cadre::matching {

std::pair<uint64_t, uint64_t> ParseStreamId(absl::string_view id) {
  std::pair<uint64_t, uint64_t> parsed{0, 0};
  const size_t dash = id.find('-');
  if (dash == absl::string_view::npos) {
    if (!absl::SimpleAtoi(id, &parsed.first)) return {0, 0};
    return parsed;
  }
  if (!absl::SimpleAtoi(id.substr(0, dash), &parsed.first) ||
      !absl::SimpleAtoi(id.substr(dash + 1), &parsed.second)) {
    return {0, 0};
  }
  return parsed;
}

bool StreamIdBefore(absl::string_view a, absl::string_view b) {
  return ParseStreamId(a) < ParseStreamId(b);
}

const std::string& OlderStreamId(const std::string& a, const std::string& b) {
  return StreamIdBefore(b, a) ? b : a;
}

bool EntriesLostAfter(const StreamBounds& bounds, absl::string_view position) {
  if (bounds.entries_added <= bounds.length) return false;
  if (bounds.length == 0) return StreamIdBefore(position, bounds.last_generated_id);
  if (ParseStreamId(position) == std::pair<uint64_t, uint64_t>{0, 0}) return true;
  return StreamIdBefore(position, bounds.first_id);
}

}  // namespace cadre::matching
