// Credentials a body grants (issue 10):
//   GET  /staff/credentials?applicant=<Cadre ID>  a form to look a person up by the Cadre
//        ID their own /credentials page shows them; for that person, the credentials the
//        staff member's body granted them (matching shows a body no others), each with
//        its status and, for recruiters and managers, a link to revoke it
//        (staff_credential_revoke_page.cc); and the grant form;
//   POST /staff/credentials/grant  fields: applicant, type, module, accreditation, the
//        issue, expiry ("valid until") and Update Service check dates, on_update_service,
//        request_id (made when the form was rendered: posting it twice grants once) →
//        GrantCredential; then the person's list with ?done=granted. A field the gateway
//        or matching finds wrong (INVALID_ARGUMENT) gives the form again, status 400,
//        naming the field, with everything as typed; a Cadre ID that names no one, 404
//        with the form and matching's answer in words. A viewer sees no grant form; one
//        posted by hand is refused by matching (PERMISSION_DENIED: the 403 page).

#include <grpcpp/client_context.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/person_labels.h"
#include "services/gateway/domain/staff_forms.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/application_views.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/staff_credential_views.h"
#include "services/gateway/pages/staff_placement_views.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

json Row(const std::string& key, const std::string& value) {
  return {{"key", key}, {"value", value}};
}

json CredentialView(const cadre::v1::Credential& c, const std::string& applicant_id,
                    const StaffAccount& staff) {
  const StatusTag tag = CredentialStatusTag(c.status());
  const bool revoked = c.status() == cadre::v1::CREDENTIAL_STATUS_REVOKED;
  json rows = json::array();
  if (c.has_grant_time())
    rows.push_back(Row("Granted on", DateLabel(FromTimestamp(c.grant_time()))));
  if (IsDbsCredential(c.kind()) && c.has_issue_date()) {
    rows.push_back(Row("Certificate issued", CivilDateLabel(c.issue_date())));
  }
  rows.push_back(Row("Valid until", CivilDateLabel(c.expiry_date())));
  if (IsDbsCredential(c.kind())) {
    std::string update = "Not on the DBS Update Service";
    if (c.on_update_service()) {
      update = absl::StrCat("On the DBS Update Service, last checked on ",
                            CivilDateLabel(c.update_service_checked_date()));
    }
    rows.push_back(Row("DBS Update Service", update));
  }
  if (revoked) {
    std::string when = c.has_revoke_time() ? DateLabel(FromTimestamp(c.revoke_time())) : "";
    rows.push_back(Row(
        "Revoked", when.empty() ? c.revoke_reason() : absl::StrCat(when, ": ", c.revoke_reason())));
  }
  // "applicants/{id}/credentials/{n}" → n.
  const std::string n = c.name().substr(c.name().rfind('/') + 1);
  return {{"what", CredentialWhatLabel(c.kind())},
          {"tag", tag.text},
          {"tag_colour", tag.colour},
          {"has_tag_colour", !tag.colour.empty()},
          {"rows", rows},
          {"may_revoke", staff.may_change() && !revoked},
          {"revoke_href", absl::StrCat("/staff/credentials/", applicant_id, "/", n, "/revoke")}};
}

// The error for `field`, or "".
std::string ErrorFor(const std::vector<StaffFormError>& errors, absl::string_view field) {
  for (const StaffFormError& e : errors) {
    if (e.field == field) return e.message;
  }
  return "";
}

json Field(const std::vector<StaffFormError>& errors, const char* id, const std::string& value) {
  const std::string error = ErrorFor(errors, id);
  return {{"value", value}, {"has_error", !error.empty()}, {"error", error}};
}

json DateGroup(const std::vector<StaffFormError>& errors, const char* id, const char* legend,
               const char* hint, const std::string& day, const std::string& month,
               const std::string& year) {
  const std::string error = ErrorFor(errors, absl::StrCat(id, "-day"));
  return {{"id", id},       {"legend", legend}, {"hint", hint},   {"has_error", !error.empty()},
          {"error", error}, {"day", day},       {"month", month}, {"year", year}};
}

json GrantFormView(const CredentialGrantValues& v, const std::vector<StaffFormError>& errors) {
  json types = json::array();
  bool first = true;
  for (const CredentialTypeOption& option : CredentialTypeOptions()) {
    types.push_back({{"id", first ? std::string("type") : absl::StrCat("type-", option.value)},
                     {"value", option.value},
                     {"label", option.label},
                     {"checked", v.type == option.value}});
    first = false;
  }
  const std::string type_error = ErrorFor(errors, "type");
  return {
      {"applicant", Field(errors, "applicant", v.applicant)},
      {"types", types},
      {"type_has_error", !type_error.empty()},
      {"type_error", type_error},
      {"module", Field(errors, "module", v.module)},
      {"accreditation", Field(errors, "accreditation", v.accreditation)},
      {"issue", DateGroup(errors, "issue", "When the DBS certificate was issued",
                          "DBS checks only. For example, 15 3 2026", v.issue_day, v.issue_month,
                          v.issue_year)},
      {"expiry", DateGroup(errors, "expiry", "Valid until",
                           "The last day it counts. For a DBS check on the Update Service, the "
                           "day its status must next be checked",
                           v.expiry_day, v.expiry_month, v.expiry_year)},
      {"on_update_service", v.on_update_service},
      {"update_service_has_error", !ErrorFor(errors, "on_update_service").empty()},
      {"update_service_error", ErrorFor(errors, "on_update_service")},
      {"checked", DateGroup(errors, "checked", "When the Update Service was last checked",
                            "Only if the certificate is on the DBS Update Service", v.checked_day,
                            v.checked_month, v.checked_year)},
      // A fresh one each time the form is shown, unless the form is shown again as sent
      // (then the same, so that a retry after an error grants once).
      {"request_id", v.request_id.empty() ? NewApplicationRequestId() : v.request_id},
  };
}

