#include "services/gateway/domain/application_labels.h"

#include <cmath>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace cadre::gateway {

namespace v1 = cadre::v1;

std::string ApplicationStateLabel(v1::ApplicationState state) {
  switch (state) {
    case v1::APPLICATION_STATE_SUBMITTED:
      return "Submitted";
    case v1::APPLICATION_STATE_ACKNOWLEDGED:
      return "Acknowledged";
    case v1::APPLICATION_STATE_SHORTLISTED:
      return "Shortlisted";
    case v1::APPLICATION_STATE_OFFERED:
      return "Offered";
    case v1::APPLICATION_STATE_ACCEPTED:
      return "Accepted";
    case v1::APPLICATION_STATE_DECLINED:
      return "Declined";
    case v1::APPLICATION_STATE_WITHDRAWN:
      return "Withdrawn";
    case v1::APPLICATION_STATE_UNSUCCESSFUL:
      return "Unsuccessful";
    default:
      return "Unknown";
  }
}

std::string ApplicationStateTagClass(v1::ApplicationState state) {
  switch (state) {
    case v1::APPLICATION_STATE_SUBMITTED:
      return "nhsuk-tag--white";
    case v1::APPLICATION_STATE_ACKNOWLEDGED:
      return "nhsuk-tag--blue";
    case v1::APPLICATION_STATE_SHORTLISTED:
      return "nhsuk-tag--purple";
    case v1::APPLICATION_STATE_OFFERED:
      return "nhsuk-tag--yellow";
    case v1::APPLICATION_STATE_ACCEPTED:
      return "nhsuk-tag--green";
    case v1::APPLICATION_STATE_UNSUCCESSFUL:
      return "nhsuk-tag--red";
    case v1::APPLICATION_STATE_DECLINED:
    case v1::APPLICATION_STATE_WITHDRAWN:
    default:
      return "nhsuk-tag--grey";
  }
}

bool IsLiveApplication(v1::ApplicationState state) {
  return state == v1::APPLICATION_STATE_SUBMITTED || state == v1::APPLICATION_STATE_ACKNOWLEDGED ||
         state == v1::APPLICATION_STATE_SHORTLISTED || state == v1::APPLICATION_STATE_OFFERED;
}

std::string UnsuccessfulReasonLabel(v1::UnsuccessfulReason reason) {
  switch (reason) {
    case v1::UNSUCCESSFUL_REASON_NOT_SHORTLISTED:
      return "The organisation did not shortlist you for this role.";
    case v1::UNSUCCESSFUL_REASON_NOT_SELECTED:
      return "The organisation chose someone else for this role.";
    case v1::UNSUCCESSFUL_REASON_ROLE_FILLED:
      return "The role was filled before a decision was made on your application.";
    case v1::UNSUCCESSFUL_REASON_ROLE_CLOSED:
      return "The role closed before a decision was made on your application.";
    case v1::UNSUCCESSFUL_REASON_ROLE_CANCELLED:
      return "The organisation cancelled the role.";
    case v1::UNSUCCESSFUL_REASON_REQUIREMENTS_NOT_MET:
      return "You did not meet the role's requirements.";
    case v1::UNSUCCESSFUL_REASON_OFFER_LAPSED:
      return "The offer lapsed: it was not accepted by its reply-by date.";
    case v1::UNSUCCESSFUL_REASON_NO_DECISION_MADE:
      return "The organisation made no decision on your application.";
    default:
      return "";
  }
}

std::string PartyLabel(v1::Party party) {
  switch (party) {
    case v1::PARTY_APPLICANT:
      return "You";
    case v1::PARTY_BODY:
      return "The organisation";
    default:
      return "";
  }
}

std::string PlacementStateLabel(v1::PlacementState state) {
  switch (state) {
    case v1::PLACEMENT_STATE_ACTIVE:
      return "Active";
    case v1::PLACEMENT_STATE_COMPLETED:
      return "Completed";
    case v1::PLACEMENT_STATE_ENDED_EARLY:
      return "Ended early";
    default:
      return "Unknown";
  }
}

std::string PlacementStateTagClass(v1::PlacementState state) {
  return state == v1::PLACEMENT_STATE_ACTIVE ? "nhsuk-tag--green" : "nhsuk-tag--grey";
}

const std::vector<PaymentOption>& PaymentOptions() {
  static const std::vector<PaymentOption> kOptions = {
      {v1::PAYMENT_CHOICE_TAKE_PAYMENT, "take-payment", "Take the involvement payment",
       "You are paid the involvement payment the role offers for your time."},
      {v1::PAYMENT_CHOICE_EXPENSES_ONLY, "expenses-only", "Expenses only",
       "You are paid back what taking part costs you, such as travel, but not for your time."},
      {v1::PAYMENT_CHOICE_DECLINE_PAYMENT, "decline-payment", "Decline payment",
       "You take no payment for your time. Payments can affect some state benefits."},
  };
  return kOptions;
}

v1::PaymentChoice PaymentChoiceFromValue(absl::string_view value) {
  for (const PaymentOption& option : PaymentOptions()) {
    if (value == option.value) return option.choice;
  }
  return v1::PAYMENT_CHOICE_UNSPECIFIED;
}

std::string PaymentChoiceLabel(v1::PaymentChoice choice) {
  for (const PaymentOption& option : PaymentOptions()) {
    if (choice == option.choice) return option.label;
  }
  return "Not chosen yet";
}

std::string ScorePartLabel(absl::string_view part) {
  if (part == "lived_experience") return "Lived experience";
  if (part == "skills") return "Skills";
  if (part == "expertise") return "Expertise";
  if (part == "availability") return "Time you have";
  if (part == "location") return "Where you are";
  if (part == "spread") return "Spreading involvement";
  return Sentence(absl::StrReplaceAll(part, {{"_", " "}}));
}

std::string PointsLabel(double points) {
  const double rounded = std::round(points * 10) / 10;
  if (rounded == std::floor(rounded)) return absl::StrFormat("%.0f", rounded);
  return absl::StrFormat("%.1f", rounded);
}

std::string Sentence(absl::string_view text) {
  std::string out(text);
  if (!out.empty()) out[0] = absl::ascii_toupper(out[0]);
  return out;
}

DoneBanner DoneBannerFor(absl::string_view done) {
  if (done == "submitted") return {"Your application has been sent", true};
  if (done == "withdrawn") return {"Your application has been withdrawn", true};
  if (done == "accepted") return {"You have accepted the offer: the role is yours", true};
  if (done == "declined") return {"You have declined the offer", true};
  if (done == "payment") return {"Your payment choice has been saved", true};
  if (done == "stepped-down") return {"You have stepped down from this role", true};
  if (done == "changed") {
    return {
        "This application changed while you were looking at it. Here it is now: check it "
        "and try again if you still want to.",
        false};
  }
  return {"", true};
}

bool IsApplicationId(absl::string_view id) {
  return id.size() == 16 && absl::c_all_of(id, [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7');
         });
}

}  // namespace cadre::gateway
