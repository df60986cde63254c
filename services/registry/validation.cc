#include "services/registry/validation.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/status_macros.h"
#include "services/registry/errors.h"
#include "services/registry/names.h"
#include "services/registry/text_search.h"

namespace cadre::registry {
namespace {

using cadre::v1::Location;
using cadre::v1::SupportOffered;
using cadre::v1::TimeCommitment;

std::string Path(absl::string_view prefix, absl::string_view field) {
  return absl::StrCat(prefix, ".", field);
}

absl::Status CheckLength(absl::string_view value, int min, int max, absl::string_view field) {
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
                       absl::string_view field) {
  if (tags.size() > max_items) {
    return InvalidField(field,
                        absl::StrCat("at most ", max_items, " entries (got ", tags.size(), ")"));
  }
  std::set<absl::string_view> seen;
  for (int i = 0; i < tags.size(); ++i) {
    const std::string& tag = tags[i];
    const std::string item = absl::StrCat(field, "[", i, "]");
    if (!IsSlug(tag, 1, kMaxTagLength)) {
      return InvalidField(
          item, absl::StrCat("must be 1 to ", kMaxTagLength, " characters of a-z, 0-9 and '-'"));
    }
    if (!seen.insert(tag).second) return InvalidField(item, "is repeated");
  }
  return absl::OkStatus();
}

absl::Status CheckTime(const TimeCommitment& t, absl::string_view field) {
  CADRE_RETURN_IF_ERROR(
      CheckRange(t.hours_per_month(), 0, kMaxHoursPerMonth, Path(field, "hours_per_month")));
  CADRE_RETURN_IF_ERROR(
      CheckRange(t.duration_months(), 0, kMaxDurationMonths, Path(field, "duration_months")));
  return CheckLength(t.pattern(), 0, kMaxPattern, Path(field, "pattern"));
}

absl::Status CheckLocation(const Location& l, absl::string_view field) {
  CADRE_RETURN_IF_ERROR(
      CheckEnum(l.region(), cadre::v1::Region_IsValid, Path(field, "region"), true));
  CADRE_RETURN_IF_ERROR(
      CheckEnum(l.mode(), cadre::v1::AttendanceMode_IsValid, Path(field, "mode"), true));
  return CheckLength(l.place(), 0, kMaxPlace, Path(field, "place"));
}

absl::Status CheckSupport(const SupportOffered& s, absl::string_view field) {
  CADRE_RETURN_IF_ERROR(CheckTags(s.access_support(), kMaxTags, Path(field, "access_support")));
  CADRE_RETURN_IF_ERROR(
      CheckEnum(s.payment(), cadre::v1::PaymentKind_IsValid, Path(field, "payment"), false));
  const std::string rate = Path(field, "rate_pence_per_hour");
  CADRE_RETURN_IF_ERROR(CheckRange(s.rate_pence_per_hour(), 0, kMaxRatePence, rate));
  const bool involvement = s.payment() == cadre::v1::PAYMENT_KIND_INVOLVEMENT;
  if (involvement && s.rate_pence_per_hour() == 0) {
    return InvalidField(rate, "is required for an involvement payment");
  }
  if (!involvement && s.rate_pence_per_hour() != 0) {
    return InvalidField(rate, "applies only to an involvement payment");
  }
  return absl::OkStatus();
}

absl::Status CheckTimestamp(const google::protobuf::Timestamp& t, absl::string_view field) {
  // 2000-01-01 to 2100-01-01: anything else is a client bug.
  if (t.seconds() < 946684800 || t.seconds() > 4102444800 || t.nanos() < 0 ||
      t.nanos() > 999999999) {
    return InvalidField(field, "must be a time between 2000 and 2100");
  }
  return absl::OkStatus();
}

absl::Status CheckHttpsOrEmail(absl::string_view value, absl::string_view field, bool required) {
  if (value.empty()) return required ? InvalidField(field, "is required") : absl::OkStatus();
  CADRE_RETURN_IF_ERROR(CheckLength(value, 0, kMaxUrl, field));
  if (absl::StrContains(value, " ")) return InvalidField(field, "must not contain spaces");
  const bool https = absl::StartsWith(value, "https://") && value.size() > 8;
  const size_t at = value.find('@');
  const bool email = at != absl::string_view::npos && at > 0 && at + 1 < value.size() &&
                     !absl::StartsWith(value, "https://");
  if (!https && !email) return InvalidField(field, "must be an https:// address or an email");
  return absl::OkStatus();
}

}  // namespace

int Utf8Length(absl::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

absl::Status ValidateBody(const cadre::v1::Body& body, absl::string_view prefix) {
  if (!body.ods_code().empty() && !IsOdsCode(body.ods_code())) {
    return InvalidField(Path(prefix, "ods_code"), "must be 3 to 6 upper-case letters and digits");
  }
  CADRE_RETURN_IF_ERROR(
      CheckLength(body.display_name(), 2, kMaxBodyName, Path(prefix, "display_name")));
  CADRE_RETURN_IF_ERROR(
      CheckEnum(body.kind(), cadre::v1::BodyKind_IsValid, Path(prefix, "kind"), true));
  CADRE_RETURN_IF_ERROR(
      CheckEnum(body.region(), cadre::v1::Region_IsValid, Path(prefix, "region"), true));
  const std::string website = Path(prefix, "website");
  if (!body.website().empty()) {
    CADRE_RETURN_IF_ERROR(CheckLength(body.website(), 0, kMaxUrl, website));
    if (!absl::StartsWith(body.website(), "https://") || body.website().size() < 12 ||
        absl::StrContains(body.website(), " ")) {
      return InvalidField(website, "must be an https:// address");
    }
  }
  return CheckLength(body.description(), 0, kMaxSummary, Path(prefix, "description"));
}

absl::Status ValidateRole(const cadre::v1::Role& role, absl::string_view prefix) {
  CADRE_RETURN_IF_ERROR(ParseBodyName(role.body(), Path(prefix, "body")).status());
  CADRE_RETURN_IF_ERROR(CheckLength(role.title(), kMinTitle, kMaxTitle, Path(prefix, "title")));
  CADRE_RETURN_IF_ERROR(CheckLength(role.summary(), 0, kMaxSummary, Path(prefix, "summary")));
  CADRE_RETURN_IF_ERROR(
      CheckEnum(role.level(), cadre::v1::InvolvementLevel_IsValid, Path(prefix, "level"), true));
  CADRE_RETURN_IF_ERROR(
      CheckEnum(role.rung(), cadre::v1::EngagementRung_IsValid, Path(prefix, "rung"), true));
  CADRE_RETURN_IF_ERROR(CheckTime(role.time_commitment(), Path(prefix, "time_commitment")));
  CADRE_RETURN_IF_ERROR(
      CheckTags(role.expertise_sought(), kMaxTags, Path(prefix, "expertise_sought")));
  CADRE_RETURN_IF_ERROR(CheckTags(role.topics(), kMaxTags, Path(prefix, "topics")));
  CADRE_RETURN_IF_ERROR(CheckLength(role.lived_experience_sought(), 0, kMaxLivedExperience,
                                    Path(prefix, "lived_experience_sought")));
  CADRE_RETURN_IF_ERROR(CheckLocation(role.location(), Path(prefix, "location")));
  CADRE_RETURN_IF_ERROR(CheckSupport(role.support(), Path(prefix, "support")));
  CADRE_RETURN_IF_ERROR(CheckTags(role.required_credentials(), kMaxCredentials,
                                  Path(prefix, "required_credentials")));
  CADRE_RETURN_IF_ERROR(CheckRange(role.places(), 1, kMaxPlaces, Path(prefix, "places")));
  if (role.has_closing_time()) {
    CADRE_RETURN_IF_ERROR(CheckTimestamp(role.closing_time(), Path(prefix, "closing_time")));
  }
  if (!role.role_type().empty()) {
    CADRE_RETURN_IF_ERROR(ParseRoleTypeName(role.role_type(), Path(prefix, "role_type")).status());
  }
  return absl::OkStatus();
}

absl::Status ValidateAvenue(const cadre::v1::Avenue& avenue, absl::string_view prefix) {
  CADRE_RETURN_IF_ERROR(ParseBodyName(avenue.body(), Path(prefix, "body")).status());
  CADRE_RETURN_IF_ERROR(
      CheckEnum(avenue.kind(), cadre::v1::AvenueKind_IsValid, Path(prefix, "kind"), true));
  CADRE_RETURN_IF_ERROR(CheckLength(avenue.title(), kMinTitle, kMaxTitle, Path(prefix, "title")));
  CADRE_RETURN_IF_ERROR(
      CheckLength(avenue.description(), 0, kMaxSummary, Path(prefix, "description")));
  CADRE_RETURN_IF_ERROR(CheckHttpsOrEmail(avenue.how_to_join(), Path(prefix, "how_to_join"), true));
  CADRE_RETURN_IF_ERROR(
      CheckEnum(avenue.level(), cadre::v1::InvolvementLevel_IsValid, Path(prefix, "level"), true));
  CADRE_RETURN_IF_ERROR(CheckTime(avenue.time_commitment(), Path(prefix, "time_commitment")));
  CADRE_RETURN_IF_ERROR(
      CheckTags(avenue.expertise_sought(), kMaxTags, Path(prefix, "expertise_sought")));
  return CheckLocation(avenue.location(), Path(prefix, "location"));
}

absl::Status ValidateRoleType(const cadre::v1::RoleType& role_type, absl::string_view prefix) {
  CADRE_RETURN_IF_ERROR(
      CheckLength(role_type.title(), kMinTitle, kMaxTitle, Path(prefix, "title")));
  CADRE_RETURN_IF_ERROR(
      CheckLength(role_type.description(), 0, kMaxSummary, Path(prefix, "description")));
  CADRE_RETURN_IF_ERROR(CheckEnum(role_type.level(), cadre::v1::InvolvementLevel_IsValid,
                                  Path(prefix, "level"), true));
  CADRE_RETURN_IF_ERROR(
      CheckEnum(role_type.rung(), cadre::v1::EngagementRung_IsValid, Path(prefix, "rung"), false));
  CADRE_RETURN_IF_ERROR(CheckTime(role_type.typical_time(), Path(prefix, "typical_time")));
  return CheckTags(role_type.typical_expertise(), kMaxTags, Path(prefix, "typical_expertise"));
}

absl::Status ValidateRequestId(absl::string_view request_id, absl::string_view field) {
  if (request_id.empty() || IsRequestId(request_id)) return absl::OkStatus();
  return InvalidField(field, "must be 1 to 64 of A-Z, a-z, 0-9, '_' and '-'");
}

absl::Status ValidateListRoles(const cadre::v1::ListRolesRequest& r) {
  if (!r.body().empty()) CADRE_RETURN_IF_ERROR(ParseBodyName(r.body(), "body").status());
  CADRE_RETURN_IF_ERROR(CheckEnum(r.body_kind(), cadre::v1::BodyKind_IsValid, "body_kind", false));
  CADRE_RETURN_IF_ERROR(CheckEnum(r.level(), cadre::v1::InvolvementLevel_IsValid, "level", false));
  CADRE_RETURN_IF_ERROR(CheckEnum(r.rung(), cadre::v1::EngagementRung_IsValid, "rung", false));
  CADRE_RETURN_IF_ERROR(CheckEnum(r.region(), cadre::v1::Region_IsValid, "region", false));
  if (r.has_max_hours_per_month()) {
    CADRE_RETURN_IF_ERROR(
        CheckRange(r.max_hours_per_month(), 0, kMaxHoursPerMonth, "max_hours_per_month"));
  }
  if (!r.topic().empty() && !IsSlug(r.topic(), 1, kMaxTagLength)) {
    return InvalidField("topic", "must be one tag of a-z, 0-9 and '-'");
  }
  if (!r.expertise().empty() && !IsSlug(r.expertise(), 1, kMaxTagLength)) {
    return InvalidField("expertise", "must be one tag of a-z, 0-9 and '-'");
  }
  CADRE_RETURN_IF_ERROR(CheckEnum(r.state(), cadre::v1::RoleState_IsValid, "state", false));
  if (r.has_closing_after()) {
    CADRE_RETURN_IF_ERROR(CheckTimestamp(r.closing_after(), "closing_after"));
  }
  CADRE_RETURN_IF_ERROR(CheckLength(r.query(), 0, kMaxQuery, "query"));
  if (QueryWords(r.query()).size() > kMaxQueryWords) {
    return InvalidField("query", absl::StrCat("at most ", kMaxQueryWords, " words"));
  }
  return absl::OkStatus();
}

absl::StatusOr<int> EffectivePageSize(int page_size, int default_size, int max_size) {
  if (page_size < 0) return InvalidField("page_size", "must not be negative");
  if (page_size == 0) return default_size;
  return page_size > max_size ? max_size : page_size;
}

}  // namespace cadre::registry
