#include "services/matching/role_endings.h"

#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"
#include "services/common/logging.h"
#include "services/matching/domain/application_moves.h"

namespace cadre::matching {
namespace {

namespace v1 = cadre::v1;

constexpr absl::Duration kViewWait = absl::Seconds(10);

}  // namespace

v1::UnsuccessfulReason ReasonForEndedRole(v1::RoleState state) {
  switch (state) {
    case v1::ROLE_STATE_CLOSED:
      return v1::UNSUCCESSFUL_REASON_ROLE_CLOSED;
    case v1::ROLE_STATE_FILLED:
      return v1::UNSUCCESSFUL_REASON_ROLE_FILLED;
    case v1::ROLE_STATE_CANCELLED:
      return v1::UNSUCCESSFUL_REASON_ROLE_CANCELLED;
    default:
      return v1::UNSUCCESSFUL_REASON_UNSPECIFIED;
  }
}

absl::Status RoleEndings::Handle(const v1::RegistryEvent& event) {
  if (!event.has_role()) return absl::OkStatus();
  const v1::UnsuccessfulReason reason = ReasonForEndedRole(event.role().state());
  if (reason == v1::UNSUCCESSFUL_REASON_UNSPECIFIED) return absl::OkStatus();
  const int64_t role_id = RoleIdFromName(event.role().name());
  if (role_id == 0) return absl::OkStatus();
  CADRE_ASSIGN_OR_RETURN(int answered, applications_->AnswerEndedRole(role_id, reason));
  if (answered > 0) {
    log::Info("answered the applications of a role that ended",
              {{"role", event.role().name()}, {"answered", absl::StrCat(answered)}});
  }
  return absl::OkStatus();
}

absl::Status RoleEndings::Reconcile() {
  if (!view_->WaitUntilLoaded(kViewWait)) {
    return absl::UnavailableError("the view of open roles is not loaded yet");
  }
  CADRE_ASSIGN_OR_RETURN(std::vector<int64_t> roles, store_->RolesApplied());
  for (int64_t role_id : roles) {
    if (view_->roles().Find(role_id) != nullptr) continue;  // still open
    CADRE_ASSIGN_OR_RETURN(std::vector<StoredApplication> apps, store_->ListForRole(role_id));
    bool any_live = false;
    for (const StoredApplication& a : apps) any_live = any_live || IsLive(a.application.state());
    if (!any_live) continue;
    absl::StatusOr<v1::Role> role = registry_->Get(absl::StrCat("roles/", role_id));
    if (role.status().code() == absl::StatusCode::kNotFound) continue;
    if (!role.ok()) return role.status();
    const v1::UnsuccessfulReason reason = ReasonForEndedRole(role->state());
    if (reason == v1::UNSUCCESSFUL_REASON_UNSPECIFIED) continue;
    CADRE_RETURN_IF_ERROR(applications_->AnswerEndedRole(role_id, reason).status());
  }
  return absl::OkStatus();
}

}  // namespace cadre::matching