void ServeCredentials(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff.has_value()) return;
  const std::string typed = request.Query("applicant");
  const std::string id = ApplicantIdFromTyped(typed);
  std::vector<StaffFormError> errors;
  if (!typed.empty() && id.empty()) {
    errors.push_back({"lookup",
                      "Cadre ID must be 16 letters and digits (a to z, 2 to 7), as "
                      "the person's My credentials page shows it"});
    response->status = 400;
  }
  RenderStaffCredentialsPage(deps, request, *staff, id, true, nullptr, errors, response);
}

void Grant(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaffForm(deps, request, response);
  if (!staff.has_value()) return;
  const CredentialGrantValues values = CredentialGrantValuesFromForm(request.form);
  const std::string id = ApplicantIdFromTyped(values.applicant);
  const ParsedCredentialGrant parsed = ParseCredentialGrant(values);
  if (!parsed.ok()) {
    response->status = 400;
    RenderStaffCredentialsPage(deps, request, *staff, id, true, &values, parsed.errors, response);
    return;
  }
  if (!MatchingConfigured(deps, request, response)) return;
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, *staff, &context);
  cadre::v1::Credential granted;
  const grpc::Status status =
      deps.upstream->matching()->GrantCredential(&context, parsed.request, &granted);
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      SeeOther(absl::StrCat(StaffCredentialsPath(id), "&done=granted"), response);
      return;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION: {
      const FieldError upstream = FieldErrorOf(status);
      StaffFormError error = CredentialGrantErrorOf(upstream.field, upstream.message, values);
      if (error.field.empty()) error.field = "applicant";  // too many: about the person
      response->status = 400;
      RenderStaffCredentialsPage(deps, request, *staff, id, true, &values, {error}, response);
      return;
    }
    case grpc::StatusCode::NOT_FOUND:
      response->status = 404;
      RenderStaffCredentialsPage(
          deps, request, *staff, id, false, &values,
          {{"applicant", absl::StrCat("No one on Cadre has the Cadre ID ", id,
                                      ": check it with the person (their My credentials page "
                                      "shows it)")}},
          response);
      return;
    default:
      RenderStaffUpstreamError(deps, status, request, *staff, response);
  }
}

}  // namespace

std::string StaffCredentialsPath(const std::string& applicant_id) {
  return applicant_id.empty() ? "/staff/credentials"
                              : absl::StrCat("/staff/credentials?applicant=", applicant_id);
}

void RenderStaffCredentialsPage(const PageDeps& deps, const HttpRequest& request,
                                const StaffAccount& staff, const std::string& applicant_id,
                                bool list_applicant, const CredentialGrantValues* typed,
                                const std::vector<StaffFormError>& errors, HttpResponse* response) {
  json credentials = json::array();
  const bool listed = list_applicant && !applicant_id.empty();
  if (listed) {
    if (!MatchingConfigured(deps, request, response)) return;
    grpc::ClientContext context;
    PrepareStaffContext(deps, request, staff, &context);
    cadre::v1::ListCredentialsRequest list;
    list.set_applicant(absl::StrCat("applicants/", applicant_id));
    cadre::v1::ListCredentialsResponse answer;
    const grpc::Status status = deps.upstream->matching()->ListCredentials(&context, list, &answer);
    if (!status.ok()) {
      RenderStaffUpstreamError(deps, status, request, staff, response);
      return;
    }
    for (const cadre::v1::Credential& c : answer.credentials()) {
      credentials.push_back(CredentialView(c, applicant_id, staff));
    }
  }
  CredentialGrantValues values;
  if (typed != nullptr) {
    values = *typed;
  } else {
    values.applicant = applicant_id;
  }
  json summary = json::array();
  for (const StaffFormError& e : errors) {
    summary.push_back(
        {{"href", absl::StrCat("#", e.field.empty() ? "grant" : e.field)}, {"text", e.message}});
  }
  const std::string lookup_error = ErrorFor(errors, "lookup");
  json view = {
      {"staff", StaffView(staff)},
      {"lookup",
       {{"value", typed == nullptr ? request.Query("applicant") : applicant_id},
        {"has_error", !lookup_error.empty()},
        {"error", lookup_error}}},
      {"listed", listed},
      {"applicant_id", applicant_id},
      {"credentials", credentials},
      {"has_credentials", !credentials.empty()},
      {"count", CountLabel(static_cast<int>(credentials.size()), "credential", "credentials")},
      {"grant", GrantFormView(values, errors)},
      {"errors", summary},
      {"has_errors", !summary.empty()},
  };
  view.update(StaffDoneView(request));
  const PageFrame frame{.title = summary.empty() ? "Credentials" : "Error: Credentials",
                        .section = kStaffSectionCredentials,
                        .staff = &staff};
  RenderPage(deps, request, frame, "staff_credentials", view, response);
}

void AddStaffCredentialsPages(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff/credentials", {.name = "staff-credentials"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeCredentials(*deps, request, response);
              });
  door->Route("POST", "/staff/credentials/grant", {.name = "staff-credentials-grant"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                Grant(*deps, request, response);
              });
  AddStaffCredentialRevokeRoutes(door, deps);
}

}  // namespace cadre::gateway
