#include "services/matching/fill_queue.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"
#include "services/common/logging.h"

namespace cadre::matching {
namespace {

constexpr int kBatch = 20;
constexpr char kFilledReason[] = "every place has been accepted";

}  // namespace

FillQueue::FillQueue(ApplicationStore* store, const RegistryRoles* registry, const Clock* clock,
                     FillQueueOptions options)
    : store_(store), registry_(registry), clock_(clock), options_(options) {}

FillQueue::~FillQueue() { Stop(); }

void FillQueue::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void FillQueue::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void FillQueue::Poke() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    poked_ = true;
  }
  cv_.notify_all();
}

void FillQueue::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, absl::ToChronoMilliseconds(options_.every),
                 [this] { return stopping_ || poked_; });
    if (stopping_) break;
    poked_ = false;
    lock.unlock();
    if (absl::StatusOr<int> done = RunOnce(); !done.ok()) {
      log::Warn("fill queue: Redis did not answer",
                {{"error", std::string(done.status().message())}});
    }
    lock.lock();
  }
}

absl::StatusOr<int> FillQueue::RunOnce() {
  const absl::Time now = clock_->Now();
  CADRE_ASSIGN_OR_RETURN(std::vector<int64_t> due,
                         store_->ClaimDueFills(now, options_.lease, kBatch));
  int settled = 0;
  for (int64_t role_id : due) {
    const std::string role = absl::StrCat("roles/", role_id);
    absl::StatusOr<cadre::v1::Role> filled = registry_->MarkFilled(role, kFilledReason);
    const absl::StatusCode code = filled.status().code();
    if (filled.ok() || code == absl::StatusCode::kFailedPrecondition ||
        code == absl::StatusCode::kNotFound) {
      if (!filled.ok()) {
        log::Info("fill queue: the registry refused; dropped",
                  {{"role", role}, {"error", std::string(filled.status().message())}});
      }
      CADRE_RETURN_IF_ERROR(store_->FillDone(role_id));
      ++settled;
      continue;
    }
    log::Warn("fill queue: the registry did not mark the role filled; will retry",
              {{"role", role}, {"error", std::string(filled.status().message())}});
    CADRE_RETURN_IF_ERROR(store_->RetryFill(role_id, now + options_.retry_after));
  }
  return settled;
}

}  // namespace cadre::matching
