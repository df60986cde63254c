#include "services/registry/domain/validation.h"

#include <algorithm>
#include <set>

#include "absl/algorithm/container.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/base/credential_names.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/validation.h"
#include "services/registry/domain/errors.h"
#include "services/registry/domain/names.h"
#include "services/registry/domain/text_search.h"

namespace cadre::registry {
namespace {

using cadre::v1::Location;
using cadre::v1::SupportOffered;
using cadre::v1::TimeCommitment;

absl::Status CheckTime(const TimeCommitment& t, absl::string_view field) {
  CADRE_RETURN_IF_ERROR(
      CheckRange(t.hours_per_month(), 0, kMaxHoursPerMonth, FieldPath(field, "hours_per_month")));
  CADRE_RETURN_IF_ERROR(
      CheckRange(t.duration_months(), 0, kMaxDurationMonths, FieldPath(field, "duration_months")));
  return CheckLength(t.pattern(), 0, kMaxPattern, FieldPath(field, "pattern"));
}

absl::Status CheckLocation(const Location& l, absl::string_view field) {
  CADRE_RETURN_IF_ERROR(
      CheckEnum(l.region(), cadre::v1::Region_IsValid, FieldPath(field, "region"), true));
  CADRE_RETURN_IF_ERROR(
      CheckEnum(l.mode(), cadre::v1::AttendanceMode_IsValid, FieldPath(field, "mode"), true));
  return CheckLength(l.place(), 0, kMaxPlaceName, FieldPath(field, "place"));
}

absl::Status CheckSupport(const SupportOffered& s, absl::string_view field) {
  CADRE_RETURN_IF_ERROR(
      CheckTags(s.access_support(), kMaxTags, kMaxTagLength, FieldPath(field, "access_support")));
  CADRE_RETURN_IF_ERROR(
      CheckEnum(s.payment(), cadre::v1::PaymentKind_IsValid, FieldPath(field, "payment"), false));
  const std::string rate = FieldPath(field, "rate_pence_per_hour");
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

// At most kMaxCredentials distinct credential names (services/common/base/credential_names.h).
absl::Status CheckCredentials(const google::protobuf::RepeatedPtrField<std::string>& names,
                              absl::string_view field) {
  if (names.size() > kMaxCredentials) {
    return InvalidField(
        field, absl::StrCat("at most ", kMaxCredentials, " entries (got ", names.size(), ")"));
  }
  std::set<absl::string_view> seen;
  for (int i = 0; i < names.size(); ++i) {
    const std::string item = absl::StrCat(field, "[", i, "]");
    CADRE_RETURN_IF_ERROR(CheckCredentialName(names[i], item));
    if (!seen.insert(names[i]).second) return InvalidField(item, "is repeated");
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

// Empty, or an address of the usual shape: at most 254 characters, one '@' with something
// before it, and a domain with a dot that neither starts nor ends it; no spaces.
absl::Status CheckContactEmail(absl::string_view email, absl::string_view field) {
  if (email.empty()) return absl::OkStatus();
  const size_t at = email.find('@');
  const absl::string_view domain = at == absl::string_view::npos ? "" : email.substr(at + 1);
  const size_t dot = domain.find('.');
  if (email.size() > kMaxContactEmail || at == 0 || at == absl::string_view::npos ||
      domain.find('@') != absl::string_view::npos || dot == absl::string_view::npos || dot == 0 ||
      domain.back() == '.' || absl::c_any_of(email, [](char c) { return c <= ' ' || c > '~'; })) {
    return InvalidField(field, "must be an email address such as involvement@trust.nhs.uk");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateBody(const cadre::v1::Body& body, absl::string_view prefix) {
  if (!body.ods_code().empty() && !IsOdsCode(body.ods_code())) {
    return InvalidField(FieldPath(prefix, "ods_code"),
                        "must be 3 to 6 upper-case letters and digits");
  }
  CADRE_RETURN_IF_ERROR(CheckLength(body.display_name(), kMinBodyName, kMaxBodyName,
                                    FieldPath(prefix, "display_name")));
  CADRE_RETURN_IF_ERROR(
      CheckEnum(body.kind(), cadre::v1::BodyKind_IsValid, FieldPath(prefix, "kind"), true));
  CADRE_RETURN_IF_ERROR(
      CheckEnum(body.region(), cadre::v1::Region_IsValid, FieldPath(prefix, "region"), true));
  const std::string website = FieldPath(prefix, "website");
  if (!body.website().empty()) {
    CADRE_RETURN_IF_ERROR(CheckLength(body.website(), 0, kMaxUrl, website));
    if (!absl::StartsWith(body.website(), "https://") || body.website().size() < 12 ||
        absl::StrContains(body.website(), " ")) {
      return InvalidField(website, "must be an https:// address");
    }
  }
  CADRE_RETURN_IF_ERROR(
      CheckLength(body.description(), 0, kMaxSummary, FieldPath(prefix, "description")));
  return CheckContactEmail(body.contact_email(), FieldPath(prefix, "contact_email"));
}

absl::Status ValidateRole(const cadre::v1::Role& role, absl::string_view prefix) {
  CADRE_RETURN_IF_ERROR(ParseBodyName(role.body(), FieldPath(prefix, "body")).status());
  CADRE_RETURN_IF_ERROR(
      CheckLength(role.title(), kMinTitle, kMaxTitle, FieldPath(prefix, "title")));
  CADRE_RETURN_IF_ERROR(CheckLength(role.summary(), 0, kMaxSummary, FieldPath(prefix, "summary")));
  CADRE_RETURN_IF_ERROR(CheckEnum(role.level(), cadre::v1::InvolvementLevel_IsValid,
                                  FieldPath(prefix, "level"), true));
  CADRE_RETURN_IF_ERROR(
      CheckEnum(role.rung(), cadre::v1::EngagementRung_IsValid, FieldPath(prefix, "rung"), true));
  CADRE_RETURN_IF_ERROR(CheckTime(role.time_commitment(), FieldPath(prefix, "time_commitment")));
  CADRE_RETURN_IF_ERROR(CheckTags(role.expertise_sought(), kMaxTags, kMaxTagLength,
                                  FieldPath(prefix, "expertise_sought")));
  CADRE_RETURN_IF_ERROR(
      CheckTags(role.topics(), kMaxTags, kMaxTagLength, FieldPath(prefix, "topics")));
  CADRE_RETURN_IF_ERROR(CheckLength(role.lived_experience_sought(), 0, kMaxLivedExperience,
                                    FieldPath(prefix, "lived_experience_sought")));
  CADRE_RETURN_IF_ERROR(CheckLocation(role.location(), FieldPath(prefix, "location")));
  CADRE_RETURN_IF_ERROR(CheckSupport(role.support(), FieldPath(prefix, "support")));
  CADRE_RETURN_IF_ERROR(
      CheckCredentials(role.required_credentials(), FieldPath(prefix, "required_credentials")));
  CADRE_RETURN_IF_ERROR(CheckRange(role.places(), 1, kMaxPlaces, FieldPath(prefix, "places")));
  if (role.minimum_age() != 0) {
    CADRE_RETURN_IF_ERROR(CheckRange(role.minimum_age(), kMinMinimumAge, kMaxMinimumAge,
                                     FieldPath(prefix, "minimum_age")));
  }
  if (role.has_closing_time()) {
    CADRE_RETURN_IF_ERROR(CheckTimestamp(role.closing_time(), FieldPath(prefix, "closing_time")));
  }
  if (!role.role_type().empty()) {
    CADRE_RETURN_IF_ERROR(
        ParseRoleTypeName(role.role_type(), FieldPath(prefix, "role_type")).status());
  }
  return absl::OkStatus();
}

absl::Status ValidateAvenue(const cadre::v1::Avenue& avenue, absl::string_view prefix) {
  CADRE_RETURN_IF_ERROR(ParseBodyName(avenue.body(), FieldPath(prefix, "body")).status());
  CADRE_RETURN_IF_ERROR(
      CheckEnum(avenue.kind(), cadre::v1::AvenueKind_IsValid, FieldPath(prefix, "kind"), true));
  CADRE_RETURN_IF_ERROR(
      CheckLength(avenue.title(), kMinTitle, kMaxTitle, FieldPath(prefix, "title")));
  CADRE_RETURN_IF_ERROR(
      CheckLength(avenue.description(), 0, kMaxSummary, FieldPath(prefix, "description")));
  CADRE_RETURN_IF_ERROR(
      CheckHttpsOrEmail(avenue.how_to_join(), FieldPath(prefix, "how_to_join"), true));
  CADRE_RETURN_IF_ERROR(CheckEnum(avenue.level(), cadre::v1::InvolvementLevel_IsValid,
                                  FieldPath(prefix, "level"), true));
  CADRE_RETURN_IF_ERROR(CheckTime(avenue.time_commitment(), FieldPath(prefix, "time_commitment")));
  CADRE_RETURN_IF_ERROR(CheckTags(avenue.expertise_sought(), kMaxTags, kMaxTagLength,
                                  FieldPath(prefix, "expertise_sought")));
  return CheckLocation(avenue.location(), FieldPath(prefix, "location"));
}

absl::Status ValidateRoleType(const cadre::v1::RoleType& role_type, absl::string_view prefix) {
  CADRE_RETURN_IF_ERROR(
      CheckLength(role_type.title(), kMinTitle, kMaxTitle, FieldPath(prefix, "title")));
  CADRE_RETURN_IF_ERROR(
      CheckLength(role_type.description(), 0, kMaxSummary, FieldPath(prefix, "description")));
  CADRE_RETURN_IF_ERROR(CheckEnum(role_type.level(), cadre::v1::InvolvementLevel_IsValid,
                                  FieldPath(prefix, "level"), true));
  CADRE_RETURN_IF_ERROR(CheckEnum(role_type.rung(), cadre::v1::EngagementRung_IsValid,
                                  FieldPath(prefix, "rung"), false));
  CADRE_RETURN_IF_ERROR(CheckTime(role_type.typical_time(), FieldPath(prefix, "typical_time")));
  return CheckTags(role_type.typical_expertise(), kMaxTags, kMaxTagLength,
                   FieldPath(prefix, "typical_expertise"));
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

absl::Status ValidateListBodies(const cadre::v1::ListBodiesRequest& r) {
  CADRE_RETURN_IF_ERROR(CheckEnum(r.kind(), cadre::v1::BodyKind_IsValid, "kind", false));
  return CheckEnum(r.region(), cadre::v1::Region_IsValid, "region", false);
}

absl::Status ValidateListAvenues(const cadre::v1::ListAvenuesRequest& r) {
  if (!r.body().empty()) CADRE_RETURN_IF_ERROR(ParseBodyName(r.body(), "body").status());
  CADRE_RETURN_IF_ERROR(CheckEnum(r.body_kind(), cadre::v1::BodyKind_IsValid, "body_kind", false));
  return CheckEnum(r.region(), cadre::v1::Region_IsValid, "region", false);
}

absl::Status ValidateListRoleTypes(const cadre::v1::ListRoleTypesRequest& r) {
  return CheckEnum(r.level(), cadre::v1::InvolvementLevel_IsValid, "level", false);
}

absl::Status ValidateGetInvolvementMap(const cadre::v1::GetInvolvementMapRequest& r) {
  CADRE_RETURN_IF_ERROR(CheckEnum(r.body_kind(), cadre::v1::BodyKind_IsValid, "body_kind", false));
  CADRE_RETURN_IF_ERROR(CheckEnum(r.region(), cadre::v1::Region_IsValid, "region", false));
  return CheckEnum(r.level(), cadre::v1::InvolvementLevel_IsValid, "level", false);
}

absl::StatusOr<Principal> ParseKeyHolder(cadre::v1::PrincipalKind kind,
                                         const std::string& subject) {
  Principal holder;
  holder.subject = subject;
  switch (kind) {
    case cadre::v1::PRINCIPAL_KIND_ADMIN:
      holder.kind = PrincipalKind::kAdmin;
      if (!holder.subject.empty()) return InvalidField("subject", "must be empty for an admin key");
      return holder;
    case cadre::v1::PRINCIPAL_KIND_BODY: {
      holder.kind = PrincipalKind::kBody;
      CADRE_ASSIGN_OR_RETURN(holder.subject, ParseBodyName(subject, "subject"));
      return holder;
    }
    case cadre::v1::PRINCIPAL_KIND_APPLICANT:
    case cadre::v1::PRINCIPAL_KIND_SERVICE:
      holder.kind = kind == cadre::v1::PRINCIPAL_KIND_APPLICANT ? PrincipalKind::kApplicant
                                                                : PrincipalKind::kService;
      if (!IsRequestId(holder.subject)) {
        return InvalidField("subject", "must be 1 to 64 of A-Z, a-z, 0-9, '_' and '-'");
      }
      return holder;
    default:
      return InvalidField("kind", "is required");
  }
}

absl::StatusOr<Principal> ValidateCreateApiKey(const cadre::v1::CreateApiKeyRequest& r,
                                               const Catalog& catalog) {
  if (Utf8Length(r.label()) > kMaxLabel) {
    return InvalidField("label", absl::StrCat("must be at most ", kMaxLabel, " characters"));
  }
  CADRE_ASSIGN_OR_RETURN(Principal holder, ParseKeyHolder(r.kind(), r.subject()));
  if (holder.kind == PrincipalKind::kBody && catalog.FindBody(holder.subject) == nullptr) {
    return NoSuchBody("subject", r.subject());
  }
  return holder;
}

absl::StatusOr<absl::optional<absl::Time>> ValidateKeyExpiry(bool has,
                                                             const google::protobuf::Timestamp& t,
                                                             absl::Time now, bool required,
                                                             absl::string_view field) {
  if (!has) {
    if (required) return InvalidField(field, "is required");
    return absl::optional<absl::Time>();
  }
  CADRE_RETURN_IF_ERROR(CheckTimestamp(t, field));
  const absl::Time expire = absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
  if (expire <= now) return InvalidField(field, "must be in the future");
  if (expire > now + absl::Hours(24) * kMaxKeyLifetimeDays) {
    return InvalidField(field,
                        absl::StrCat("must be at most ", kMaxKeyLifetimeDays, " days from now"));
  }
  return absl::optional<absl::Time>(expire);
}

bool IsSha256Hex(absl::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

absl::StatusOr<ApplicantKeyRegistration> ValidateRegisterApplicantKey(
    const cadre::v1::RegisterApplicantKeyRequest& r, absl::Time now) {
  if (!IsRequestId(r.applicant())) {
    return InvalidField("applicant", "must be 1 to 64 of A-Z, a-z, 0-9, '_' and '-'");
  }
  if (!IsSha256Hex(r.key_sha256())) {
    return InvalidField("key_sha256", "must be 64 lower-case hex digits (a SHA-256)");
  }
  CADRE_ASSIGN_OR_RETURN(
      absl::optional<absl::Time> expire,
      ValidateKeyExpiry(r.has_expire_time(), r.expire_time(), now, true, "expire_time"));
  CADRE_RETURN_IF_ERROR(CheckLength(r.label(), 0, kMaxLabel, "label"));
  return ApplicantKeyRegistration{r.applicant(), r.key_sha256(), r.label(), *expire};
}

absl::Status ValidateRevokeApplicantKey(const cadre::v1::RevokeApplicantKeyRequest& r) {
  if (!IsSha256Hex(r.key_sha256())) {
    return InvalidField("key_sha256", "must be 64 lower-case hex digits (a SHA-256)");
  }
  return absl::OkStatus();
}

absl::StatusOr<Principal> ValidateSubjectKeys(cadre::v1::PrincipalKind kind,
                                              const std::string& subject) {
  return ParseKeyHolder(kind, subject);
}

absl::Status ValidateRevokeApiKey(const cadre::v1::RevokeApiKeyRequest& r) {
  if (!IsRequestId(r.key_id())) return InvalidField("key_id", "is not a key id");
  return absl::OkStatus();
}

}  // namespace cadre::registry
