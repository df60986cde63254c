#pragma once

// The skeletons every change of RegistryWriter is made of, written once: create, commit
// (an update), load-owned, and the write underneath them, with what each kind of record
// differs in (its request-id kind, snapshot field, store and catalog calls) in one
// RecordKind<T> per kind. Included only by registry_writer*.cc.
//
//   create:  an earlier request id answers with what it made → the method's `assign`
//            gives the record its id and name → create (and update) time stamped, etag
//            cleared → written at version 1 (DUP and EXISTS handled) → catalog → etag "1"
//   commit:  update time stamped → written over `from_version` as from_version + 1 (a
//            role's closing watch changed as the change requires) → catalog → etag
// A role answered, or carried in an event, has accepting_applications as of the write;
// the record stored and the view's copy never hold it (it is the reader's to compute).

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"
#include "services/registry/domain/errors.h"
#include "services/registry/domain/names.h"
#include "services/registry/registry_writer.h"

namespace cadre::registry {

// Records with an etag and an update time (all but role types, which are created once).
template <typename T>
concept HasEtag = requires(T record) {
  record.set_etag("");
};
template <typename T>
concept HasUpdateTime = requires(T record) {
  record.mutable_update_time();
};

// What one kind of record differs in. Load and Store take the record's resource name.
template <typename T>
struct RecordKind;

template <>
struct RecordKind<cadre::v1::Body> {
  static constexpr char kKind[] = "body";  // request ids are kept per kind of resource
  static constexpr char kExistsField[] = "body.ods_code";  // what ALREADY_EXISTS names
  static cadre::v1::Body* Snapshot(cadre::v1::RegistryEvent& event) { return event.mutable_body(); }
  static auto Load(RegistryStore& store, const std::string& name) {
    return store.GetBody(std::string(BodyCodeOf(name)));
  }
  static absl::StatusOr<WriteResult> Store(RegistryStore& store, const std::string& name,
                                           const Write& write) {
    return store.WriteBody(std::string(BodyCodeOf(name)), write);
  }
  static void Put(Catalog& catalog, const cadre::v1::Body& body, int64_t version) {
    catalog.PutBody(body, version);
  }
};

template <>
struct RecordKind<cadre::v1::Role> {
  static constexpr char kKind[] = "role";
  static constexpr char kExistsField[] = "role.name";
  static cadre::v1::Role* Snapshot(cadre::v1::RegistryEvent& event) { return event.mutable_role(); }
  static absl::Status CheckName(const std::string& name, absl::string_view field) {
    return ParseRoleName(name, field).status();
  }
  static auto Load(RegistryStore& store, const std::string& name) {
    return store.GetRole(NumericId(name));
  }
  static absl::StatusOr<WriteResult> Store(RegistryStore& store, const std::string& name,
                                           const Write& write) {
    return store.WriteRole(NumericId(name), write);
  }
  static void Put(Catalog& catalog, const cadre::v1::Role& role, int64_t version) {
    catalog.PutRole(role, version);
  }
};

template <>
struct RecordKind<cadre::v1::Avenue> {
  static constexpr char kKind[] = "avenue";
  static constexpr char kExistsField[] = "avenue.name";
  static cadre::v1::Avenue* Snapshot(cadre::v1::RegistryEvent& event) {
    return event.mutable_avenue();
  }
  static absl::Status CheckName(const std::string& name, absl::string_view field) {
    return ParseAvenueName(name, field).status();
  }
  static auto Load(RegistryStore& store, const std::string& name) {
    return store.GetAvenue(NumericId(name));
  }
  static absl::StatusOr<WriteResult> Store(RegistryStore& store, const std::string& name,
                                           const Write& write) {
    return store.WriteAvenue(NumericId(name), write);
  }
  static void Put(Catalog& catalog, const cadre::v1::Avenue& avenue, int64_t version) {
    catalog.PutAvenue(avenue, version);
  }
};

template <>
struct RecordKind<cadre::v1::RoleType> {
  static constexpr char kKind[] = "role_type";
  static constexpr char kExistsField[] = "role_type_id";
  static cadre::v1::RoleType* Snapshot(cadre::v1::RegistryEvent& event) {
    return event.mutable_role_type();
  }
  static absl::StatusOr<absl::optional<Stored<cadre::v1::RoleType>>> Load(RegistryStore& store,
                                                                          const std::string& name) {
    CADRE_ASSIGN_OR_RETURN(std::string id, ParseRoleTypeName(name, "role_type.name"));
    return store.GetRoleType(id);
  }
  static absl::StatusOr<WriteResult> Store(RegistryStore& store, const std::string& name,
                                           const Write& write) {
    CADRE_ASSIGN_OR_RETURN(std::string id, ParseRoleTypeName(name, "role_type.name"));
    return store.WriteRoleType(id, write);
  }
  static void Put(Catalog& catalog, const cadre::v1::RoleType& role_type, int64_t version) {
    catalog.PutRoleType(role_type, version);
  }
};

template <typename T>
absl::StatusOr<WriteResult> RegistryWriter::WriteChange(const Author& by, const T* record,
                                                        const T& snapshot, int64_t from_version,
                                                        cadre::v1::RegistryEvent::Type type,
                                                        const std::string& request_id,
                                                        ClosingWatchChange watch) {
  Write write{
      .expected_version = from_version,
      .record = record,
      .event = NewEvent(type, snapshot.name(), from_version + 1, by.actor),
      .request_id = request_id,
      .rate_limit = by.rate_limit,
      .rate_subject = by.rate_subject,
      .closing_watch = watch,
  };
  T* event_snapshot = RecordKind<T>::Snapshot(write.event);
  *event_snapshot = snapshot;
  SetComputed(*event_snapshot, clock_->Now());
  return RecordKind<T>::Store(*store_, snapshot.name(), write);
}

template <typename T>
absl::StatusOr<T> RegistryWriter::LoadCreated(const std::string& resource) {
  CADRE_ASSIGN_OR_RETURN(auto stored, RecordKind<T>::Load(*store_, resource));
  if (!stored.has_value()) return NotFound(resource);
  T value = std::move(stored->value);
  if constexpr (HasEtag<T>) value.set_etag(absl::StrCat(stored->version));
  SetComputed(value, clock_->Now());
  return value;
}

template <typename T, typename Assign>
absl::StatusOr<T> RegistryWriter::Create(const Principal& p, T record,
                                         const std::string& request_id,
                                         cadre::v1::RegistryEvent::Type type, Assign assign) {
  using Kind = RecordKind<T>;
  CADRE_ASSIGN_OR_RETURN(auto earlier, EarlierCreate(p, Kind::kKind, request_id));
  if (earlier) return LoadCreated<T>(*earlier);
  CADRE_ASSIGN_OR_RETURN(std::string name, assign(record));
  record.set_name(name);
  *record.mutable_create_time() = Now();
  if constexpr (HasUpdateTime<T>) *record.mutable_update_time() = record.create_time();
  if constexpr (HasEtag<T>) record.clear_etag();

  CADRE_ASSIGN_OR_RETURN(WriteResult result,
                         WriteChange<T>(By(p), &record, record, 0, type, request_id));
  if (result.outcome == WriteOutcome::kExists) return AlreadyExists(Kind::kExistsField, name);
  if (result.outcome == WriteOutcome::kDuplicate) return LoadCreated<T>(result.prior_resource);
  CADRE_RETURN_IF_ERROR(OutcomeError(result, name));
  Kind::Put(*catalog_, record, 1);
  if constexpr (HasEtag<T>) record.set_etag("1");
  SetComputed(record, clock_->Now());
  return record;
}

template <typename T>
absl::StatusOr<T> RegistryWriter::Commit(const Author& by, const T* before, T record,
                                         int64_t from_version,
                                         cadre::v1::RegistryEvent::Type type) {
  *record.mutable_update_time() = Now();
  record.clear_etag();
  ClosingWatchChange watch;
  if constexpr (std::is_same_v<T, cadre::v1::Role>) {
    record.clear_accepting_applications();  // never stored
    watch = ClosingWatchFor(before, record, clock_->Now());
  }
  CADRE_ASSIGN_OR_RETURN(WriteResult result,
                         WriteChange<T>(by, &record, record, from_version, type, "", watch));
  CADRE_RETURN_IF_ERROR(OutcomeError(result, record.name()));
  const int64_t version = from_version + 1;
  RecordKind<T>::Put(*catalog_, record, version);
  record.set_etag(absl::StrCat(version));
  SetComputed(record, clock_->Now());
  return record;
}

template <typename T>
absl::StatusOr<Stored<T>> RegistryWriter::LoadChecked(
    const Principal& p, const std::string& name, const std::string& etag,
    absl::FunctionRef<absl::Status(absl::string_view body_code)> may_change) {
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
  CADRE_RETURN_IF_ERROR(RecordKind<T>::CheckName(name, "name"));
  CADRE_ASSIGN_OR_RETURN(auto stored, RecordKind<T>::Load(*store_, name));
  if (!stored.has_value()) return NotFound(name);
  CADRE_RETURN_IF_ERROR(may_change(BodyCodeOf(stored->value.body())));
  if (!etag.empty() && etag != absl::StrCat(stored->version)) return EtagMismatch(name);
  return *std::move(stored);
}

}  // namespace cadre::registry
