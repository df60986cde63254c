#include "services/gateway/domain/staff_forms.h"

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "services/common/base/validation.h"

namespace cadre::gateway {
namespace {

constexpr char kApplicantsPrefix[] = "applicants/";
constexpr char kModulesPrefix[] = "modules/";

std::string FormValue(const std::multimap<std::string, std::string>& form,
                      const std::string& name) {
  const auto it = form.find(name);
  return it == form.end() ? "" : it->second;
}

std::string Trimmed(absl::string_view s) { return std::string(absl::StripAsciiWhitespace(s)); }

bool IsIdShape(absl::string_view id) {
  return id.size() == 16 && absl::c_all_of(id, [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7');
         });
}

const CredentialTypeOption* TypeOption(absl::string_view value) {
  for (const CredentialTypeOption& option : CredentialTypeOptions()) {
    if (value == option.value) return &option;
  }
  return nullptr;
}

// One day-month-year group of fields into `date`. Blank fields: nothing set, and the
// error `missing`. `label` names the date in the sentence ("Valid until").
void ParseDate(const std::string& day, const std::string& month, const std::string& year,
               const std::string& field, absl::string_view label, absl::string_view missing,
               cadre::v1::Date* date, std::vector<StaffFormError>* errors) {
  const std::string d_text = Trimmed(day), m_text = Trimmed(month), y_text = Trimmed(year);
  if (d_text.empty() && m_text.empty() && y_text.empty()) {
    errors->push_back({field, std::string(missing)});
    return;
  }
  int d = 0, m = 0, y = 0;
  if (!absl::SimpleAtoi(d_text, &d) || !absl::SimpleAtoi(m_text, &m) ||
      !absl::SimpleAtoi(y_text, &y) || d < 1 || d > 31 || m < 1 || m > 12 || y_text.size() != 4) {
    errors->push_back(
        {field, absl::StrCat(label,
                             " must be a real date, for example 31 3 2027 (the year in 4 "
                             "digits)")});
    return;
  }
  date->set_day(d);
  date->set_month(m);
  date->set_year(y);
}

}  // namespace

std::string PlacementStateSlug(cadre::v1::PlacementState state) {
  switch (state) {
    case cadre::v1::PLACEMENT_STATE_ACTIVE:
      return "active";
    case cadre::v1::PLACEMENT_STATE_COMPLETED:
      return "completed";
    case cadre::v1::PLACEMENT_STATE_ENDED_EARLY:
      return "ended-early";
    default:
      return "";
  }
}

cadre::v1::PlacementState PlacementStateFromSlug(absl::string_view slug) {
  if (slug == "active") return cadre::v1::PLACEMENT_STATE_ACTIVE;
  if (slug == "completed") return cadre::v1::PLACEMENT_STATE_COMPLETED;
  if (slug == "ended-early") return cadre::v1::PLACEMENT_STATE_ENDED_EARLY;
  return cadre::v1::PLACEMENT_STATE_UNSPECIFIED;
}

std::string EndedByLabel(absl::string_view ended_by) {
  if (ended_by == "applicant") return "The person (they stepped down)";
  if (ended_by == "body") return "Your organisation";
  if (ended_by == "admin") return "A Cadre administrator";
  return "";
}

std::string ApplicantIdFromTyped(absl::string_view typed) {
  std::string id = absl::AsciiStrToLower(absl::StripAsciiWhitespace(typed));
  absl::string_view rest = id;
  absl::ConsumePrefix(&rest, kApplicantsPrefix);
  return IsIdShape(rest) ? std::string(rest) : "";
}

std::string ApplicantIdOf(absl::string_view applicant_name) {
  absl::ConsumePrefix(&applicant_name, kApplicantsPrefix);
  return std::string(applicant_name);
}

std::string CleanReason(absl::string_view typed) {
  return Trimmed(absl::StrReplaceAll(typed, {{"\r\n", "\n"}, {"\r", "\n"}}));
}

std::string ReasonError(absl::string_view reason, absl::string_view label) {
  const std::string cleaned = CleanReason(reason);
  if (cleaned.empty()) return absl::StrCat("Enter ", absl::AsciiStrToLower(label));
  const int length = IsValidUtf8(cleaned) ? Utf8Length(cleaned) : -1;
  if (length < kStaffMinReason || length > kStaffMaxReason) {
    return absl::StrCat(label, " must be ", kStaffMinReason, " to ", kStaffMaxReason,
                        " characters");
  }
  return "";
}

DoneBanner StaffDoneBannerFor(absl::string_view done) {
  if (done == "completed") return {"The placement has been marked as completed", true};
  if (done == "ended-early") return {"The placement has been ended early", true};
  if (done == "granted") return {"The credential has been granted", true};
  if (done == "revoked") return {"The credential has been revoked", true};
  if (done == "changed") {
    return {
        "This placement changed while you were looking at it. Here it is now: check it and "
        "try again if you still want to.",
        false};
  }
  return {"", true};
}

CredentialGrantValues CredentialGrantValuesFromForm(
    const std::multimap<std::string, std::string>& form) {
  CredentialGrantValues v;
  v.applicant = FormValue(form, "applicant");
  v.type = FormValue(form, "type");
  v.module = FormValue(form, "module");
  v.accreditation = FormValue(form, "accreditation");
  v.issue_day = FormValue(form, "issue-day");
  v.issue_month = FormValue(form, "issue-month");
  v.issue_year = FormValue(form, "issue-year");
  v.expiry_day = FormValue(form, "expiry-day");
  v.expiry_month = FormValue(form, "expiry-month");
  v.expiry_year = FormValue(form, "expiry-year");
  v.on_update_service = FormValue(form, "on_update_service") == "yes";
  v.checked_day = FormValue(form, "checked-day");
  v.checked_month = FormValue(form, "checked-month");
  v.checked_year = FormValue(form, "checked-year");
  v.request_id = FormValue(form, "request_id");
  return v;
}

const std::vector<CredentialTypeOption>& CredentialTypeOptions() {
  static const std::vector<CredentialTypeOption> kOptions = {
      {"dbs-basic", "Basic DBS check", true},
      {"dbs-standard", "Standard DBS check", true},
      {"dbs-enhanced", "Enhanced DBS check", true},
      {"module", "A training module completed", false},
      {"accreditation", "An accreditation", false},
  };
  return kOptions;
}

ParsedCredentialGrant ParseCredentialGrant(const CredentialGrantValues& v) {
  ParsedCredentialGrant parsed;
  cadre::v1::GrantCredentialRequest& request = parsed.request;
  std::vector<StaffFormError>& errors = parsed.errors;
  const std::string id = ApplicantIdFromTyped(v.applicant);
  if (Trimmed(v.applicant).empty()) {
    errors.push_back({"applicant", "Enter the person's Cadre ID"});
  } else if (id.empty()) {
    errors.push_back({"applicant",
                      "Cadre ID must be 16 letters and digits (a to z, 2 to 7), as the person's "
                      "My credentials page shows it"});
  } else {
    request.set_applicant(absl::StrCat(kApplicantsPrefix, id));
  }
  cadre::v1::Credential& c = *request.mutable_credential();
  const CredentialTypeOption* type = TypeOption(v.type);
  if (type == nullptr) {
    errors.push_back({"type", "Select what the credential is"});
  } else if (type->dbs) {
    c.set_kind(type->value);
  } else if (absl::string_view(type->value) == "module") {
    const std::string module = absl::AsciiStrToLower(Trimmed(v.module));
    if (module.empty()) {
      errors.push_back({"module", "Enter the training module's id"});
    } else {
      c.set_kind(absl::StartsWith(module, kModulesPrefix) ? module
                                                          : absl::StrCat(kModulesPrefix, module));
    }
  } else {
    const std::string slug = absl::AsciiStrToLower(Trimmed(v.accreditation));
    if (slug.empty()) {
      errors.push_back({"accreditation", "Enter the accreditation's name"});
    } else {
      c.set_kind(slug);
    }
  }
  const bool dbs = type != nullptr && type->dbs;
  if (dbs) {
    ParseDate(v.issue_day, v.issue_month, v.issue_year, "issue-day",
              "Date the certificate was issued", "Enter the date the certificate was issued",
              c.mutable_issue_date(), &errors);
    if (v.on_update_service) {
      c.set_on_update_service(true);
      ParseDate(v.checked_day, v.checked_month, v.checked_year, "checked-day",
                "Date the Update Service was last checked",
                "Enter the date the Update Service was last checked",
                c.mutable_update_service_checked_date(), &errors);
    }
  }
  // Each date field the form's other types hide is not sent: only what the type asks.
  if (c.has_issue_date() && c.issue_date().year() == 0) c.clear_issue_date();
  if (c.has_update_service_checked_date() && c.update_service_checked_date().year() == 0) {
    c.clear_update_service_checked_date();
  }
  ParseDate(v.expiry_day, v.expiry_month, v.expiry_year, "expiry-day", "Valid until",
            "Enter the date it is valid until", c.mutable_expiry_date(), &errors);
  if (c.expiry_date().year() == 0) c.clear_expiry_date();
  request.set_request_id(Trimmed(v.request_id));
  return parsed;
}

std::string CredentialGrantFieldOf(absl::string_view upstream_field,
                                   const CredentialGrantValues& values) {
  if (upstream_field == "applicant") return "applicant";
  if (upstream_field == "credential.kind") {
    if (values.type == "module") return "module";
    if (values.type == "accreditation") return "accreditation";
    return "type";
  }
  if (upstream_field == "credential.issue_date") return "issue-day";
  if (upstream_field == "credential.expiry_date") return "expiry-day";
  if (upstream_field == "credential.update_service_checked_date") return "checked-day";
  if (upstream_field == "credential.on_update_service") return "on_update_service";
  return "";
}

std::string CredentialGrantLabelOf(absl::string_view form_field) {
  if (form_field == "applicant") return "Cadre ID";
  if (form_field == "type") return "What the credential is";
  if (form_field == "module") return "Training module";
  if (form_field == "accreditation") return "Accreditation";
  if (form_field == "issue-day") return "Date the certificate was issued";
  if (form_field == "expiry-day") return "Valid until";
  if (form_field == "checked-day") return "Date the Update Service was last checked";
  if (form_field == "on_update_service") return "DBS Update Service";
  return "";
}

StaffFormError CredentialGrantErrorOf(absl::string_view upstream_field,
                                      absl::string_view upstream_message,
                                      const CredentialGrantValues& values) {
  const std::string field = CredentialGrantFieldOf(upstream_field, values);
  if (field.empty()) return {"", Sentence(upstream_message)};
  // Matching names the proto's fields in its sentences ("is required when
  // on_update_service is true"): the form's words instead.
  const std::string message = absl::StrReplaceAll(upstream_message, {{"on_update_service is true",
                                                                      "it is on the DBS "
                                                                      "Update Service"}});
  return {field, absl::StrCat(CredentialGrantLabelOf(field), " ", message)};
}

}  // namespace cadre::gateway
