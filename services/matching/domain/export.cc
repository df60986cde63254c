#include "services/matching/domain/export.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/common/base/status_macros.h"

namespace cadre::matching {
namespace {

// One message as compact JSON (no whitespace outside strings).
absl::StatusOr<std::string> ToJson(const google::protobuf::Message& m) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(m, &json, options).ok()) {
    return absl::InternalError(
        absl::StrCat("could not print ", m.GetDescriptor()->full_name(), " as JSON"));
  }
  return json;
}

absl::StatusOr<std::string> ToJsonOrNull(const google::protobuf::Message* m) {
  if (m == nullptr) return std::string("null");
  return ToJson(*m);
}

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  const int64_t seconds = absl::ToUnixSeconds(t);
  google::protobuf::Timestamp ts;
  ts.set_seconds(seconds);
  ts.set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
  return ts;
}

template <typename Message>
absl::StatusOr<std::vector<std::string>> ToJsonEach(absl::Span<const Message> messages) {
  std::vector<std::string> out;
  out.reserve(messages.size());
  for (const Message& m : messages) {
    CADRE_ASSIGN_OR_RETURN(std::string one, ToJson(m));
    out.push_back(std::move(one));
  }
  return out;
}

void NewLine(int depth, std::string* out) {
  out->push_back('\n');
  out->append(size_t{2} * static_cast<size_t>(depth), ' ');
}

// `compact` (valid JSON with no whitespace outside strings, as Protobuf prints it)
// indented two spaces a level. Done here rather than by Protobuf's own printer because
// its indentation differs between versions and the parts are nested in one document.
std::string Pretty(absl::string_view compact) {
  std::string out;
  out.reserve(compact.size() * 2);
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    if (in_string) {
      out.push_back(c);
      if (c == '\\' && i + 1 < compact.size()) {
        out.push_back(compact[++i]);  // an escaped character, '"' included
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        out.push_back(c);
        break;
      case '{':
      case '[':
        out.push_back(c);
        if (i + 1 < compact.size() && (compact[i + 1] == '}' || compact[i + 1] == ']')) {
          out.push_back(compact[++i]);  // {} and [] stay on one line
        } else {
          NewLine(++depth, &out);
        }
        break;
      case '}':
      case ']':
        NewLine(--depth, &out);
        out.push_back(c);
        break;
      case ',':
        out.push_back(c);
        NewLine(depth, &out);
        break;
      case ':':
        out.append(": ");
        break;
      default:
        out.push_back(c);
    }
  }
  out.push_back('\n');
  return out;
}

}  // namespace

absl::StatusOr<std::string> BuildExport(const cadre::v1::Applicant& applicant,
                                        const cadre::v1::EqualityMonitoring* monitoring,
                                        absl::Span<const cadre::v1::Credential> credentials,
                                        const google::protobuf::Message* registry_part,
                                        absl::Time exported_at,
                                        absl::Span<const cadre::v1::Application> applications,
                                        absl::Span<const cadre::v1::Placement> placements) {
  // A Timestamp prints as a JSON string in RFC 3339 ("2026-03-01T12:00:00Z"), so every
  // part, the time included, is JSON Protobuf made: only the outer object is ours.
  CADRE_ASSIGN_OR_RETURN(const std::string time, ToJson(ToTimestamp(exported_at)));
  CADRE_ASSIGN_OR_RETURN(const std::string person, ToJson(applicant));
  CADRE_ASSIGN_OR_RETURN(const std::string answers, ToJsonOrNull(monitoring));
  CADRE_ASSIGN_OR_RETURN(const std::vector<std::string> held, ToJsonEach(credentials));
  CADRE_ASSIGN_OR_RETURN(const std::vector<std::string> applied, ToJsonEach(applications));
  CADRE_ASSIGN_OR_RETURN(const std::vector<std::string> placed, ToJsonEach(placements));
  CADRE_ASSIGN_OR_RETURN(const std::string registry, ToJsonOrNull(registry_part));
  return Pretty(absl::StrCat(R"({"exported_at":)", time, R"(,"applicant":)", person,
                             R"(,"equality_monitoring":)", answers, R"(,"credentials":[)",
                             absl::StrJoin(held, ","), R"(],"applications":[)",
                             absl::StrJoin(applied, ","), R"(],"placements":[)",
                             absl::StrJoin(placed, ","), R"(],"registry":)", registry, "}"));
}

}  // namespace cadre::matching
