#include "services/common/base/validation.h"

#include <set>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/errors.h"

namespace cadre {
namespace {

// 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z, in Unix seconds.
constexpr int64_t kEarliestSeconds = 946684800;
constexpr int64_t kLatestSeconds = 4102444800;
constexpr int32_t kMaxNanos = 999999999;

}  // namespace

std::string FieldPath(absl::string_view prefix, absl::string_view field) {
  return absl::StrCat(prefix, ".", field);
}

int Utf8Length(absl::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

size_t Utf8SequenceLength(absl::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t len = 0;
  unsigned char min_second = 0x80;
  unsigned char max_second = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) min_second = 0xA0;  // overlong
    if (c == 0xED) max_second = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) min_second = 0x90;  // overlong
    if (c == 0xF4) max_second = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  const auto second = static_cast<unsigned char>(s[i + 1]);
  if (second < min_second || second > max_second) return 0;
  for (size_t k = 2; k < len; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  return len;
}

bool IsValidUtf8(absl::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t len = Utf8SequenceLength(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

bool IsSlug(absl::string_view s, size_t min, size_t max) {
  return s.size() >= min && s.size() <= max && s.front() != '-' && s.back() != '-' &&
         absl::c_all_of(s, [](char c) {
           return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-';
         });
}

bool IsRequestId(absl::string_view s) {
  return !s.empty() && s.size() <= kMaxRequestIdLength &&
         absl::c_all_of(s, [](char c) { return absl::ascii_isalnum(c) || c == '_' || c == '-'; });
}

absl::Status CheckLength(absl::string_view value, int min, int max, absl::string_view field) {
  if (!IsValidUtf8(value)) return InvalidField(field, "must be valid UTF-8");
  const int n = Utf8Length(value);
  if (n < min || n > max) {
    if (min == 0) return InvalidField(field, absl::StrCat("must be at most ", max, " characters"));
    return InvalidField(field,
                        absl::StrCat("must be ", min, " to ", max, " characters (got ", n, ")"));
  }
  return absl::OkStatus();
}

absl::Status CheckRange(int64_t value, int64_t min, int64_t max, absl::string_view field) {
  if (value < min || value > max) {
    return InvalidField(field,
                        absl::StrCat("must be from ", min, " to ", max, " (got ", value, ")"));
  }
  return absl::OkStatus();
}

absl::Status CheckEnum(int value, bool (*is_valid)(int), absl::string_view field, bool required) {
  if (value == 0) {
    return required ? InvalidField(field, "is required") : absl::OkStatus();
  }
  if (!is_valid(value)) return InvalidField(field, absl::StrCat("unknown value ", value));
  return absl::OkStatus();
}

absl::Status CheckTags(const google::protobuf::RepeatedPtrField<std::string>& tags, int max_items,
                       size_t max_length, absl::string_view field) {
  if (tags.size() > max_items) {
    return InvalidField(field,
                        absl::StrCat("at most ", max_items, " entries (got ", tags.size(), ")"));
  }
  std::set<absl::string_view> seen;
  for (int i = 0; i < tags.size(); ++i) {
    const std::string& tag = tags[i];
    const std::string item = absl::StrCat(field, "[", i, "]");
    if (!IsSlug(tag, 1, max_length)) {
      return InvalidField(
          item, absl::StrCat("must be 1 to ", max_length, " characters of a-z, 0-9 and '-'"));
    }
    if (!seen.insert(tag).second) return InvalidField(item, "is repeated");
  }
  return absl::OkStatus();
}

absl::Status CheckTimestamp(const google::protobuf::Timestamp& t, absl::string_view field) {
  if (t.seconds() < kEarliestSeconds || t.seconds() > kLatestSeconds || t.nanos() < 0 ||
      t.nanos() > kMaxNanos) {
    return InvalidField(field, "must be a time between 2000 and 2100");
  }
  return absl::OkStatus();
}

absl::Status ValidateRequestId(absl::string_view request_id, absl::string_view field) {
  if (request_id.empty() || IsRequestId(request_id)) return absl::OkStatus();
  return InvalidField(field, "must be 1 to 64 of A-Z, a-z, 0-9, '_' and '-'");
}

absl::StatusOr<int> EffectivePageSize(int page_size, int default_size, int max_size) {
  if (page_size < 0) return InvalidField("page_size", "must not be negative");
  if (page_size == 0) return default_size;
  return page_size > max_size ? max_size : page_size;
}

}  // namespace cadre
