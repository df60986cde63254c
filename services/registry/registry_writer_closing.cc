// RegistryWriter: the closing sweep's changes, made by the registry itself.

#include "absl/status/status.h"
#include "services/common/base/status_macros.h"
#include "services/registry/domain/closing.h"
#include "services/registry/domain/role_lifecycle.h"
#include "services/registry/registry_writer.h"
#include "services/registry/registry_writer_skeleton.h"

namespace cadre::registry {

using cadre::v1::RegistryEvent;
using cadre::v1::Role;

absl::StatusOr<bool> RegistryWriter::AnnounceApplicationsClosed(int64_t id) {
  CADRE_ASSIGN_OR_RETURN(auto stored, store_->GetRole(id));
  // Not due (any more): a change since the watch was read ended the role or moved its
  // closing time on.
  if (!stored || !ApplicationsClosed(stored->value, clock_->Now())) return false;
  Role& role = stored->value;
  role.clear_etag();
  role.clear_accepting_applications();  // as the event says: it takes no applications
  const int64_t version = stored->version + 1;
  Write write{
      .expected_version = stored->version,
      .record = &role,
      .event =
          NewEvent(RegistryEvent::ROLE_APPLICATIONS_CLOSED, role.name(), version, kRegistryActor),
      .request_id = "",
      .rate_limit = 0,
      .rate_subject = "",
      .closing_watch = {},  // the script takes it off the watch
  };
  *write.event.mutable_role() = role;
  CADRE_ASSIGN_OR_RETURN(WriteResult result, store_->WriteApplicationsClosed(id, write));
  // Another replica announced it first, or a change to the role came between.
  if (result.outcome != WriteOutcome::kWritten) return false;
  catalog_->PutRole(std::move(role), version);
  return true;
}

absl::StatusOr<bool> RegistryWriter::CloseUndecided(int64_t id, absl::Duration undecided_after) {
  CADRE_ASSIGN_OR_RETURN(auto stored, store_->GetRole(id));
  if (!stored || !UndecidedTooLong(stored->value, clock_->Now(), undecided_after)) return false;
  Role role = stored->value;
  CADRE_RETURN_IF_ERROR(End(role, cadre::v1::ROLE_STATE_CLOSED, UndecidedReason(undecided_after)));
  absl::StatusOr<Role> closed =
      Commit(Author{kRegistryActor, 0, ""}, &stored->value, std::move(role), stored->version,
             RegistryEvent::ROLE_CLOSED);
  // ABORTED: another replica closed it first, or its body changed it meanwhile.
  if (absl::IsAborted(closed.status())) return false;
  CADRE_RETURN_IF_ERROR(closed.status());
  return true;
}

}  // namespace cadre::registry
