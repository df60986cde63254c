#include "services/matching/view/registry_stream.h"

#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"
#include "services/common/logging.h"

namespace cadre::matching {
namespace {

absl::StatusOr<StreamBounds> ParseBounds(const absl::StatusOr<RedisReply>& reply) {
  CADRE_ASSIGN_OR_RETURN(StreamInfo info, ParseStreamInfo(reply));
  return StreamBounds{.first_id = std::move(info.first_id),
                      .last_generated_id = std::move(info.last_generated_id),
                      .length = info.length,
                      .entries_added = info.entries_added};
}

}  // namespace

absl::optional<cadre::v1::RegistryEvent> ParseRegistryEvent(const StreamEntry& entry) {
  cadre::v1::RegistryEvent event;
  absl::string_view pb = entry.Field("pb");
  if (!event.ParseFromArray(pb.data(), static_cast<int>(pb.size()))) {
    log::Error("unreadable registry event skipped", {{"event_id", entry.id}});
    return absl::nullopt;
  }
  return event;
}

absl::StatusOr<StreamBounds> ReadStreamBounds(RedisConnection& connection,
                                              const std::string& stream) {
  return ParseBounds(connection.Command({"XINFO", "STREAM", stream}));
}

absl::StatusOr<StreamBounds> ReadStreamBounds(RedisClient& redis, const std::string& stream) {
  return ParseBounds(redis.Command({"XINFO", "STREAM", stream}));
}

absl::StatusOr<std::vector<RegistryStreamEntry>> ReadRegistryEvents(RedisConnection& connection,
                                                                    const std::string& after_id,
                                                                    int block_ms, int count) {
  CADRE_ASSIGN_OR_RETURN(
      RedisReply reply,
      connection.Command({"XREAD", "COUNT", absl::StrCat(count), "BLOCK", absl::StrCat(block_ms),
                          "STREAMS", kRegistryEvents, after_id}));
  CADRE_ASSIGN_OR_RETURN(std::vector<StreamEntry> entries, ParseXRead(reply));
  std::vector<RegistryStreamEntry> events;
  events.reserve(entries.size());
  for (const StreamEntry& entry : entries) {
    // Skipped, not retried: one bad entry must not stop the view for good.
    absl::optional<cadre::v1::RegistryEvent> event = ParseRegistryEvent(entry);
    events.emplace_back(entry.id,
                        event.has_value() ? *std::move(event) : cadre::v1::RegistryEvent());
  }
  return events;
}

}  // namespace cadre::matching
