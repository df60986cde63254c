#include "tools/cadrectl/applicant_flags.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/resource_flags.h"
#include "tools/cadrectl/times.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

// Limits the proto states for profiles.
constexpr int kMaxTags = 20;             // tags in one list
constexpr int kMaxHoursPerMonth = 200;   // hours a month
constexpr int kMaxConcurrentRoles = 10;  // roles held at once
constexpr int kMaxInterests = 20;        // declared interests, one a body

// The update-mask path of each flag of ProfileFlags().
constexpr MaskPath kProfileMask[] = {
    {"name", "display_name"},
    {"born", "date_of_birth"},
    {"region", "region"},
    {"attendance", "attendance"},
    {"lived-experience", "lived_experience"},
    {"skills", "skills"},
    {"expertise", "expertise"},
    {"hours", "availability_hours_per_month"},
    {"max-roles", "max_concurrent_roles"},
    {"access-needs", "access_needs"},
    {"access-note", "access_needs_note"},
    {"interests", "declared_interests"},
};

// --interests "RXF=works-for,QOP=conflict": bodies and the kind of interest in each.
absl::Status ApplyInterests(const ParsedArgs& args, v1::Profile* profile) {
  if (!args.Has("interests")) return absl::OkStatus();
  const std::vector<std::string> items = ListFlag(args, "interests");
  if (static_cast<int>(items.size()) > kMaxInterests) {
    return UsageError(absl::StrCat("--interests: at most ", kMaxInterests, ", one a body"));
  }
  profile->clear_declared_interests();
  for (const std::string& item : items) {
    const std::vector<absl::string_view> parts = absl::StrSplit(item, '=');
    if (parts.size() != 2) {
      return UsageError(absl::StrCat("--interests: '", item,
                                     "' is not BODY=KIND (e.g. RXF=works-for, QOP=conflict)"));
    }
    v1::DeclaredInterest* interest = profile->add_declared_interests();
    CADRE_ASSIGN_OR_RETURN(*interest->mutable_body(),
                           ResourceName("bodies", parts[0], "--interests"));
    CADRE_ASSIGN_OR_RETURN(int kind,
                           ParseEnumValue(v1::DeclaredInterest::Kind_descriptor(), "--interests",
                                          absl::StripAsciiWhitespace(parts[1])));
    interest->set_kind(static_cast<v1::DeclaredInterest::Kind>(kind));
  }
  return absl::OkStatus();
}

// --agree (which must be true when given) and --privacy-notice into `consent`.
absl::Status ApplyAgreement(const ParsedArgs& args, v1::Consent* consent) {
  CADRE_ASSIGN_OR_RETURN(bool agreed, BoolFlag(args, "agree"));
  if (!agreed) {
    return UsageError(
        "--agree: Cadre cannot hold a profile without this agreement; leave it out, or "
        "erase the account (applicants erase)");
  }
  consent->set_processing_agreed(true);
  consent->set_privacy_notice_version(
      args.Has("privacy-notice") ? args.Get("privacy-notice") : std::string(kPrivacyNoticeVersion));
  return absl::OkStatus();
}

absl::Status ApplySuggestions(const ParsedArgs& args, v1::Consent* consent) {
  if (!args.Has("suggestions")) return absl::OkStatus();
  CADRE_ASSIGN_OR_RETURN(bool suggestions, BoolFlag(args, "suggestions"));
  consent->set_role_suggestions_agreed(suggestions);
  return absl::OkStatus();
}

}  // namespace

std::vector<FlagSpec> ProfileFlags() {
  return {
      {"name", "TEXT", "display name, 2-80 characters"},
      {"born", "DATE", "date of birth, YYYY-MM-DD (never shown to a body)"},
      {"region", "REGION", "e.g. london, north-west, national"},
      {"attendance", "MODE", "in-person, remote or hybrid (either)"},
      {"lived-experience", "TAGS", "topics of lived experience, e.g. diabetes,carers"},
      {"skills", "TAGS", "skills, e.g. chairing,data-analysis"},
      {"expertise", "TAGS", "expertise, e.g. finance"},
      {"hours", "N", "hours a month you can give, 0-200"},
      {"max-roles", "N", "most roles held at once, 1-10 (sign-up default 2)"},
      {"access-needs", "TAGS", "access needs, e.g. bsl-interpreter,step-free-access"},
      {"access-note", "TEXT", "access needs in your words, up to 500 characters"},
      {"interests", "LIST",
       "declared interests, BODY=works-for or BODY=conflict, comma-separated (empty: none)"},
  };
}

