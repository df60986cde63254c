// StaffAccounts: creating, reading, listing and changing bodies' staff accounts, and
// their set-up links. Sign-in is in staff_sign_in.cc.

#include "services/registry/staff_accounts.h"

#include <openssl/rand.h>

#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/base/errors.h"
#include "services/common/base/page_token.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/validation.h"
#include "services/registry/domain/limits.h"
#include "services/registry/domain/names.h"
#include "services/registry/domain/staff_errors.h"
#include "services/registry/domain/staff_validation.h"

namespace cadre::registry {
namespace {

using google::protobuf::util::TimeUtil;

google::protobuf::Timestamp ToProto(absl::Time t) {
  return TimeUtil::MillisecondsToTimestamp(absl::ToUnixMillis(t));
}

// `bytes` from OpenSSL's random source; INTERNAL if it fails.
absl::StatusOr<std::string> RandomBytes(int bytes) {
  std::string buf(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(buf.data()), bytes) != 1) {
    return absl::InternalError("RAND_bytes failed");
  }
  return buf;
}

// What a store outcome other than kWritten means for a change of `name`.
absl::Status Refusal(const StaffWriteResult& result, const std::string& name) {
  switch (result.outcome) {
    case StaffWriteOutcome::kWritten:
    case StaffWriteOutcome::kDuplicate:
      return absl::OkStatus();
    case StaffWriteOutcome::kEmailTaken:
      return StaffEmailTaken();
    case StaffWriteOutcome::kFull:
      return TooManyStaff(kMaxStaffPerBody);
    case StaffWriteOutcome::kNotFound:
      return NotFound(name);
    case StaffWriteOutcome::kStale:
      return EtagMismatch(name);
    case StaffWriteOutcome::kRateLimited:
      return RateLimited();
    case StaffWriteOutcome::kExists:
      break;
  }
  // A new random id that is taken: 64 bits make it all but impossible; retrying is safe.
  return absl::AbortedError("the new account's id was taken; retry");
}

absl::Status CheckNotDeactivated(const StoredStaff& stored, absl::string_view action) {
  if (stored.staff.state() == cadre::v1::STAFF_STATE_DEACTIVATED) {
    return WrongState(stored.staff.name(), "deactivated", action);
  }
  return absl::OkStatus();
}

}  // namespace

cadre::v1::Staff StaffWithEtag(const StoredStaff& stored) {
  cadre::v1::Staff staff = stored.staff;
  staff.set_etag(absl::StrCat(stored.version));
  return staff;
}

StaffAccounts::StaffAccounts(StaffStore* store, ApiKeyStore* keys, Authenticator* auth,
                             AttemptLimits* limits, const Catalog* catalog, const Clock* clock,
                             StaffOptions options)
    : store_(store),
      keys_(keys),
      auth_(auth),
      limits_(limits),
      catalog_(catalog),
      clock_(clock),
      options_(std::move(options)) {
  // A hash of a random password with the same parameters as real ones.
  absl::StatusOr<std::string> random = RandomBytes(16);
  absl::StatusOr<std::string> hash = HashPasswordWithParams(
      random.ok() ? absl::BytesToHexString(*random) : "dummy-password-for-timing", options_.scrypt);
  dummy_hash_ = hash.ok() ? *std::move(hash) : std::string();
}

StaffChange StaffAccounts::ChangeBy(const Principal& p, absl::string_view action) const {
  // A body's limit is the body's, its key and staff alike (as RegistryWriter's).
  return StaffChange{.actor = p.Actor(),
                     .action = std::string(action),
                     .time = clock_->Now(),
                     .rate_limit = p.is_admin() ? 0 : options_.writes_per_minute,
                     .rate_subject = p.kind == PrincipalKind::kBody ? p.BodyName() : p.Actor()};
}

absl::StatusOr<StoredStaff> StaffAccounts::LoadFor(const Principal& p, absl::string_view name,
                                                   absl::string_view field, bool self_ok) {
  CADRE_ASSIGN_OR_RETURN(StaffNameParts parts, ParseStaffName(name, field));
  const bool self = self_ok && p.is_staff() && p.is_body(parts.body_code) && p.staff_id == parts.id;
  if (!self) CADRE_RETURN_IF_ERROR(RequireAdminOrBodyManager(p, parts.body_code));
  CADRE_ASSIGN_OR_RETURN(absl::optional<StoredStaff> stored, store_->Get(parts.id));
  if (!stored || stored->body_code != parts.body_code) return NotFound(name);
  return *std::move(stored);
}

void StaffAccounts::ForgetKeys(const StaffWriteResult& written) {
  for (const std::string& hash : written.revoked_hashes) auth_->Forget(hash);
}

