// GET /credentials ("My credentials"): matching's ListCredentials for the signed-in
// person (their own, newest first): what each is, who granted it (the body's name, or
// "Cadre administrator"), when it was issued, until when it counts, its status (valid,
// expired, revoked with the reason) and, for a DBS check, whether it is on the DBS Update
// Service. The registry holds no catalogue of training modules yet, so a module shows
// by its id in words ("The training module ppv induction"). With none, the page says
// that organisations grant credentials, and how.

#include <grpcpp/client_context.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/person_labels.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/body_names.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr char kAdminGranter[] = "admin";  // Credential.granted_by for an admin's grant

json Row(const std::string& key, const std::string& value) {
  return {{"key", key}, {"value", value}};
}

// The rows of one credential's summary list, after its heading and tag.
json Rows(const cadre::v1::Credential& c, const std::string& granter) {
  const bool dbs = IsDbsCredential(c.kind());
  json rows = json::array();
  rows.push_back(Row("Granted by", granter));
  if (dbs && c.has_issue_date()) {
    rows.push_back(Row("Certificate issued", CivilDateLabel(c.issue_date())));
  }
  if (c.has_grant_time()) {
    rows.push_back(Row("Recorded on Cadre", DateLabel(FromTimestamp(c.grant_time()))));
  }
  const std::string until = CivilDateLabel(c.expiry_date());
  if (!until.empty()) {
    // On the Update Service the date is when its status must next be checked.
    const char* key = c.status() == cadre::v1::CREDENTIAL_STATUS_EXPIRED ? "Counted until"
                      : dbs && c.on_update_service() ? "Counts until its next status check on"
                                                     : "Counts until";
    rows.push_back(Row(key, until));
  }
  if (dbs) {
    std::string update = "Not on the DBS Update Service";
    if (c.on_update_service()) {
      update = "On the DBS Update Service";
      const std::string checked = CivilDateLabel(c.update_service_checked_date());
      if (!checked.empty()) absl::StrAppend(&update, ", last checked on ", checked);
    }
    rows.push_back(Row("DBS Update Service", update));
  }
  return rows;
}

json CredentialCard(const cadre::v1::Credential& c, const BodyNames& names) {
  const StatusTag tag = CredentialStatusTag(c.status());
  const bool by_admin = c.granted_by() == kAdminGranter;
  const std::string granter = by_admin ? "Cadre administrator" : BodyNameOf(names, c.granted_by());
  const bool revoked = c.status() == cadre::v1::CREDENTIAL_STATUS_REVOKED;
  std::string revoked_text;
  if (revoked) {
    revoked_text = "It was revoked";
    if (c.has_revoke_time()) {
      absl::StrAppend(&revoked_text, " on ", DateLabel(FromTimestamp(c.revoke_time())));
    }
    absl::StrAppend(&revoked_text, c.revoke_reason().empty() ? "." : ": ");
  }
  return {
      {"what", CredentialWhatLabel(c.kind())},
      {"tag", tag.text},
      {"tag_colour", tag.colour},
      {"has_tag_colour", !tag.colour.empty()},
      {"rows", Rows(c, granter)},
      {"revoked", revoked},
      {"revoked_text", revoked_text},
      {"revoke_reason", c.revoke_reason()},
      {"expired", c.status() == cadre::v1::CREDENTIAL_STATUS_EXPIRED},
  };
}

void ServeCredentials(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccount(deps, request, response);
  if (!account.has_value()) return;
  if (!MatchingConfigured(deps, request, response)) return;
  grpc::ClientContext context;
  PrepareContext(deps, request, *account, &context);
  cadre::v1::ListCredentialsRequest list;  // no applicant: the caller's own
  cadre::v1::ListCredentialsResponse answer;
  const grpc::Status status = deps.upstream->matching()->ListCredentials(&context, list, &answer);
  if (!status.ok()) {
    RenderAccountUpstreamError(deps, status, request, *account, response);
    return;
  }
  std::vector<std::string> granters;
  bool any_dbs = false;
  for (const cadre::v1::Credential& c : answer.credentials()) {
    granters.push_back(c.granted_by());
    any_dbs = any_dbs || IsDbsCredential(c.kind());
  }
  const BodyNames names = LookUpBodyNames(deps, request, granters);
  json credentials = json::array();
  for (const cadre::v1::Credential& c : answer.credentials()) {
    credentials.push_back(CredentialCard(c, names));
  }
  const json view = {
      {"credentials", credentials},
      {"has_credentials", !credentials.empty()},
      {"count", CountLabel(answer.credentials_size(), "credential", "credentials")},
      {"any_dbs", any_dbs},
      // What an organisation needs to record a credential for the person (it grants by
      // applicant id): theirs to give, shown only to them.
      {"applicant_id", account->applicant.substr(account->applicant.find('/') + 1)},
  };
  const PageFrame frame{.title = "My credentials", .section = "credentials", .account = &*account};
  RenderPage(deps, request, frame, "credentials", view, response);
}

}  // namespace

void AddCredentialsPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/credentials", {.name = "credentials"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeCredentials(*deps, request, response);
              });
}

}  // namespace cadre::gateway
