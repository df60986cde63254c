#pragma once

// Checks of caller input that every service makes. Pure: no I/O. Each Check* returns OK
// or INVALID_ARGUMENT whose message starts with the field's path ("role.title: ...").

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "google/protobuf/timestamp.pb.h"

namespace cadre {

// A request id (AIP-155): 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'.
inline constexpr size_t kMaxRequestIdLength = 64;  // characters

// "role" + "title" → "role.title".
std::string FieldPath(absl::string_view prefix, absl::string_view field);

// Number of Unicode code points in `s`, read as UTF-8 (continuation bytes not counted).
int Utf8Length(absl::string_view s);
// Length of the valid UTF-8 sequence that starts at s[i], or 0 where none does
// (overlong forms, surrogates and code points above U+10FFFF are not valid).
size_t Utf8SequenceLength(absl::string_view s, size_t i);
bool IsValidUtf8(absl::string_view s);

bool IsSlug(absl::string_view s, size_t min, size_t max);  // a-z, 0-9, '-' inside
bool IsRequestId(absl::string_view s);                     // see kMaxRequestIdLength

// Text of `min` to `max` code points (valid UTF-8).
absl::Status CheckLength(absl::string_view value, int min, int max, absl::string_view field);
absl::Status CheckRange(int64_t value, int64_t min, int64_t max, absl::string_view field);
// An enum value: 0 (unset) is refused when `required`; unknown values always are.
absl::Status CheckEnum(int value, bool (*is_valid)(int), absl::string_view field, bool required);
// At most `max_items` distinct slugs of 1 to `max_length` characters.
absl::Status CheckTags(const google::protobuf::RepeatedPtrField<std::string>& tags, int max_items,
                       size_t max_length, absl::string_view field);
// A time between 2000-01-01 and 2100-01-01 with valid nanos.
absl::Status CheckTimestamp(const google::protobuf::Timestamp& t, absl::string_view field);

// Empty (no request id) or IsRequestId.
absl::Status ValidateRequestId(absl::string_view request_id, absl::string_view field);

// page_size: negative is INVALID_ARGUMENT; 0 gives `default_size`; above `max_size` is
// lowered to it (AIP-158).
absl::StatusOr<int> EffectivePageSize(int page_size, int default_size, int max_size);

}  // namespace cadre