absl::StatusOr<cadre::v1::StaffSetupLink> StaffAccounts::NewLink(const Principal& p,
                                                                 StoredStaff stored) {
  CADRE_RETURN_IF_ERROR(CheckNotDeactivated(stored, "given a set-up link"));
  CADRE_ASSIGN_OR_RETURN(std::string random, RandomBytes(32));
  const std::string token = absl::WebSafeBase64Escape(random);  // 43 characters, no padding
  const StaffChange change = ChangeBy(p, "STAFF_SETUP_LINK_ISSUED");
  const NewSetupToken setup{Sha256Hex(token), change.time + options_.setup_ttl};
  CADRE_ASSIGN_OR_RETURN(
      StaffWriteResult written,
      store_->Put(StaffPut{.record = &stored, .new_setup = setup, .revoke_keys = true}, change));
  CADRE_RETURN_IF_ERROR(Refusal(written, stored.staff.name()));
  ++stored.version;
  stored.setup_hash = setup.hash;
  ForgetKeys(written);
  cadre::v1::StaffSetupLink link;
  *link.mutable_staff() = StaffWithEtag(stored);
  link.set_setup_token(token);
  *link.mutable_expire_time() = ToProto(setup.expire_time);
  return link;
}

absl::StatusOr<cadre::v1::CreateStaffResponse> StaffAccounts::Create(
    const Principal& p, const cadre::v1::CreateStaffRequest& req) {
  CADRE_ASSIGN_OR_RETURN(std::string code, ParseBodyName(req.parent(), "parent"));
  CADRE_RETURN_IF_ERROR(RequireAdminOrBodyManager(p, code));
  if (catalog_->FindBody(code) == nullptr) return NotFound(req.parent());
  CADRE_ASSIGN_OR_RETURN(cadre::v1::Staff staff, ValidateNewStaff(req.staff(), "staff"));
  CADRE_RETURN_IF_ERROR(ValidateRequestId(req.request_id(), "request_id"));

  // A create repeated with its request id answers the first one's account, with a fresh
  // set-up link (the first one's token was shown once and is not kept).
  auto answer_earlier =
      [&](const std::string& name) -> absl::StatusOr<cadre::v1::CreateStaffResponse> {
    CADRE_ASSIGN_OR_RETURN(StoredStaff earlier, LoadFor(p, name, "request_id", false));
    cadre::v1::CreateStaffResponse response;
    CADRE_ASSIGN_OR_RETURN(*response.mutable_setup(), NewLink(p, std::move(earlier)));
    *response.mutable_staff() = response.setup().staff();
    return response;
  };
  if (!req.request_id().empty()) {
    CADRE_ASSIGN_OR_RETURN(absl::optional<std::string> earlier,
                           store_->FindRequest(p.Actor(), req.request_id()));
    if (earlier) return answer_earlier(*earlier);
  }

  CADRE_ASSIGN_OR_RETURN(std::string id_bytes, RandomBytes(kStaffIdLength / 2));
  CADRE_ASSIGN_OR_RETURN(std::string random, RandomBytes(32));
  const std::string token = absl::WebSafeBase64Escape(random);
  const StaffChange change = ChangeBy(p, "STAFF_CREATED");
  StoredStaff record;
  record.id = absl::BytesToHexString(id_bytes);
  record.body_code = code;
  record.version = 1;
  record.staff = std::move(staff);
  record.staff.set_name(StaffName(code, record.id));
  record.staff.set_state(cadre::v1::STAFF_STATE_INVITED);
  *record.staff.mutable_create_time() = ToProto(change.time);
  *record.staff.mutable_update_time() = ToProto(change.time);
  record.staff.set_created_by(change.actor);
  const NewSetupToken setup{Sha256Hex(token), change.time + options_.setup_ttl};
  record.setup_hash = setup.hash;
  CADRE_ASSIGN_OR_RETURN(StaffWriteResult written,
                         store_->Create(record, setup, req.request_id(), change));
  if (written.outcome == StaffWriteOutcome::kDuplicate) {
    return answer_earlier(written.prior_resource);
  }
  CADRE_RETURN_IF_ERROR(Refusal(written, record.staff.name()));

  cadre::v1::CreateStaffResponse response;
  *response.mutable_staff() = StaffWithEtag(record);
  *response.mutable_setup()->mutable_staff() = response.staff();
  response.mutable_setup()->set_setup_token(token);
  *response.mutable_setup()->mutable_expire_time() = ToProto(setup.expire_time);
  return response;
}

absl::StatusOr<cadre::v1::Staff> StaffAccounts::Get(const Principal& p,
                                                    const cadre::v1::GetStaffRequest& req) {
  CADRE_ASSIGN_OR_RETURN(StoredStaff stored, LoadFor(p, req.name(), "name", true));
  return StaffWithEtag(stored);
}

