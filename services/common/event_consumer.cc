#include "services/common/event_consumer.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/common/base/status_macros.h"
#include "services/common/logging.h"

namespace cadre {
namespace {

// Rounds (XAUTOCLAIM calls) per claim pass, so that a huge backlog of stale entries cannot
// keep the consumer from new ones; the rest is claimed on the next pass.
constexpr int kMaxClaimRounds = 16;

bool IsSet(std::atomic<bool>* flag) { return flag->load(); }

}  // namespace

EventConsumer::EventConsumer(RedisClient& redis, EventConsumerOptions options, Handler handler)
    : redis_(redis), options_(std::move(options)), handler_(std::move(handler)) {
  // BLOCK 0 would wait for ever, beyond the connection's read timeout.
  options_.block = std::max(options_.block, std::chrono::milliseconds(1));
  options_.batch = std::max(options_.batch, 1);
}

EventConsumer::~EventConsumer() { Stop(); }

void EventConsumer::Start() {
  absl::MutexLock lock(&lifecycle_mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void EventConsumer::Stop() {
  absl::MutexLock lock(&lifecycle_mu_);
  {
    absl::MutexLock stop_lock(&stop_mu_);
    stop_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void EventConsumer::Pause(std::chrono::milliseconds d) {
  absl::MutexLock lock(&stop_mu_);
  stop_mu_.AwaitWithTimeout(absl::Condition(&IsSet, &stop_), absl::FromChrono(d));
}

void EventConsumer::Run() {
  std::unique_ptr<RedisConnection> conn = redis_.Dedicated(options_.block);
  const auto claim_every = std::max(options_.claim_idle / 2, std::chrono::milliseconds(10));
  auto last_claim = std::chrono::steady_clock::now() - claim_every;  // claim at once
  bool ready = false;  // group exists and own pending entries were re-read
  const std::string first_pending = "0";
  std::string pending = first_pending;  // cursor through own pending entries
  bool failing = false;                 // logs an outage once, not on every retry
  while (!stop_.load()) {
    absl::Status status;
    if (!ready) {
      status = EnsureGroup();
      // Entries delivered to this consumer before a crash (or a Redis outage) and never
      // acknowledged come first.
      while (status.ok() && !ready && !stop_.load()) {
        absl::StatusOr<std::string> last = ReadOnce(*conn, pending);
        if (!last.ok()) {
          status = last.status();
        } else if (last->empty()) {
          ready = true;
        } else {
          pending = *std::move(last);
        }
      }
    }
    if (status.ok() && ready && std::chrono::steady_clock::now() - last_claim >= claim_every) {
      last_claim = std::chrono::steady_clock::now();
      status = ClaimStale();
    }
    if (status.ok() && ready) status = ReadOnce(*conn, ">").status();
    if (status.ok()) {
      if (failing) log::Info("event consumer recovered", {{"stream", options_.stream}});
      failing = false;
      continue;
    }
    if (!failing) {
      log::Warn("event consumer cannot read; retrying", {{"stream", options_.stream},
                                                         {"group", options_.group},
                                                         {"error", std::string(status.message())}});
    }
    failing = true;
    ready = false;
    pending = first_pending;  // (not = "0": g++ 12 warns falsely, -Wrestrict)
    Pause(options_.retry_backoff);
  }
}

absl::Status EventConsumer::EnsureGroup() {
  absl::StatusOr<RedisReply> reply = redis_.Command(
      {"XGROUP", "CREATE", options_.stream, options_.group, options_.start_id, "MKSTREAM"});
  if (!reply.ok() && reply.status().code() == absl::StatusCode::kInternal &&
      absl::StartsWith(reply.status().message(), "BUSYGROUP")) {
    return absl::OkStatus();  // the group exists already
  }
  return reply.status();
}

absl::Status EventConsumer::HandleBatch(const std::vector<StreamEntry>& entries) {
  std::vector<std::string> xack = {"XACK", options_.stream, options_.group};
  int64_t handled = 0;
  for (const StreamEntry& entry : entries) {
    // Stopping mid-batch leaves the rest pending on this consumer: read again on restart.
    if (stop_.load()) break;
    if (entry.fields.empty()) {
      xack.push_back(entry.id);
      continue;
    }
    absl::Status status = handler_(entry);
    if (status.ok()) {
      xack.push_back(entry.id);
      ++handled;
    } else {
      log::Warn("event handler failed; the entry stays pending",
                {{"stream", options_.stream},
                 {"id", entry.id},
                 {"error", std::string(status.message())}});
    }
  }
  if (xack.size() == 3) return absl::OkStatus();
  CADRE_RETURN_IF_ERROR(redis_.Command(xack).status());
  acknowledged_ += handled;
  return absl::OkStatus();
}

absl::StatusOr<std::string> EventConsumer::ReadOnce(RedisConnection& conn, const std::string& id) {
  std::vector<std::string> command = {"XREADGROUP",      "GROUP", options_.group,
                                      options_.consumer, "COUNT", absl::StrCat(options_.batch)};
  if (id == ">") {
    command.emplace_back("BLOCK");
    command.push_back(absl::StrCat(options_.block.count()));
  }
  command.insert(command.end(), {"STREAMS", options_.stream, id});
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, conn.Command(command));
  CADRE_ASSIGN_OR_RETURN(std::vector<StreamEntry> entries, ParseXRead(reply));
  CADRE_RETURN_IF_ERROR(HandleBatch(entries));
  return entries.empty() ? std::string() : entries.back().id;
}

absl::Status EventConsumer::ClaimStale() {
  std::string cursor = "0-0";
  for (int round = 0; round < kMaxClaimRounds && !stop_.load(); ++round) {
    CADRE_ASSIGN_OR_RETURN(
        RedisReply reply,
        redis_.Command({"XAUTOCLAIM", options_.stream, options_.group, options_.consumer,
                        absl::StrCat(options_.claim_idle.count()), cursor, "COUNT",
                        absl::StrCat(options_.batch)}));
    // Redis 7: [next cursor, entries, deleted ids]; Redis 6.2: [next cursor, entries].
    if (reply.type != RedisReply::Type::kArray || reply.elements.size() < 2 ||
        reply.elements[0].type != RedisReply::Type::kString) {
      return absl::InternalError("unexpected XAUTOCLAIM reply");
    }
    CADRE_ASSIGN_OR_RETURN(std::vector<StreamEntry> entries, ParseStreamEntries(reply.elements[1]));
    CADRE_RETURN_IF_ERROR(HandleBatch(entries));
    cursor = reply.elements[0].str;
    if (cursor == "0-0") break;
  }
  return absl::OkStatus();
}

}  // namespace cadre
