#pragma once

// Opaque page tokens (AIP-158): a keyset cursor (the last key returned) and a fingerprint
// of the request's filters, so that a token is refused when the filters change under it.
// Encoded as URL-safe base64 of "v1|<cursor>|<fingerprint>". Not a secret: a token only
// names a position in a listing the caller may already see.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace cadre {

// A stable fingerprint of `request` with its paging fields cleared: the same on every
// replica and across restarts (FNV-1a 64 over the deterministic serialization).
std::string FilterFingerprint(const google::protobuf::Message& request);

std::string EncodePageToken(absl::string_view cursor, absl::string_view fingerprint);

// The cursor, or INVALID_ARGUMENT naming page_token when the token is malformed or was
// made for other filters.
absl::StatusOr<std::string> DecodePageToken(absl::string_view token, absl::string_view fingerprint);

}  // namespace cadre
