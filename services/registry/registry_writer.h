#pragma once

// Every change to the registry: checks who may make it, validates it against the stored
// record, writes it through the store (record, event and audit entry in one step), and
// applies it to this replica's view at once so that the caller reads its own write.
//
// Errors: INVALID_ARGUMENT naming the field; NOT_FOUND; ALREADY_EXISTS (a body code
// taken); RESOURCE_EXHAUSTED (write rate limit); FAILED_PRECONDITION (wrong state); ABORTED (etag
// mismatch, or a concurrent change won the race); PERMISSION_DENIED / UNAUTHENTICATED; UNAVAILABLE
// (Redis).

#include <string>
#include <type_traits>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/types/optional.h"
#include "cadre/v1/registry.pb.h"
#include "google/protobuf/field_mask.pb.h"
#include "services/common/auth.h"
#include "services/common/base/clock.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/validation.h"
#include "services/registry/domain/catalog.h"
#include "services/registry/domain/closing.h"
#include "services/registry/domain/names.h"
#include "services/registry/registry_store.h"

namespace cadre::registry {

// Thread-safe.
class RegistryWriter {
 public:
  // `writes_per_minute`: changes one body (or an applicant) may make in a clock minute,
  // across all replicas; 0: no limit. Admins and services are not limited.
  RegistryWriter(RegistryStore* store, Catalog* catalog, const Clock* clock,
                 int writes_per_minute = 0)
      : store_(store), catalog_(catalog), clock_(clock), writes_per_minute_(writes_per_minute) {}

  absl::StatusOr<cadre::v1::Body> CreateBody(const Principal& p, cadre::v1::Body body,
                                             const std::string& request_id);
  absl::StatusOr<cadre::v1::Body> UpdateBody(const Principal& p, const cadre::v1::Body& patch,
                                             const google::protobuf::FieldMask& mask);

  absl::StatusOr<cadre::v1::Role> CreateRole(const Principal& p, cadre::v1::Role role,
                                             const std::string& request_id);
  absl::StatusOr<cadre::v1::Role> UpdateRole(const Principal& p, const cadre::v1::Role& patch,
                                             const google::protobuf::FieldMask& mask);
  absl::StatusOr<cadre::v1::Role> PublishRole(const Principal& p, const std::string& name,
                                              const std::string& etag);
  absl::StatusOr<cadre::v1::Role> EndRole(const Principal& p, const std::string& name,
                                          cadre::v1::RoleState to, const std::string& reason,
                                          const std::string& etag);

  absl::StatusOr<cadre::v1::Avenue> CreateAvenue(const Principal& p, cadre::v1::Avenue avenue,
                                                 const std::string& request_id);
  absl::StatusOr<cadre::v1::Avenue> UpdateAvenue(const Principal& p, const cadre::v1::Avenue& patch,
                                                 const google::protobuf::FieldMask& mask);
  absl::Status DeleteAvenue(const Principal& p, const std::string& name, const std::string& etag);

  absl::StatusOr<cadre::v1::RoleType> CreateRoleType(const Principal& p,
                                                     cadre::v1::RoleType role_type,
                                                     const std::string& id);

  // The closing sweep's changes (closing_sweep.h), made by the registry itself (actor
  // kRegistryActor, no rate limit). Each reads role `id` from the store, makes its change
  // only if it is still due at the clock's time, with compare-and-set on the role's
  // version, and returns whether this call made it: so when replicas sweep at once, one
  // of them makes each change and the others make none.
  //
  // ROLE_APPLICATIONS_CLOSED for an OPEN role on the closing watch whose closing time has
  // passed: the role's version goes up by one (nothing else changes) and the event
  // carries it with accepting_applications false.
  absl::StatusOr<bool> AnnounceApplicationsClosed(int64_t id);
  // CLOSED, reason UndecidedReason(undecided_after), for a role still OPEN
  // `undecided_after` after its closing time (ROLE_CLOSED).
  absl::StatusOr<bool> CloseUndecided(int64_t id, absl::Duration undecided_after);

  // The actor of the registry's own changes in events and audit entries.
  static constexpr char kRegistryActor[] = "registry";

 private:
  // Who a change is made by, in events and audit entries (Principal::Actor(): a staff
  // member is named, "bodies/RXF/staff/{id}"), and the rate limit it is under, counted
  // for `rate_subject`: the body for its key and its staff alike, so that a body's limit
  // is the body's however many people work for it.
  struct Author {
    std::string actor;
    int rate_limit = 0;
    std::string rate_subject;
  };
  Author By(const Principal& p) const {
    return Author{p.Actor(), RateLimitFor(p),
                  p.kind == PrincipalKind::kBody ? p.BodyName() : p.Actor()};
  }

