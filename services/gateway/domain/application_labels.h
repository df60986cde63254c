#pragma once

// Plain words for a person's applications and placements as their pages show them (issue
// 9): states as NHS.UK tags, why an application was unsuccessful, who owes the next step,
// the payment choices, the parts of a match score, the success banners after a form, and
// the shape of an application's id in a path. Pure: no gRPC.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "cadre/v1/matching.pb.h"

namespace cadre::gateway {

// "Submitted", "Offered", "Unsuccessful"...; "Unknown" for UNSPECIFIED.
std::string ApplicationStateLabel(cadre::v1::ApplicationState state);
// The NHS.UK tag's colour modifier for the state ("nhsuk-tag--blue"), or "" (the default
// blue) where there is none.
std::string ApplicationStateTagClass(cadre::v1::ApplicationState state);
// Submitted, acknowledged, shortlisted or offered: the application can still move, and
// the applicant may withdraw it.
bool IsLiveApplication(cadre::v1::ApplicationState state);

// Why it was unsuccessful, in a sentence for the applicant: "The organisation did not
// shortlist you for this role."; "" for UNSPECIFIED.
std::string UnsuccessfulReasonLabel(cadre::v1::UnsuccessfulReason reason);

// Who owes the next step: "You", "The organisation"; "" for nobody.
std::string PartyLabel(cadre::v1::Party party);

// "Active", "Completed", "Ended early".
std::string PlacementStateLabel(cadre::v1::PlacementState state);
std::string PlacementStateTagClass(cadre::v1::PlacementState state);

// The payment choices a leader makes, as the form's values and labels.
struct PaymentOption {
  cadre::v1::PaymentChoice choice;
  const char* value;  // the radio's value: "take-payment", "expenses-only", "decline-payment"
  const char* label;  // "Take the involvement payment"
  const char* hint;   // what it means
};
const std::vector<PaymentOption>& PaymentOptions();
// UNSPECIFIED for a value that is not one of PaymentOptions'.
cadre::v1::PaymentChoice PaymentChoiceFromValue(absl::string_view value);
// "Take the involvement payment"...; "Not chosen yet" for UNSPECIFIED.
std::string PaymentChoiceLabel(cadre::v1::PaymentChoice choice);

// A part of a match score in words: "lived_experience" → "Lived experience", "spread" →
// "Spreading involvement"; an unknown part with its underscores as spaces.
std::string ScorePartLabel(absl::string_view part);
// Points as the page shows them: 12.5 → "12.5", 3 → "3".
std::string PointsLabel(double points);

// The first letter in capitals ("you meet all 3 requirements" → "You meet ...").
std::string Sentence(absl::string_view text);

// The banner after a form (the "done" word of the address it returns to): "withdrawn" →
// "Your application has been withdrawn". `success` is false for "changed" (the
// application changed under the person's form: an important banner, not a success). ""
// for a word that is not one of ours (no banner).
struct DoneBanner {
  std::string text;
  bool success = true;
};
DoneBanner DoneBannerFor(absl::string_view done);

// An application's id as its path carries it: 16 characters of a-z and 2-7.
bool IsApplicationId(absl::string_view id);

}  // namespace cadre::gateway
