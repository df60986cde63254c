#include "services/matching/domain/profile_rules.h"

#include <set>
#include <string>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/base/errors.h"
#include "services/common/base/field_mask.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/validation.h"
#include "services/matching/domain/dates.h"
#include "services/matching/domain/email.h"
#include "services/matching/domain/errors.h"
#include "services/matching/domain/limits.h"
#include "services/matching/domain/names.h"
#include "services/matching/domain/password_policy.h"

namespace cadre::matching {
namespace {

using cadre::v1::DeclaredInterest;
using cadre::v1::Profile;

constexpr absl::string_view kConsentPath = "consent";

// Profile fields a person may change (every one of them: none is output only).
const std::set<std::string>& UpdatableProfileFields() {
  static const std::set<std::string> kFields = {"display_name",
                                                "date_of_birth",
                                                "region",
                                                "lived_experience",
                                                "skills",
                                                "expertise",
                                                "availability_hours_per_month",
                                                "max_concurrent_roles",
                                                "access_needs",
                                                "access_needs_note",
                                                "attendance",
                                                "declared_interests"};
  return kFields;
}

// A display name goes into emails and pages: no control characters (a newline could
// start a header line), and not only spaces.
absl::Status CheckDisplayName(absl::string_view name, absl::string_view field) {
  CADRE_RETURN_IF_ERROR(CheckLength(name, kMinDisplayName, kMaxDisplayName, field));
  if (absl::c_any_of(name, [](char c) { return absl::ascii_iscntrl(c); })) {
    return InvalidField(field, "must not contain control characters such as line breaks");
  }
  if (absl::StripAsciiWhitespace(name).empty()) return InvalidField(field, "must not be blank");
  return absl::OkStatus();
}

absl::Status CheckDateOfBirth(const Profile& p, const cadre::v1::Date& today,
                              absl::string_view field) {
  if (!p.has_date_of_birth()) return InvalidField(field, "is required");
  CADRE_RETURN_IF_ERROR(CheckDate(p.date_of_birth(), field));
  const bool born = CompareDates(p.date_of_birth(), today) <= 0;
  const int age = born ? AgeOn(p.date_of_birth(), today) : -1;
  if (age < kMinAge || age > kMaxAge) {
    return InvalidField(
        field, absl::StrCat("must make the person ", kMinAge, " to ", kMaxAge, " years old"));
  }
  return absl::OkStatus();
}

absl::Status CheckInterests(const google::protobuf::RepeatedPtrField<DeclaredInterest>& interests,
                            absl::string_view field) {
  if (interests.size() > kMaxDeclaredInterests) {
    return InvalidField(field, absl::StrCat("at most ", kMaxDeclaredInterests, " entries (got ",
                                            interests.size(), ")"));
  }
  std::set<std::string> bodies;
  for (int i = 0; i < interests.size(); ++i) {
    const DeclaredInterest& interest = interests[i];
    const std::string item = absl::StrCat(field, "[", i, "]");
    const std::string body = FieldPath(item, "body");
    if (interest.body().empty()) return InvalidField(body, "is required");
    if (!IsBodyName(interest.body())) {
      return InvalidField(body, "must look like bodies/{code} with an ODS or Cadre code");
    }
    if (!bodies.insert(interest.body()).second) {
      return InvalidField(body, "is repeated: declare one interest a body");
    }
    CADRE_RETURN_IF_ERROR(CheckEnum(interest.kind(), cadre::v1::DeclaredInterest_Kind_IsValid,
                                    FieldPath(item, "kind"), true));
    CADRE_RETURN_IF_ERROR(
        CheckLength(interest.note(), 0, kMaxInterestNote, FieldPath(item, "note")));
  }
  return absl::OkStatus();
}

absl::Status CheckTagList(const google::protobuf::RepeatedPtrField<std::string>& tags,
                          absl::string_view prefix, absl::string_view name) {
  return CheckTags(tags, kMaxTags, kMaxTagLength, FieldPath(prefix, name));
}

}  // namespace

absl::Status ValidateProfile(const Profile& p, const cadre::v1::Date& today,
                             absl::string_view prefix) {
  CADRE_RETURN_IF_ERROR(CheckDisplayName(p.display_name(), FieldPath(prefix, "display_name")));
  CADRE_RETURN_IF_ERROR(CheckDateOfBirth(p, today, FieldPath(prefix, "date_of_birth")));
  CADRE_RETURN_IF_ERROR(
      CheckEnum(p.region(), cadre::v1::Region_IsValid, FieldPath(prefix, "region"), true));
  CADRE_RETURN_IF_ERROR(CheckTagList(p.lived_experience(), prefix, "lived_experience"));
  CADRE_RETURN_IF_ERROR(CheckTagList(p.skills(), prefix, "skills"));
  CADRE_RETURN_IF_ERROR(CheckTagList(p.expertise(), prefix, "expertise"));
  CADRE_RETURN_IF_ERROR(CheckRange(p.availability_hours_per_month(), 0, kMaxHoursPerMonth,
                                   FieldPath(prefix, "availability_hours_per_month")));
  CADRE_RETURN_IF_ERROR(CheckRange(p.max_concurrent_roles(), 1, kMaxConcurrentRoles,
                                   FieldPath(prefix, "max_concurrent_roles")));
  CADRE_RETURN_IF_ERROR(CheckTagList(p.access_needs(), prefix, "access_needs"));
  CADRE_RETURN_IF_ERROR(CheckLength(p.access_needs_note(), 0, kMaxAccessNote,
                                    FieldPath(prefix, "access_needs_note")));
  CADRE_RETURN_IF_ERROR(CheckEnum(p.attendance(), cadre::v1::AttendanceMode_IsValid,
                                  FieldPath(prefix, "attendance"), true));
  return CheckInterests(p.declared_interests(), FieldPath(prefix, "declared_interests"));
}

void NormaliseNewProfile(Profile* p) {
  if (p->max_concurrent_roles() == 0) p->set_max_concurrent_roles(kDefaultConcurrentRoles);
}

absl::Status ValidateConsent(const cadre::v1::Consent& c, absl::string_view current_notice_version,
                             absl::string_view prefix) {
  const std::string version = FieldPath(prefix, "privacy_notice_version");
  CADRE_RETURN_IF_ERROR(CheckLength(c.privacy_notice_version(), 0, kMaxPrivacyVersion, version));
  if (c.privacy_notice_version() != current_notice_version) {
    return NotCurrentNotice(version, current_notice_version);
  }
  if (!c.processing_agreed()) {
    return InvalidField(FieldPath(prefix, "processing_agreed"),
                        "must be true: Cadre cannot hold a profile without this agreement");
  }
  return absl::OkStatus();
}

absl::Status ValidateSignUp(const cadre::v1::SignUpRequest& r, const cadre::v1::Date& today,
                            absl::string_view current_notice_version) {
  CADRE_RETURN_IF_ERROR(NormaliseEmail(r.email(), "email").status());
  CADRE_RETURN_IF_ERROR(CheckPassword(r.password(), r.email(), "password"));
  if (!r.has_profile()) return InvalidField("profile", "is required");
  Profile profile = r.profile();
  NormaliseNewProfile(&profile);
  CADRE_RETURN_IF_ERROR(ValidateProfile(profile, today, "profile"));
  if (!r.has_consent()) return InvalidField("consent", "is required");
  return ValidateConsent(r.consent(), current_notice_version, "consent");
}

absl::Status ApplyProfileUpdate(const cadre::v1::UpdateMyProfileRequest& r,
                                const cadre::v1::Date& today,
                                absl::string_view current_notice_version,
                                cadre::v1::Applicant* applicant) {
  const std::set<std::string>& profile_fields = UpdatableProfileFields();
  if (r.update_mask().paths_size() == 0) {
    return InvalidField("update_mask", "is required: name the fields to change");
  }
  google::protobuf::FieldMask profile_mask;
  bool consent = false;
  for (const std::string& path : r.update_mask().paths()) {
    if (path == kConsentPath) {
      consent = true;
    } else if (profile_fields.contains(path)) {
      profile_mask.add_paths(path);
    } else {
      return InvalidField("update_mask",
                          absl::StrCat("'", Echo(path), "' cannot be updated; updatable: ",
                                       absl::StrJoin(profile_fields, ", "), ", ", kConsentPath));
    }
  }
  // Work on a copy, so that a failure leaves the applicant as it was.
  Profile profile = applicant->profile();
  if (profile_mask.paths_size() > 0) {
    CADRE_RETURN_IF_ERROR(ApplyFieldMask(r.profile(), profile_mask, profile_fields, profile));
    CADRE_RETURN_IF_ERROR(ValidateProfile(profile, today, "profile"));
  }
  if (consent) {
    if (!r.has_consent()) return InvalidField("consent", "is required when update_mask names it");
    CADRE_RETURN_IF_ERROR(ValidateConsent(r.consent(), current_notice_version, "consent"));
  }
  *applicant->mutable_profile() = std::move(profile);
  if (consent) {
    cadre::v1::Consent given = r.consent();
    given.clear_agree_time();
    given.DiscardUnknownFields();
    *applicant->mutable_consent() = std::move(given);
  }
  return absl::OkStatus();
}

}  // namespace cadre::matching
