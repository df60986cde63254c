#include "services/matching/profiles.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/base/page_token.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/validation.h"
#include "services/matching/domain/dates.h"
#include "services/matching/domain/errors.h"
#include "services/matching/domain/limits.h"
#include "services/matching/domain/names.h"
#include "services/matching/domain/policy.h"
#include "services/matching/domain/profile_rules.h"

namespace cadre::matching {
namespace {

using google::protobuf::util::TimeUtil;

google::protobuf::Timestamp ToProto(absl::Time t) {
  return TimeUtil::MillisecondsToTimestamp(absl::ToUnixMillis(t));
}

}  // namespace

absl::StatusOr<StoredApplicant> Profiles::Load(const std::string& id) {
  CADRE_ASSIGN_OR_RETURN(auto stored, store_->Get(id));
  if (!stored.has_value() || stored->applicant.state() != cadre::v1::APPLICANT_STATE_ACTIVE) {
    return ApplicantNotFound(ApplicantName(id));
  }
  return *std::move(stored);
}

absl::StatusOr<cadre::v1::Applicant> Profiles::GetMine(const Principal& caller) {
  CADRE_ASSIGN_OR_RETURN(const std::string id, SelfApplicantId(caller));
  CADRE_ASSIGN_OR_RETURN(StoredApplicant stored, Load(id));
  return std::move(stored.applicant);
}

absl::StatusOr<cadre::v1::Applicant> Profiles::UpdateMine(
    const Principal& caller, const cadre::v1::UpdateMyProfileRequest& request) {
  CADRE_ASSIGN_OR_RETURN(const std::string id, SelfApplicantId(caller));
  CADRE_ASSIGN_OR_RETURN(StoredApplicant stored, Load(id));
  if (!request.etag().empty() && request.etag() != stored.applicant.etag()) {
    return cadre::EtagMismatch(stored.applicant.name());
  }
  const absl::Time now = clock_->Now();
  CADRE_RETURN_IF_ERROR(ApplyProfileUpdate(request, DateIn(now, LondonTime()),
                                           privacy_notice_version_, &stored.applicant));
  for (const std::string& path : request.update_mask().paths()) {
    if (path == "consent") *stored.applicant.mutable_consent()->mutable_agree_time() = ToProto(now);
  }
  *stored.applicant.mutable_update_time() = ToProto(now);
  CADRE_ASSIGN_OR_RETURN(
      StoreResult result,
      store_->Update(stored, Change{.event = cadre::v1::MatchingEvent::APPLICANT_UPDATED,
                                    .action = "update-profile",
                                    .actor = caller.Actor(),
                                    .time = now}));
  if (result.outcome == StoreOutcome::kNotFound) return ApplicantNotFound(stored.applicant.name());
  if (result.outcome != StoreOutcome::kWritten) return cadre::EtagMismatch(stored.applicant.name());
  stored.applicant.set_etag(absl::StrCat(stored.version + 1));
  return std::move(stored.applicant);
}

absl::StatusOr<cadre::v1::Applicant> Profiles::Get(const Principal& caller,
                                                   const cadre::v1::GetApplicantRequest& request) {
  CADRE_RETURN_IF_ERROR(RequireAdmin(caller));
  CADRE_ASSIGN_OR_RETURN(const std::string id, ParseApplicantName(request.name(), "name"));
  CADRE_ASSIGN_OR_RETURN(StoredApplicant stored, Load(id));
  return std::move(stored.applicant);
}

absl::StatusOr<cadre::v1::ListApplicantsResponse> Profiles::List(
    const Principal& caller, const cadre::v1::ListApplicantsRequest& request) {
  CADRE_RETURN_IF_ERROR(RequireAdmin(caller));
  CADRE_RETURN_IF_ERROR(CheckEnum(request.region(), cadre::v1::Region_IsValid, "region", false));
  CADRE_ASSIGN_OR_RETURN(int size, EffectivePageSize(request.page_size(), kDefaultPage, kMaxPage));
  const std::string fingerprint = absl::StrCat("region=", request.region());
  int64_t after_ms = 0;
  std::string after_id;
  if (!request.page_token().empty()) {
    CADRE_ASSIGN_OR_RETURN(std::string cursor, DecodePageToken(request.page_token(), fingerprint));
    const size_t colon = cursor.find(':');
    if (colon == std::string::npos || !absl::SimpleAtoi(cursor.substr(0, colon), &after_ms)) {
      return InvalidField("page_token", "is not a token this service gave");
    }
    after_id = cursor.substr(colon + 1);
  }
  cadre::v1::ListApplicantsResponse response;
  // Reads ids a batch at a time until the page is full (the region filter may skip many).
  for (int batches = 0; batches < 20 && response.applicants_size() < size; ++batches) {
    CADRE_ASSIGN_OR_RETURN(std::vector<std::string> ids, store_->ListIds(after_ms, after_id, size));
    if (ids.empty()) break;
    for (const std::string& id : ids) {
      CADRE_ASSIGN_OR_RETURN(auto stored, store_->Get(id));
      if (!stored.has_value()) continue;
      after_ms = TimeUtil::TimestampToMilliseconds(stored->applicant.create_time());
      after_id = id;
      if (stored->applicant.state() != cadre::v1::APPLICANT_STATE_ACTIVE) continue;
      if (request.region() != cadre::v1::REGION_UNSPECIFIED &&
          stored->applicant.profile().region() != request.region()) {
        continue;
      }
      *response.add_applicants() = std::move(stored->applicant);
      if (response.applicants_size() == size) break;
    }
  }
  if (response.applicants_size() == size) {
    response.set_next_page_token(
        EncodePageToken(absl::StrCat(after_ms, ":", after_id), fingerprint));
  }
  return response;
}

absl::StatusOr<cadre::v1::Contact> Profiles::GetContact(
    const Principal& caller, const cadre::v1::GetContactRequest& request) {
  CADRE_RETURN_IF_ERROR(MayReadContact(caller));
  CADRE_ASSIGN_OR_RETURN(const std::string id,
                         ParseApplicantName(request.applicant(), "applicant"));
  CADRE_ASSIGN_OR_RETURN(StoredApplicant stored, Load(id));
  cadre::v1::Contact contact;
  contact.set_applicant(stored.applicant.name());
  contact.set_email(stored.applicant.email());
  contact.set_display_name(stored.applicant.profile().display_name());
  return contact;
}

}  // namespace cadre::matching
