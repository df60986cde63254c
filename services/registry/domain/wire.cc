#include "services/registry/domain/wire.h"

#include <cstdint>

#include "cadre/v1/registry.pb.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"

namespace cadre::registry {
namespace {

using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedOutputStream;

// ListRolesResponse's field numbers (protos/cadre/v1/registry.proto).
constexpr int kRolesField = 1;
constexpr int kNextPageTokenField = 2;
constexpr int kViewPositionField = 3;
constexpr int kPreviousPageTokenField = 4;

constexpr uint32_t LengthDelimitedTag(int field) {
  return WireFormatLite::MakeTag(field, WireFormatLite::WIRETYPE_LENGTH_DELIMITED);
}

// Bytes of one length-delimited field of `size` bytes whose tag takes one byte.
size_t FieldSize(size_t size) { return 1 + CodedOutputStream::VarintSize64(size) + size; }

// Appends field `tag` holding `bytes`, then `suffix`, as one length-delimited field.
void AppendField(uint32_t tag, absl::string_view bytes, std::string& out,
                 absl::string_view suffix = {}) {
  // A tag and a varint length take at most 1 + 10 bytes.
  uint8_t head[16];
  uint8_t* end = CodedOutputStream::WriteVarint32ToArray(tag, head);
  end = CodedOutputStream::WriteVarint64ToArray(bytes.size() + suffix.size(), end);
  out.append(reinterpret_cast<const char*>(head), static_cast<size_t>(end - head));
  out.append(bytes.data(), bytes.size());
  out.append(suffix.data(), suffix.size());
}

static_assert(LengthDelimitedTag(kRolesField) == 0x0A);
static_assert(LengthDelimitedTag(kNextPageTokenField) == 0x12);
static_assert(LengthDelimitedTag(kViewPositionField) == 0x1A);
static_assert(LengthDelimitedTag(kPreviousPageTokenField) == 0x22);
static_assert(cadre::v1::ListRolesResponse::kPreviousPageTokenFieldNumber ==
              kPreviousPageTokenField);
static_assert(cadre::v1::Role::kAcceptingApplicationsFieldNumber == 24);
static_assert(WireFormatLite::MakeTag(cadre::v1::Role::kAcceptingApplicationsFieldNumber,
                                      WireFormatLite::WIRETYPE_VARINT) == 0xC0);

}  // namespace

std::string WithAcceptingApplications(absl::string_view role) {
  std::string out;
  out.reserve(role.size() + kAcceptingApplicationsTrue.size());
  out.append(role.data(), role.size());
  out.append(kAcceptingApplicationsTrue.data(), kAcceptingApplicationsTrue.size());
  return out;
}

std::string EncodeListRolesPage(const std::vector<WirePtr>& roles,
                                absl::string_view next_page_token, absl::string_view view_position,
                                const std::vector<bool>& accepting,
                                absl::string_view previous_page_token) {
  auto suffix = [&accepting](size_t i) {
    return i < accepting.size() && accepting[i] ? kAcceptingApplicationsTrue : absl::string_view();
  };
  size_t size = 0;
  for (size_t i = 0; i < roles.size(); ++i) size += FieldSize(roles[i]->size() + suffix(i).size());
  if (!next_page_token.empty()) size += FieldSize(next_page_token.size());
  if (!view_position.empty()) size += FieldSize(view_position.size());
  if (!previous_page_token.empty()) size += FieldSize(previous_page_token.size());
  std::string out;
  out.reserve(size);
  for (size_t i = 0; i < roles.size(); ++i) {
    AppendField(LengthDelimitedTag(kRolesField), *roles[i], out, suffix(i));
  }
  // proto3 leaves empty strings out; fields in number order, as protobuf writes them.
  if (!next_page_token.empty()) {
    AppendField(LengthDelimitedTag(kNextPageTokenField), next_page_token, out);
  }
  if (!view_position.empty()) {
    AppendField(LengthDelimitedTag(kViewPositionField), view_position, out);
  }
  if (!previous_page_token.empty()) {
    AppendField(LengthDelimitedTag(kPreviousPageTokenField), previous_page_token, out);
  }
  return out;
}

}  // namespace cadre::registry
