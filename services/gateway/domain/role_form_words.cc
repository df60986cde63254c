// The role form's words and slugs (role_form.h): the form fields the registry's field
// paths point at, their labels, the slugs of the form's choices and of role states.

#include <algorithm>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "services/gateway/domain/role_form.h"

namespace cadre::gateway {

std::string RoleFormFieldOf(absl::string_view upstream_field) {
  absl::string_view field = upstream_field;
  if (!absl::ConsumePrefix(&field, "role.")) return "";
  field = field.substr(0, field.find('['));  // a list's item: the list's field
  static const std::map<std::string, std::string, std::less<>> kFields = {
      {"title", "title"},
      {"summary", "summary"},
      {"role_type", "role_type"},
      {"level", "level"},
      {"rung", "rung"},
      {"time_commitment", "hours_per_month"},
      {"time_commitment.hours_per_month", "hours_per_month"},
      {"time_commitment.duration_months", "duration_months"},
      {"time_commitment.pattern", "pattern"},
      {"expertise_sought", "expertise_sought"},
      {"topics", "topics"},
      {"lived_experience_sought", "lived_experience_sought"},
      {"location", "region"},
      {"location.region", "region"},
      {"location.mode", "attendance"},
      {"location.place", "place"},
      {"support", "payment"},
      {"support.access_support", "access_support"},
      {"support.expenses_paid", "expenses_paid"},
      {"support.payment", "payment"},
      {"support.rate_pence_per_hour", "rate"},
      {"required_credentials", "other_credentials"},
      {"minimum_age", "minimum_age"},
      {"places", "places"},
      {"closing_time", "closing-day"},
  };
  if (const auto it = kFields.find(field); it != kFields.end()) return it->second;
  return "";
}

std::string RoleFormLabelOf(absl::string_view form_field) {
  static const std::map<std::string, std::string, std::less<>> kLabels = {
      {"title", "Title"},
      {"summary", "Summary"},
      {"role_type", "Role type"},
      {"level", "Involvement level"},
      {"rung", "How much say the role has"},
      {"hours_per_month", "Hours a month"},
      {"duration_months", "Length in months"},
      {"pattern", "Pattern of the work"},
      {"expertise_sought", "Expertise sought"},
      {"topics", "Topics"},
      {"lived_experience_sought", "Lived experience sought"},
      {"region", "Region"},
      {"attendance", "Where the work happens"},
      {"place", "Town or venue"},
      {"access_support", "Access support"},
      {"expenses_paid", "Expenses"},
      {"payment", "Payment"},
      {"rate", "Rate an hour"},
      {"dbs", "DBS check"},
      {"other_credentials", "Other credentials"},
      {"minimum_age", "Minimum age"},
      {"places", "Places"},
      {"closing-day", "Closing date"},
      {"closing-month", "Closing date"},
      {"closing-year", "Closing date"},
      {"closing-time", "Closing time"},
  };
  if (const auto it = kLabels.find(form_field); it != kLabels.end()) return it->second;
  return "The role";
}

std::string RungSlug(cadre::v1::EngagementRung rung) {
  switch (rung) {
    case cadre::v1::ENGAGEMENT_RUNG_INFORM:
      return "inform";
    case cadre::v1::ENGAGEMENT_RUNG_CONSULT:
      return "consult";
    case cadre::v1::ENGAGEMENT_RUNG_INVOLVE:
      return "involve";
    case cadre::v1::ENGAGEMENT_RUNG_COLLABORATE:
      return "collaborate";
    case cadre::v1::ENGAGEMENT_RUNG_DEVOLVE:
      return "devolve";
    default:
      return "";
  }
}

cadre::v1::EngagementRung RungFromSlug(absl::string_view slug) {
  for (int r = cadre::v1::ENGAGEMENT_RUNG_INFORM; r <= cadre::v1::ENGAGEMENT_RUNG_DEVOLVE; ++r) {
    const auto rung = static_cast<cadre::v1::EngagementRung>(r);
    if (slug == RungSlug(rung)) return rung;
  }
  return cadre::v1::ENGAGEMENT_RUNG_UNSPECIFIED;
}

std::string PaymentSlug(cadre::v1::PaymentKind kind) {
  switch (kind) {
    case cadre::v1::PAYMENT_KIND_NONE:
      return "none";
    case cadre::v1::PAYMENT_KIND_INVOLVEMENT:
      return "involvement";
    case cadre::v1::PAYMENT_KIND_SALARIED:
      return "salaried";
    default:
      return "";
  }
}

cadre::v1::PaymentKind PaymentFromSlug(absl::string_view slug) {
  for (int k = cadre::v1::PAYMENT_KIND_NONE; k <= cadre::v1::PAYMENT_KIND_SALARIED; ++k) {
    const auto kind = static_cast<cadre::v1::PaymentKind>(k);
    if (slug == PaymentSlug(kind)) return kind;
  }
  return cadre::v1::PAYMENT_KIND_UNSPECIFIED;
}

std::string PaymentKindLabel(cadre::v1::PaymentKind kind) {
  switch (kind) {
    case cadre::v1::PAYMENT_KIND_NONE:
      return "Voluntary: no payment";
    case cadre::v1::PAYMENT_KIND_INVOLVEMENT:
      return "An involvement payment at a rate an hour";
    case cadre::v1::PAYMENT_KIND_SALARIED:
      return "A salaried post";
    default:
      return "";
  }
}

std::string RoleStateSlug(cadre::v1::RoleState state) {
  switch (state) {
    case cadre::v1::ROLE_STATE_DRAFT:
      return "draft";
    case cadre::v1::ROLE_STATE_OPEN:
      return "open";
    case cadre::v1::ROLE_STATE_CLOSED:
      return "closed";
    case cadre::v1::ROLE_STATE_FILLED:
      return "filled";
    case cadre::v1::ROLE_STATE_CANCELLED:
      return "cancelled";
    default:
      return "";
  }
}

cadre::v1::RoleState RoleStateFromSlug(absl::string_view slug) {
  for (cadre::v1::RoleState state : RoleStates()) {
    if (slug == RoleStateSlug(state)) return state;
  }
  return cadre::v1::ROLE_STATE_UNSPECIFIED;
}

std::string RoleStateTagClass(cadre::v1::RoleState state) {
  switch (state) {
    case cadre::v1::ROLE_STATE_DRAFT:
      return "nhsuk-tag--yellow";
    case cadre::v1::ROLE_STATE_OPEN:
      return "nhsuk-tag--green";
    case cadre::v1::ROLE_STATE_FILLED:
      return "nhsuk-tag--blue";
    case cadre::v1::ROLE_STATE_CANCELLED:
      return "nhsuk-tag--red";
    default:
      return "nhsuk-tag--grey";
  }
}

const std::vector<cadre::v1::RoleState>& RoleStates() {
  static const std::vector<cadre::v1::RoleState> kStates = {
      cadre::v1::ROLE_STATE_DRAFT, cadre::v1::ROLE_STATE_OPEN, cadre::v1::ROLE_STATE_CLOSED,
      cadre::v1::ROLE_STATE_FILLED, cadre::v1::ROLE_STATE_CANCELLED};
  return kStates;
}

std::string PoundsOf(int pence) {
  if (pence <= 0) return "";
  return absl::StrFormat("%d.%02d", pence / 100, pence % 100);
}

int CharacterCount(absl::string_view text) {
  // Every byte but UTF-8's continuation bytes (10xxxxxx) starts a character.
  return static_cast<int>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace cadre::gateway
