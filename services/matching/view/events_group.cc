#include "services/matching/view/events_group.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/common/base/status_macros.h"
#include "services/common/logging.h"
#include "services/matching/view/registry_stream.h"
#include "services/matching/view/stream_position.h"

namespace cadre::matching {
namespace {

bool IsSet(std::atomic<bool>* flag) { return flag->load(); }

// K: the stream. A: group, the last-delivered id found trimmed, the id to move to.
// Moves the group only if it is still where it was found (compare-and-set), so that a
// replica that reconciled and consumed first is not sent back. Returns 1 if it moved.
const RedisScript& MoveGroupScript() {
  static const auto* const kScript = new RedisScript(R"lua(
for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
  local name, delivered
  for i = 1, #group, 2 do
    if group[i] == 'name' then name = group[i + 1] end
    if group[i] == 'last-delivered-id' then delivered = group[i + 1] end
  end
  if name == ARGV[1] then
    if delivered ~= ARGV[2] then return 0 end
    redis.call('XGROUP', 'SETID', KEYS[1], ARGV[1], ARGV[3])
    return 1
  end
end
return 0
)lua");
  return *kScript;
}

EventConsumerOptions ConsumerOptions(const RegistryEventsGroupOptions& o) {
  EventConsumerOptions options;
  options.stream = kRegistryEvents;
  options.group = o.group;
  options.consumer = o.consumer;
  options.start_id = o.new_group_start;
  options.block = o.block;
  options.claim_idle = o.claim_idle;
  options.retry_backoff = o.retry_backoff;
  options.batch = o.batch;
  return options;
}

}  // namespace

RegistryEventsGroup::RegistryEventsGroup(RedisClient& redis, RegistryEventsGroupOptions options,
                                         Handler handler, Reconcile reconcile)
    : redis_(redis),
      options_(std::move(options)),
      handler_(std::move(handler)),
      reconcile_(std::move(reconcile)),
      consumer_(redis, ConsumerOptions(options_),
                [this](const StreamEntry& entry) { return Handle(entry); }) {}

RegistryEventsGroup::~RegistryEventsGroup() { Stop(); }

void RegistryEventsGroup::Start() {
  absl::MutexLock lock(&lifecycle_mu_);
  if (thread_.joinable() || consuming_.load()) return;
  {
    absl::MutexLock stop_lock(&stop_mu_);
    stop_ = false;
  }
  thread_ = std::thread([this] { Run(); });
}

void RegistryEventsGroup::Stop() {
  absl::MutexLock lock(&lifecycle_mu_);
  {
    absl::MutexLock stop_lock(&stop_mu_);
    stop_ = true;
  }
  // The check thread first: once it has ended, it cannot start the consumer any more.
  if (thread_.joinable()) thread_.join();
  consumer_.Stop();
  consuming_ = false;
}

void RegistryEventsGroup::Pause(std::chrono::milliseconds d) {
  absl::MutexLock lock(&stop_mu_);
  stop_mu_.AwaitWithTimeout(absl::Condition(&IsSet, &stop_), absl::FromChrono(d));
}

void RegistryEventsGroup::Run() {
  std::string last_error;  // each cause logged once, not once per retry
  while (!stop_.load()) {
    absl::Status status = Prepare();
    if (status.ok()) {
      consumer_.Start();
      consuming_ = true;
      return;
    }
    if (status.ToString() != last_error) {
      last_error = status.ToString();
      log::Warn("matching's consumer group on the registry's events cannot start; retrying",
                {{"group", options_.group}, {"error", last_error}});
    }
    Pause(options_.retry_backoff);
  }
}

absl::Status RegistryEventsGroup::Prepare() {
  CADRE_RETURN_IF_ERROR(EnsureGroup());
  CADRE_ASSIGN_OR_RETURN(std::string delivered, LastDelivered());
  // Read before reconcile runs: where the group continues if it reconciles.
  CADRE_ASSIGN_OR_RETURN(StreamBounds bounds, ReadStreamBounds(redis_, kRegistryEvents));
  if (!EntriesLostAfter(bounds, delivered)) return absl::OkStatus();

  log::Warn(
      "matching's consumer group fell behind the registry's event stream's trim: events it "
      "never handled are gone; reconciling from the current records",
      {{"group", options_.group},
       {"group_last_delivered", delivered},
       {"stream_first_event", bounds.first_id},
       {"stream_last_event", bounds.last_generated_id}});
  if (absl::Status s = reconcile_(); !s.ok()) {
    return absl::Status(s.code(), absl::StrCat("reconcile: ", s.message()));
  }
  ++reconciles_;
  CADRE_ASSIGN_OR_RETURN(bool moved, MoveGroup(delivered, bounds.last_generated_id));
  log::Info("matching's consumer group reconciled",
            {{"group", options_.group},
             {"continues_after", moved ? bounds.last_generated_id : "(moved by another replica)"}});
  return absl::OkStatus();
}

absl::Status RegistryEventsGroup::EnsureGroup() {
  absl::StatusOr<RedisReply> reply = redis_.Command(
      {"XGROUP", "CREATE", kRegistryEvents, options_.group, options_.new_group_start, "MKSTREAM"});
  if (!reply.ok() && reply.status().code() == absl::StatusCode::kInternal &&
      absl::StartsWith(reply.status().message(), "BUSYGROUP")) {
    return absl::OkStatus();  // the group exists already
  }
  return reply.status();
}

absl::StatusOr<std::string> RegistryEventsGroup::LastDelivered() {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_.Command({"XINFO", "GROUPS", kRegistryEvents}));
  if (reply.type != RedisReply::Type::kArray) {
    return absl::InternalError("unexpected XINFO GROUPS reply");
  }
  for (const RedisReply& group : reply.elements) {
    std::string name;
    std::string delivered;
    for (size_t i = 0; i + 1 < group.elements.size(); i += 2) {
      if (group.elements[i].str == "name") name = group.elements[i + 1].str;
      if (group.elements[i].str == "last-delivered-id") delivered = group.elements[i + 1].str;
    }
    if (name == options_.group) return delivered.empty() ? std::string("0-0") : delivered;
  }
  return absl::InternalError(absl::StrCat("consumer group ", options_.group, " not found"));
}

absl::StatusOr<bool> RegistryEventsGroup::MoveGroup(const std::string& from,
                                                    const std::string& to) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_.Eval(MoveGroupScript(), {kRegistryEvents},
                                                       {options_.group, from, to}));
  return reply.type == RedisReply::Type::kInteger && reply.integer == 1;
}

absl::Status RegistryEventsGroup::Handle(const StreamEntry& entry) {
  absl::optional<cadre::v1::RegistryEvent> event = ParseRegistryEvent(entry);
  // An entry that does not parse never will: acknowledged (and logged), not retried for ever.
  if (!event.has_value()) return absl::OkStatus();
  return handler_(*event, entry.id);
}

}  // namespace cadre::matching
