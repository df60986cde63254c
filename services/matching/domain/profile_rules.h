#pragma once

// The rules on what a person tells Cadre about themself: their profile and consent, on
// sign-up and on each update. Pure. Every function returns OK or INVALID_ARGUMENT whose
// message starts with the field path ("profile.display_name: ..."), except where a
// consent names a privacy notice that is not the current one (FAILED_PRECONDITION).
// Output-only fields (Applicant.name, state, times, etag, Consent.agree_time) are
// ignored, as AIP-203 asks.

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "cadre/v1/common.pb.h"
#include "cadre/v1/matching.pb.h"

namespace cadre::matching {

// Every field of `p` as matching.proto's comments say: display_name 2–80 characters
// with no control characters and not blank; date_of_birth a real day making the person
// kMinAge–kMaxAge (16–120) on `today`; region and attendance required; the tag lists
// at most 20 distinct slugs of 1–40 characters; availability 0–200 hours a month;
// max_concurrent_roles 1–10 (0 is refused here: only sign-up turns it into 2, see
// NormaliseNewProfile); access_needs_note at most 500 characters; declared_interests at
// most 20, each a body name ("bodies/{code}"), one a body, its kind required and its
// note at most 200 characters. `prefix` is the profile's path ("profile").
absl::Status ValidateProfile(const cadre::v1::Profile& p, const cadre::v1::Date& today,
                             absl::string_view prefix);

// What sign-up fills in: max_concurrent_roles 0 becomes kDefaultConcurrentRoles (2).
// Nothing else changes: repeated tags are refused by validation, not silently dropped,
// so a person is never surprised by what was kept.
void NormaliseNewProfile(cadre::v1::Profile* p);

// A consent given now: privacy_notice_version must be `current_notice_version`
// (FAILED_PRECONDITION naming the current version otherwise; INVALID_ARGUMENT when it
// is longer than kMaxPrivacyVersion), and processing_agreed must be true
// (INVALID_ARGUMENT). agree_time is ignored: the service sets it.
absl::Status ValidateConsent(const cadre::v1::Consent& c, absl::string_view current_notice_version,
                             absl::string_view prefix);

// A whole SignUpRequest: email (NormaliseEmail), password (CheckPassword), profile
// (required; validated as NormaliseNewProfile would leave it, so max_concurrent_roles 0
// is accepted) and consent (required). Field paths: "email", "password",
// "profile.display_name", "consent.processing_agreed"...
absl::Status ValidateSignUp(const cadre::v1::SignUpRequest& r, const cadre::v1::Date& today,
                            absl::string_view current_notice_version);

// UpdateMyProfile applied to `applicant`: update_mask must name at least one path, each
// a Profile field ("display_name", "skills", ...) or "consent"; anything else is
// INVALID_ARGUMENT "update_mask: ...". The named fields are copied from r.profile()
// (messages and lists replaced, not merged), then the whole profile is validated as
// ValidateProfile does. "consent" replaces the consent with r.consent() (required then,
// checked by ValidateConsent) with its agree_time cleared: the caller sets it. On any
// error `applicant` is left exactly as it was. The etag is the caller's to compare.
absl::Status ApplyProfileUpdate(const cadre::v1::UpdateMyProfileRequest& r,
                                const cadre::v1::Date& today,
                                absl::string_view current_notice_version,
                                cadre::v1::Applicant* applicant);

}  // namespace cadre::matching
