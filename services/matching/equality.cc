#include "services/matching/equality.h"

#include <algorithm>

#include "google/protobuf/util/message_differencer.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/base/status_macros.h"
#include "services/matching/domain/equality.h"
#include "services/matching/domain/errors.h"
#include "services/matching/domain/names.h"
#include "services/matching/domain/policy.h"

namespace cadre::matching {
namespace {

// Adds the stored answers of `ids` to `tally`.
absl::Status AddAnswers(ApplicantStore& store, const std::vector<std::string>& ids,
                        EqualityTally& tally) {
  CADRE_ASSIGN_OR_RETURN(auto answers, store.GetEqualities(ids));
  for (const auto& bytes : answers) {
    cadre::v1::EqualityMonitoring monitoring;
    if (bytes.has_value() && !monitoring.ParseFromString(*bytes)) {
      return absl::InternalError("equality answers do not parse");
    }
    tally.Add(monitoring);
  }
  return absl::OkStatus();
}

constexpr int kBatch = 500;  // ids read at a time when counting

}  // namespace

absl::StatusOr<cadre::v1::EqualityMonitoring> Equality::Of(const std::string& applicant_id) {
  CADRE_ASSIGN_OR_RETURN(auto bytes, store_->GetEquality(applicant_id));
  cadre::v1::EqualityMonitoring monitoring;
  if (bytes.has_value() && !monitoring.ParseFromString(*bytes)) {
    return absl::InternalError("equality answers do not parse");
  }
  return monitoring;
}

absl::StatusOr<cadre::v1::EqualityMonitoring> Equality::GetMine(const Principal& caller) {
  CADRE_ASSIGN_OR_RETURN(const std::string id, SelfApplicantId(caller));
  return Of(id);
}

absl::StatusOr<cadre::v1::EqualityMonitoring> Equality::SetMine(
    const Principal& caller, const cadre::v1::SetMyEqualityMonitoringRequest& request) {
  CADRE_ASSIGN_OR_RETURN(const std::string id, SelfApplicantId(caller));
  CADRE_RETURN_IF_ERROR(ValidateEqualityMonitoring(request.monitoring(), "monitoring"));
  // All unanswered: nothing is kept at all.
  const bool empty = google::protobuf::util::MessageDifferencer::Equals(
      request.monitoring(), cadre::v1::EqualityMonitoring());
  CADRE_ASSIGN_OR_RETURN(
      StoreResult result,
      store_->SetEquality(id, empty ? "" : request.monitoring().SerializeAsString(),
                          Change{.action = "set-equality-monitoring",
                                 .actor = caller.Actor(),
                                 .time = clock_->Now()}));
  if (result.outcome != StoreOutcome::kWritten) return ApplicantNotFound(ApplicantName(id));
  return request.monitoring();
}

absl::StatusOr<cadre::v1::EqualityCounts> Equality::CountsOf(
    const std::vector<std::string>& applicant_ids) {
  EqualityTally tally;
  for (size_t start = 0; start < applicant_ids.size(); start += kBatch) {
    const size_t end = std::min(applicant_ids.size(), start + kBatch);
    const std::vector<std::string> batch(applicant_ids.begin() + start,
                                         applicant_ids.begin() + end);
    CADRE_RETURN_IF_ERROR(AddAnswers(*store_, batch, tally));
  }
  return tally.Counts();
}

absl::StatusOr<cadre::v1::EqualityCounts> Equality::Counts(const Principal& caller) {
  CADRE_RETURN_IF_ERROR(RequireAdmin(caller));
  EqualityTally tally;
  int64_t after_ms = 0;
  std::string after_id;
  while (true) {
    CADRE_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                           store_->ListIds(after_ms, after_id, kBatch));
    if (ids.empty()) break;
    CADRE_RETURN_IF_ERROR(AddAnswers(*store_, ids, tally));
    // The last id's create time is where the next batch starts.
    CADRE_ASSIGN_OR_RETURN(auto last, store_->Get(ids.back()));
    if (!last.has_value()) break;
    after_ms =
        google::protobuf::util::TimeUtil::TimestampToMilliseconds(last->applicant.create_time());
    after_id = ids.back();
    if (static_cast<int>(ids.size()) < kBatch) break;
  }
  return tally.Counts();
}

}  // namespace cadre::matching