absl::Status ApplyProfileFlags(const ParsedArgs& args, v1::Profile* profile,
                               std::vector<std::string>* paths) {
  using v1::Profile;
  if (args.Has("name")) profile->set_display_name(args.Get("name"));
  if (args.Has("born")) {
    CADRE_ASSIGN_OR_RETURN(*profile->mutable_date_of_birth(), DateFlag(args, "born"));
  }
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "region", profile, &Profile::set_region));
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "attendance", profile, &Profile::set_attendance));
  CADRE_RETURN_IF_ERROR(
      OptionalTags(args, "lived-experience", kMaxTags, profile->mutable_lived_experience()));
  CADRE_RETURN_IF_ERROR(OptionalTags(args, "skills", kMaxTags, profile->mutable_skills()));
  CADRE_RETURN_IF_ERROR(OptionalTags(args, "expertise", kMaxTags, profile->mutable_expertise()));
  CADRE_RETURN_IF_ERROR(OptionalInt(args, "hours", 0, kMaxHoursPerMonth, profile,
                                    &Profile::set_availability_hours_per_month));
  CADRE_RETURN_IF_ERROR(OptionalInt(args, "max-roles", 1, kMaxConcurrentRoles, profile,
                                    &Profile::set_max_concurrent_roles));
  CADRE_RETURN_IF_ERROR(
      OptionalTags(args, "access-needs", kMaxTags, profile->mutable_access_needs()));
  if (args.Has("access-note")) profile->set_access_needs_note(args.Get("access-note"));
  CADRE_RETURN_IF_ERROR(ApplyInterests(args, profile));
  for (std::string& path : GivenPaths(args, kProfileMask)) paths->push_back(std::move(path));
  return absl::OkStatus();
}

std::vector<FlagSpec> ConsentFlags() {
  return {
      {"agree", "",
       "you agree to Cadre holding your profile and sharing it with the bodies "
       "you apply to (required)"},
      {"privacy-notice", "VERSION", "the privacy notice agreed to (default 2026-11)"},
      {"suggestions", "", "bodies may tell you about roles that match your profile"},
  };
}

absl::StatusOr<v1::SignUpRequest> SignUpRequestFromFlags(const ParsedArgs& args) {
  CADRE_RETURN_IF_ERROR(RequireFlags(args, {"email", "name", "born", "region", "attendance"}));
  if (!args.Has("agree")) {
    return UsageError(absl::StrCat(
        "--agree: required: you agree that Cadre holds your profile and shares it with the "
        "bodies you apply to, as privacy notice ",
        args.Has("privacy-notice") ? args.Get("privacy-notice") : kPrivacyNoticeVersion, " says"));
  }
  v1::SignUpRequest request;
  request.set_email(args.Get("email"));
  std::vector<std::string> ignored;
  CADRE_RETURN_IF_ERROR(ApplyProfileFlags(args, request.mutable_profile(), &ignored));
  CADRE_RETURN_IF_ERROR(ApplyAgreement(args, request.mutable_consent()));
  CADRE_RETURN_IF_ERROR(ApplySuggestions(args, request.mutable_consent()));
  return request;
}

bool ChangesConsent(const ParsedArgs& args) {
  return args.Has("agree") || args.Has("privacy-notice") || args.Has("suggestions");
}

absl::StatusOr<v1::UpdateMyProfileRequest> UpdateRequestFromFlags(const ParsedArgs& args,
                                                                  const v1::Consent* stored) {
  v1::UpdateMyProfileRequest request;
  std::vector<std::string> paths;
  CADRE_RETURN_IF_ERROR(ApplyProfileFlags(args, request.mutable_profile(), &paths));
  if (ChangesConsent(args)) {
    if (args.Has("privacy-notice") && !args.Has("agree")) {
      return UsageError("--agree: required with --privacy-notice (agreeing to that notice)");
    }
    if (stored == nullptr) return absl::InternalError("the stored consent was not read");
    v1::Consent* consent = request.mutable_consent();
    *consent = *stored;
    consent->clear_agree_time();
    if (args.Has("agree")) CADRE_RETURN_IF_ERROR(ApplyAgreement(args, consent));
    CADRE_RETURN_IF_ERROR(ApplySuggestions(args, consent));
    paths.emplace_back("consent");
  }
  if (paths.empty()) return UsageError("applicants update: give at least one field to change");
  for (std::string& path : paths) request.mutable_update_mask()->add_paths(std::move(path));
  request.set_etag(args.Get("etag"));
  return request;
}

}  // namespace cadre::cadrectl
