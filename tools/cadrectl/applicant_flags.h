#pragma once

// Flags that fill an applicant's profile and consent, shared by `applicants sign-up` and
// `applicants update`, and the update-mask paths they stand for. Numbers, dates, tags
// and enum labels are checked here, naming the flag, before any call; the matching
// service checks everything again (text lengths, ages, the privacy notice).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cadre/v1/matching.pb.h"
#include "tools/cadrectl/args.h"

namespace cadre::cadrectl {

// The privacy notice sign-ups agree to unless --privacy-notice says otherwise.
inline constexpr absl::string_view kPrivacyNoticeVersion = "2026-11";

// --name --born --region --attendance --lived-experience --skills --expertise --hours
// --max-roles --access-needs --access-note --interests.
std::vector<FlagSpec> ProfileFlags();

// Sets on `profile` each field whose flag (ProfileFlags) is present and appends its
// update-mask path ("display_name" for --name...) to `paths`. Usage errors for bad values.
absl::Status ApplyProfileFlags(const ParsedArgs& args, cadre::v1::Profile* profile,
                               std::vector<std::string>* paths);

// --agree, --privacy-notice, --suggestions.
std::vector<FlagSpec> ConsentFlags();

// The request of `applicants sign-up` but its password. Usage errors: --email, --name,
// --born, --region or --attendance missing; --agree missing or false; bad values.
absl::StatusOr<cadre::v1::SignUpRequest> SignUpRequestFromFlags(const ParsedArgs& args);

// Whether the flags of `applicants update` change the consent (--agree, --privacy-notice,
// --suggestions), which then starts from the stored one.
bool ChangesConsent(const ParsedArgs& args);

// The request of `applicants update`: the fields given and their mask, and with a
// consent flag the consent path, starting from `stored` (the applicant's consent as
// read, required then). The etag is --etag's. Usage errors: no field given,
// --privacy-notice without --agree, --agree=false, bad values.
absl::StatusOr<cadre::v1::UpdateMyProfileRequest> UpdateRequestFromFlags(
    const ParsedArgs& args, const cadre::v1::Consent* stored);

}  // namespace cadre::cadrectl