absl::StatusOr<cadre::v1::ListStaffResponse> StaffAccounts::List(
    const Principal& p, const cadre::v1::ListStaffRequest& req) {
  CADRE_ASSIGN_OR_RETURN(std::string code, ParseBodyName(req.parent(), "parent"));
  CADRE_RETURN_IF_ERROR(RequireAdminOrBodyManager(p, code));
  if (catalog_->FindBody(code) == nullptr) return NotFound(req.parent());
  CADRE_ASSIGN_OR_RETURN(int page_size,
                         EffectivePageSize(req.page_size(), kDefaultStaffPage, kMaxStaffPage));
  const std::string fingerprint = FilterFingerprint(req);
  std::string cursor;
  if (!req.page_token().empty()) {
    CADRE_ASSIGN_OR_RETURN(cursor, DecodePageToken(req.page_token(), fingerprint));
  }
  CADRE_ASSIGN_OR_RETURN(std::vector<StoredStaff> stored, store_->ListBody(code));
  std::vector<cadre::v1::Staff> all;
  all.reserve(stored.size());
  for (const StoredStaff& s : stored) all.push_back(StaffWithEtag(s));
  StaffPage page = PageStaff(std::move(all), req.include_deactivated(), cursor, page_size);
  cadre::v1::ListStaffResponse response;
  for (cadre::v1::Staff& s : page.staff) *response.add_staff() = std::move(s);
  if (!page.next_cursor.empty()) {
    response.set_next_page_token(EncodePageToken(page.next_cursor, fingerprint));
  }
  return response;
}

absl::StatusOr<cadre::v1::Staff> StaffAccounts::Update(const Principal& p,
                                                       const cadre::v1::UpdateStaffRequest& req) {
  CADRE_ASSIGN_OR_RETURN(StoredStaff stored, LoadFor(p, req.staff().name(), "staff.name", false));
  CADRE_RETURN_IF_ERROR(CheckNotDeactivated(stored, "changed"));
  const cadre::v1::StaffRole role_before = stored.staff.role();
  CADRE_RETURN_IF_ERROR(ApplyStaffUpdate(req.staff(), req.update_mask(), req.etag(), stored.staff));
  if (req.etag() != absl::StrCat(stored.version)) return EtagMismatch(stored.staff.name());
  const StaffChange change = ChangeBy(p, "STAFF_UPDATED");
  *stored.staff.mutable_update_time() = ToProto(change.time);
  // The member's keys carry their role: a new role means signing in again.
  CADRE_ASSIGN_OR_RETURN(
      StaffWriteResult written,
      store_->Put(StaffPut{.record = &stored, .revoke_keys = stored.staff.role() != role_before},
                  change));
  CADRE_RETURN_IF_ERROR(Refusal(written, stored.staff.name()));
  ++stored.version;
  ForgetKeys(written);
  return StaffWithEtag(stored);
}

absl::StatusOr<cadre::v1::Staff> StaffAccounts::Deactivate(
    const Principal& p, const cadre::v1::DeactivateStaffRequest& req) {
  CADRE_ASSIGN_OR_RETURN(StoredStaff stored, LoadFor(p, req.name(), "name", false));
  if (req.etag().empty()) return InvalidField("etag", "is required");
  CADRE_RETURN_IF_ERROR(CheckNotDeactivated(stored, "deactivated again"));
  if (req.etag() != absl::StrCat(stored.version)) return EtagMismatch(stored.staff.name());
  const StaffChange change = ChangeBy(p, "STAFF_DEACTIVATED");
  stored.staff.set_state(cadre::v1::STAFF_STATE_DEACTIVATED);
  *stored.staff.mutable_update_time() = ToProto(change.time);
  *stored.staff.mutable_deactivate_time() = ToProto(change.time);
  CADRE_ASSIGN_OR_RETURN(StaffWriteResult written, store_->Put(StaffPut{.record = &stored,
                                                                        .clear_setup = true,
                                                                        .free_email = true,
                                                                        .deactivated = true,
                                                                        .revoke_keys = true},
                                                               change));
  CADRE_RETURN_IF_ERROR(Refusal(written, stored.staff.name()));
  ++stored.version;
  stored.setup_hash.clear();
  ForgetKeys(written);
  return StaffWithEtag(stored);
}

absl::StatusOr<cadre::v1::StaffSetupLink> StaffAccounts::IssueSetupLink(
    const Principal& p, const cadre::v1::IssueStaffSetupLinkRequest& req) {
  CADRE_ASSIGN_OR_RETURN(StoredStaff stored, LoadFor(p, req.name(), "name", false));
  return NewLink(p, std::move(stored));
}

}  // namespace cadre::registry
