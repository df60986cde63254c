#include "services/common/base/errors.h"

#include "absl/strings/cord.h"

namespace cadre {
namespace {

// `text` up to byte `end`, backed up over UTF-8 continuation bytes so that no character
// is cut in two. `end` < text.size().
absl::string_view CutAtCharacter(absl::string_view text, size_t end) {
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

std::string Echo(absl::string_view text) {
  if (text.size() <= kMaxEchoBytes) return std::string(text);
  return absl::StrCat(CutAtCharacter(text, kMaxEchoBytes), "...");
}

std::string Shorten(absl::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  constexpr absl::string_view kEllipsis = "...";
  const size_t keep = max_bytes > kEllipsis.size() ? max_bytes - kEllipsis.size() : 0;
  return absl::StrCat(CutAtCharacter(text, keep), kEllipsis);
}

absl::Status WithCallerMessage(absl::Status status, absl::string_view caller_message) {
  if (!status.ok()) status.SetPayload(kCallerMessageUrl, absl::Cord(caller_message));
  return status;
}

absl::optional<std::string> CallerMessage(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kCallerMessageUrl);
  if (!payload) return absl::nullopt;
  return std::string(*payload);
}

}  // namespace cadre
