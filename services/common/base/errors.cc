#include "services/common/base/errors.h"

namespace cadre {

std::string Echo(absl::string_view text) {
  if (text.size() <= kMaxEchoBytes) return std::string(text);
  size_t end = kMaxEchoBytes;
  // Back up over UTF-8 continuation bytes so that no character is cut in two.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return absl::StrCat(text.substr(0, end), "...");
}

}  // namespace cadre
