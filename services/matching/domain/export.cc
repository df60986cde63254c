#include "services/matching/domain/export.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/common/base/status_macros.h"

namespace cadre::matching {
namespace {

// One message as pretty JSON, nested `depth` levels into the document: every line after
// the first is indented by two spaces a level. (JSON strings cannot hold a raw line
// break, so splitting the printer's output at '\n' never cuts a string.)
absl::StatusOr<std::string> ToJson(const google::protobuf::Message& m, int depth) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  const auto status = google::protobuf::util::MessageToJsonString(m, &json, options);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("could not print ", m.GetDescriptor()->full_name(), " as JSON"));
  }
  const std::string indent(2 * depth, ' ');
  return absl::StrReplaceAll(absl::StripTrailingAsciiWhitespace(json),
                             {{"\n", absl::StrCat("\n", indent)}});
}

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  const int64_t seconds = absl::ToUnixSeconds(t);
  google::protobuf::Timestamp ts;
  ts.set_seconds(seconds);
  ts.set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
  return ts;
}

absl::StatusOr<std::string> ToJsonOrNull(const google::protobuf::Message* m, int depth) {
  if (m == nullptr) return std::string("null");
  return ToJson(*m, depth);
}

}  // namespace

absl::StatusOr<std::string> BuildExport(const cadre::v1::Applicant& applicant,
                                        const cadre::v1::EqualityMonitoring* monitoring,
                                        absl::Span<const cadre::v1::Credential> credentials,
                                        const google::protobuf::Message* registry_part,
                                        absl::Time exported_at) {
  // A Timestamp prints as a JSON string in RFC 3339 ("2026-03-01T12:00:00Z").
  CADRE_ASSIGN_OR_RETURN(const std::string time, ToJson(ToTimestamp(exported_at), 1));
  CADRE_ASSIGN_OR_RETURN(const std::string person, ToJson(applicant, 1));
  CADRE_ASSIGN_OR_RETURN(const std::string answers, ToJsonOrNull(monitoring, 1));
  std::vector<std::string> held;
  held.reserve(credentials.size());
  for (const cadre::v1::Credential& c : credentials) {
    CADRE_ASSIGN_OR_RETURN(std::string one, ToJson(c, 2));
    held.push_back(absl::StrCat("    ", one));
  }
  const std::string held_json =
      held.empty() ? "[]" : absl::StrCat("[\n", absl::StrJoin(held, ",\n"), "\n  ]");
  CADRE_ASSIGN_OR_RETURN(const std::string registry, ToJsonOrNull(registry_part, 1));
  return absl::StrCat("{\n",                                          //
                      "  \"exported_at\": ", time, ",\n",             //
                      "  \"applicant\": ", person, ",\n",             //
                      "  \"equality_monitoring\": ", answers, ",\n",  //
                      "  \"credentials\": ", held_json, ",\n",        //
                      "  \"registry\": ", registry, "\n",             //
                      "}\n");
}

}  // namespace cadre::matching
