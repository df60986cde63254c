#pragma once

// Plain words for what the protos hold as enums, tags and numbers, as the pages show
// them ("North East and Yorkshire", "4 hours a month for 12 months", "£15.00 an hour"),
// and the URL slugs of regions ("north-east-and-yorkshire"). Pure: no gRPC.

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cadre/v1/common.pb.h"
#include "cadre/v1/matching.pb.h"
#include "cadre/v1/registry.pb.h"

namespace cadre::gateway {

std::string RegionLabel(cadre::v1::Region region);  // "London"; "National" for NATIONAL
std::string RegionSlug(cadre::v1::Region region);   // "london", "national"
// REGION_UNSPECIFIED for an unknown slug.
cadre::v1::Region RegionFromSlug(absl::string_view slug);

std::string BodyKindLabel(cadre::v1::BodyKind kind);  // "Integrated care board"
std::string BodyKindSlug(cadre::v1::BodyKind kind);   // "icb"
cadre::v1::BodyKind BodyKindFromSlug(absl::string_view slug);

std::string LevelLabel(cadre::v1::InvolvementLevel level);  // "Level 3: working group"
std::string LevelDescription(cadre::v1::InvolvementLevel level);
std::string RungLabel(cadre::v1::EngagementRung rung);        // "Collaborate"
std::string AttendanceLabel(cadre::v1::AttendanceMode mode);  // "Remote"
std::string RoleStateLabel(cadre::v1::RoleState state);       // "Open"
std::string AvenueKindLabel(cadre::v1::AvenueKind kind);      // "Patient panel"

// "£15.00 an hour", "Voluntary: expenses paid", "Voluntary", "Salaried post".
std::string PaymentLabel(const cadre::v1::SupportOffered& support);
// "4 hours a month for 12 months (one evening meeting a month)"; "" when nothing is set.
std::string TimeLabel(const cadre::v1::TimeCommitment& time);
// A tag in words: "lived-experience-of-dementia" → "lived experience of dementia".
std::string TagLabel(absl::string_view tag);
// A credential name in words: "dbs-enhanced" → "an enhanced DBS check",
// "modules/ppv-induction" → "the training module ppv induction".
std::string CredentialLabel(absl::string_view credential);

// "1 December 2026" and "1 December 2026, 5:00pm" in England's time (Europe/London).
std::string DateLabel(absl::Time time);
std::string DateTimeLabel(absl::Time time);
// RFC 3339 in UTC, for <time datetime> and Atom.
std::string Rfc3339(absl::Time time);

}  // namespace cadre::gateway

// ---- The involvement map's pages (issue 8) ----

namespace cadre::gateway {

// A count with its noun, singular for exactly one: CountLabel(1, "open role", "open
// roles") is "1 open role", CountLabel(0, ...) "0 open roles".
std::string CountLabel(int n, absl::string_view one, absl::string_view many);
std::string OpenRolesLabel(int n);      // "1 open role", "12 open roles"
std::string WaysInLabel(int n);         // a body's standing avenues: "1 way in", "5 ways in"
std::string OrganisationsLabel(int n);  // "1 organisation", "3 organisations"
// "12 open roles and 5 ways in", "3 open roles" (no ways in), "1 way in" (no open
// roles); "nothing open just now" when both are 0.
std::string OpenRolesAndWaysInLabel(int open_roles, int avenues);

// A withheld transparency figure (Figure.withheld) in words. `counted` is what stands
// behind it, in the plural ("applications", "placements"): "<5 applications so far" when
// Figure.shown is "<5", "Not enough applications yet" when it is "none" (nothing at all).
std::string WithheldFigureLabel(const std::string& shown, absl::string_view counted);

}  // namespace cadre::gateway

// ---- Search, role and menu pages (issue 8) ----

namespace cadre::gateway {

// (Counts in words, "1 place" and "2 places", are CountLabel's, above.)
// Tags in words, joined: {"mental-health", "finance"} → "mental health, finance"; `none`
// when there are none.
std::string TagListLabel(const google::protobuf::RepeatedPtrField<std::string>& tags,
                         absl::string_view none);
// How quickly a body acknowledges applications, from matching's median figure over
// `window_days` days: "Half of applications in the last 90 days were acknowledged within
// 2.5 days" (under a day: "within a day"); "Not enough applications yet to say how
// quickly ..." when the figure is withheld (fewer than 5 applications stand behind it).
std::string AcknowledgementLabel(const cadre::v1::Figure& median, int window_days);
// Why a role takes no applications, in a sentence: "This role has been filled.", "This
// role closed on 1 December 2026."; "" when it is accepting them.
std::string NotAcceptingLabel(const cadre::v1::Role& role);

}  // namespace cadre::gateway
