// Applications::List: one person's, one role's or one body's applications, newest first,
// with the counts awaiting each step. Who may see which is domain/policy.h.

#include <algorithm>
#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/base/errors.h"
#include "services/common/base/page_token.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/validation.h"
#include "services/matching/applications.h"
#include "services/matching/domain/application_rules.h"
#include "services/matching/domain/limits.h"
#include "services/matching/domain/names.h"
#include "services/matching/domain/newest_first.h"
#include "services/matching/domain/policy.h"

namespace cadre::matching {
namespace {

namespace v1 = cadre::v1;

}  // namespace

absl::StatusOr<v1::ListApplicationsResponse> Applications::List(
    const Principal& caller, const v1::ListApplicationsRequest& request) {
  const int scopes =
      !request.applicant().empty() + !request.role().empty() + !request.body().empty();
  if (scopes > 1) {
    return InvalidField("applicant", "give at most one of applicant, role and body");
  }
  CADRE_RETURN_IF_ERROR(
      CheckEnum(request.state(), v1::ApplicationState_IsValid, "state", /*required=*/false));
  std::vector<StoredApplication> apps;
  // A role's or a body's list is the body's (or an admin's) reading; a person's, theirs.
  Voice voice = Voice::kBody;
  if (!request.role().empty()) {
    const absl::optional<int64_t> role_id = RoleIdOf(request.role());
    if (!role_id) return InvalidField("role", "must look like roles/{id}");
    CADRE_RETURN_IF_ERROR(RequireAuthenticated(caller));
    CADRE_ASSIGN_OR_RETURN(apps, store_->ListForRole(*role_id));
    // The role's body: from the view while it is open, else from its applications.
    std::string body;
    if (OpenRolePtr role = roles_->Find(*role_id)) body = role->body();
    if (body.empty() && !apps.empty()) body = apps.front().application.body();
    if (!body.empty()) CADRE_RETURN_IF_ERROR(MayActAsBody(caller, body));
    if (body.empty() && !caller.is_admin() && caller.kind != PrincipalKind::kBody) {
      return MayActAsBody(caller, "");
    }
  } else if (!request.body().empty() ||
             (request.applicant().empty() && caller.kind == PrincipalKind::kBody)) {
    const std::string body =
        request.body().empty() ? absl::StrCat("bodies/", caller.subject) : request.body();
    if (!IsBodyName(body)) return InvalidField("body", "must look like bodies/{code}");
    CADRE_RETURN_IF_ERROR(MayActAsBody(caller, body));
    CADRE_ASSIGN_OR_RETURN(apps,
                           store_->ListForBody(std::string(absl::StripPrefix(body, "bodies/"))));
  } else {
    std::string applicant_id;
    if (request.applicant().empty()) {
      CADRE_ASSIGN_OR_RETURN(applicant_id, SelfApplicantId(caller));
    } else {
      CADRE_ASSIGN_OR_RETURN(applicant_id, ParseApplicantName(request.applicant(), "applicant"));
      CADRE_RETURN_IF_ERROR(MayActAsApplicant(caller, applicant_id));
    }
    CADRE_ASSIGN_OR_RETURN(apps, store_->ListForApplicant(applicant_id));
    voice = Voice::kApplicant;
  }
  return Page(std::move(apps), request, voice);
}

absl::StatusOr<v1::ListApplicationsResponse> Applications::Page(
    std::vector<StoredApplication> apps, const v1::ListApplicationsRequest& request, Voice voice) {
  CADRE_ASSIGN_OR_RETURN(int size, EffectivePageSize(request.page_size(), kDefaultPage, kMaxPage));
  const std::string fingerprint = FilterFingerprint(request);
  absl::optional<NewestFirstCursor> after;
  if (!request.page_token().empty()) {
    CADRE_ASSIGN_OR_RETURN(std::string text, DecodePageToken(request.page_token(), fingerprint));
    CADRE_ASSIGN_OR_RETURN(after, ParseCursorText(text));
  }
  std::sort(apps.begin(), apps.end(), [](const StoredApplication& a, const StoredApplication& b) {
    return NewestFirst(MillisOf(a.application.submit_time()), a.application.name(),
                       MillisOf(b.application.submit_time()), b.application.name());
  });
  v1::ListApplicationsResponse response;
  AwaitingSteps awaiting;
  for (StoredApplication& stored : apps) {
    v1::Application app = Decorated(std::move(stored.application));
    awaiting.Add(app);
    if (request.state() != v1::APPLICATION_STATE_UNSPECIFIED && app.state() != request.state()) {
      continue;
    }
    if (request.overdue_only() && !app.overdue()) continue;
    if (after && !ComesAfter(MillisOf(app.submit_time()), app.name(), *after)) continue;
    if (response.applications_size() == size) {
      // One more matches: there is a next page, after the last one answered.
      const v1::Application& last = response.applications(size - 1);
      response.set_next_page_token(
          EncodePageToken(CursorText(MillisOf(last.submit_time()), last.name()), fingerprint));
      after = NewestFirstCursor{.ms = INT64_MIN, .name = ""};  // take no more; keep counting
      continue;
    }
    if (voice == Voice::kBody) ForTheBody(app);
    *response.add_applications() = std::move(app);
  }
  awaiting.SetOn(response);
  return response;
}

}  // namespace cadre::matching
