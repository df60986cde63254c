#include "services/registry/erasure_consumer.h"

#include <unistd.h>

#include <atomic>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cadre/v1/matching_events.pb.h"
#include "services/common/base/status_macros.h"
#include "services/common/logging.h"
#include "services/common/matching_event_stream.h"
#include "services/registry/domain/erasure.h"

namespace cadre::registry {
namespace {

constexpr char kGroup[] = "registry";
// Who revokes, in the audit entries: the matching service, whose erasure it is.
constexpr char kActor[] = "services/matching";

// Unique per process and per consumer: host, pid and a counter (tests run several).
std::string ConsumerName() {
  static std::atomic<int> counter{0};
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  return absl::StrCat("registry-", host, "-", getpid(), "-", counter++);
}

}  // namespace

ErasureConsumer::ErasureConsumer(RedisClient* redis, ApiKeyStore* keys, Authenticator* auth,
                                 absl::Duration block)
    : keys_(keys),
      auth_(auth),
      consumer_(*redis,
                EventConsumerOptions{.stream = std::string(kMatchingEventsStream),
                                     .group = kGroup,
                                     .consumer = ConsumerName(),
                                     .start_id = "0",
                                     .block = absl::ToChronoMilliseconds(block)},
                [this](const StreamEntry& entry) { return Handle(entry); }) {}

absl::Status ErasureConsumer::Handle(const StreamEntry& entry) {
  cadre::v1::MatchingEvent event;
  const absl::string_view pb = entry.Field(kEventBytesField);
  if (!event.ParseFromArray(pb.data(), static_cast<int>(pb.size()))) {
    log::Error("unreadable matching event skipped", {{"event_id", entry.id}});
    return absl::OkStatus();
  }
  const absl::optional<std::string> applicant = ErasedApplicant(event);
  if (!applicant) {
    if (event.type() == cadre::v1::MatchingEvent::APPLICANT_ERASED) {
      log::Error("matching erasure event names no applicant; skipped", {{"event_id", entry.id}});
    }
    return absl::OkStatus();
  }
  CADRE_ASSIGN_OR_RETURN(std::vector<std::string> hashes,
                         keys_->RevokeSubject(PrincipalKind::kApplicant, *applicant, kActor));
  for (const std::string& hash : hashes) auth_->Forget(hash);
  log::Info("erased applicant's keys revoked",
            {{"event_id", entry.id}, {"keys", absl::StrCat(hashes.size())}});
  return absl::OkStatus();
}

}  // namespace cadre::registry