  // The skeletons every change is made of, defined in registry_writer_skeleton.h.
  //
  // Create: answers an earlier create by `p` with `request_id` with what it made; else
  // `assign(record)` gives the record its id and defaults and returns its name (or an
  // error), and the record is stamped, written as version 1 announced as `type`, put in
  // the catalog and returned with its etag.
  template <typename T, typename Assign>
  absl::StatusOr<T> Create(const Principal& p, T record, const std::string& request_id,
                           cadre::v1::RegistryEvent::Type type, Assign assign);
  // Commit: `record`, changed from the stored `from_version`, written with
  // compare-and-set on that version, announced as `type`, put in the catalog and
  // returned with its new etag.
  // `before`: the stored record `record` was changed from, for a role (what becomes of
  // its closing watch depends on it; see domain/closing.h); may be null for others.
  template <typename T>
  absl::StatusOr<T> Commit(const Author& by, const T* before, T record, int64_t from_version,
                           cadre::v1::RegistryEvent::Type type);
  // The stored role or avenue named `name`, after checking `p` owns it and `etag` (if
  // set) matches.
  template <typename T>
  absl::StatusOr<Stored<T>> LoadOwned(const Principal& p, const std::string& name,
                                      const std::string& etag) {
    return LoadChecked<T>(p, name, etag,
                          [&p](absl::string_view code) { return RequireAdminOrBody(p, code); });
  }
  // The same with `may_change(body code)` in place of the ownership check.
  template <typename T>
  absl::StatusOr<Stored<T>> LoadChecked(
      const Principal& p, const std::string& name, const std::string& etag,
      absl::FunctionRef<absl::Status(absl::string_view body_code)> may_change);
  // Writes `record` (null: deletes it) over `from_version` (0: must not exist) as
  // from_version + 1, announced as `type` with `snapshot` (the record, or what was
  // deleted; a role's with accepting_applications as of now). A role's closing watch
  // changes as `watch` says. The store's outcome is returned for the caller to map.
  template <typename T>
  absl::StatusOr<WriteResult> WriteChange(const Author& by, const T* record, const T& snapshot,
                                          int64_t from_version, cadre::v1::RegistryEvent::Type type,
                                          const std::string& request_id,
                                          ClosingWatchChange watch = {});
  // A role as the registry answers it at `now`: accepting_applications set (other records
  // as they are).
  template <typename T>
  static void SetComputed(T& record, absl::Time now) {
    if constexpr (std::is_same_v<T, cadre::v1::Role>) {
      record.set_accepting_applications(AcceptingApplications(record, now));
    }
  }
  // The record a create made, read back for a repeated request id; its etag set.
  // NOT_FOUND if it has gone since.
  template <typename T>
  absl::StatusOr<T> LoadCreated(const std::string& resource);

  // The checks that come before a body's new role or avenue (`record`, at field path
  // `prefix`) is made, in this order: `p` is authenticated and may act for the record's
  // body, `validate` passes, `request_id` is well formed, and the references exist.
  // Fields the service does not know are dropped from `record` first.
  template <typename T>
  absl::Status CheckNewOwned(const Principal& p, T& record, absl::string_view prefix,
                             absl::Status (*validate)(const T&, absl::string_view),
                             const std::string& request_id, const std::string& role_type) const {
    CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
    record.DiscardUnknownFields();  // nothing unvalidated reaches the store
    CADRE_ASSIGN_OR_RETURN(std::string code,
                           ParseBodyName(record.body(), absl::StrCat(prefix, ".body")));
    CADRE_RETURN_IF_ERROR(RequireAdminOrBody(p, code));
    CADRE_RETURN_IF_ERROR(validate(record, prefix));
    CADRE_RETURN_IF_ERROR(ValidateRequestId(request_id, "request_id"));
    return CheckReferences(record.body(), role_type, prefix);
  }
  // Checks references a role or avenue makes: its body exists, its role type exists.
  absl::Status CheckReferences(const std::string& body_name, const std::string& role_type,
                               absl::string_view prefix) const;
  // The resource an earlier create by `p` with `request_id` made, if any.
  // `kind`: "body", "role", "avenue" or "role_type".
  absl::StatusOr<absl::optional<std::string>> EarlierCreate(const Principal& p,
                                                            absl::string_view kind,
                                                            const std::string& request_id);

  cadre::v1::RegistryEvent NewEvent(cadre::v1::RegistryEvent::Type type,
                                    const std::string& resource, int64_t version,
                                    const std::string& actor) const;
  google::protobuf::Timestamp Now() const;
  // The rate limit that applies to `p`'s writes: admins and Cadre's own services (the
  // matching service acting for many people at once) are not limited.
  int RateLimitFor(const Principal& p) const {
    return p.is_admin() || p.kind == PrincipalKind::kService ? 0 : writes_per_minute_;
  }

  RegistryStore* store_;
  Catalog* catalog_;
  const Clock* clock_;
  int writes_per_minute_;
};

// Maps a store outcome to the caller's error for `resource`: OK for kWritten (and
// kDuplicate, which a create answers itself), ALREADY_EXISTS, NOT_FOUND, ABORTED (etag
// mismatch, or kUnwatched: a closing announced already), RESOURCE_EXHAUSTED (rate limit).
absl::Status OutcomeError(const WriteResult& result, const std::string& resource);

}  // namespace cadre::registry
