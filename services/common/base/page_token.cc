#include "services/common/base/page_token.h"

#include <memory>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "services/common/base/errors.h"

namespace cadre {
namespace {

constexpr size_t kMaxTokenLength = 512;

uint64_t Fnv1a64(absl::string_view data) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

std::string FilterFingerprint(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  const auto* descriptor = copy->GetDescriptor();
  for (const char* paging : {"page_token", "page_size"}) {
    if (const auto* field = descriptor->FindFieldByName(paging)) {
      copy->GetReflection()->ClearField(copy.get(), field);
    }
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream out(&bytes);
    google::protobuf::io::CodedOutputStream coded(&out);
    coded.SetSerializationDeterministic(true);
    copy->SerializeToCodedStream(&coded);
  }
  // The message type is part of the fingerprint, so a token from one listing is refused
  // by another even when neither has filters.
  return absl::StrFormat("%016x", Fnv1a64(absl::StrCat(descriptor->full_name(), "|", bytes)));
}

std::string EncodePageToken(absl::string_view cursor, absl::string_view fingerprint) {
  return absl::WebSafeBase64Escape(absl::StrCat("v1|", cursor, "|", fingerprint));
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view token,
                                            absl::string_view fingerprint) {
  std::string raw;
  if (token.size() > kMaxTokenLength || !absl::WebSafeBase64Unescape(token, &raw)) {
    return InvalidField("page_token", "is not a token this service made");
  }
  std::vector<std::string> parts = absl::StrSplit(raw, '|');
  if (parts.size() != 3 || parts[0] != "v1" || parts[1].empty()) {
    return InvalidField("page_token", "is not a token this service made");
  }
  if (parts[2] != fingerprint) {
    return InvalidField("page_token", "was made for other filters; start again without it");
  }
  return parts[1];
}

}  // namespace cadre
