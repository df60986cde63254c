#include "services/matching/view/registry_stream.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"
#include "services/common/logging.h"

namespace cadre::matching {
namespace {

absl::StatusOr<StreamBounds> ParseBounds(absl::StatusOr<RedisReply> reply) {
  StreamBounds bounds;
  if (!reply.ok()) {
    // XINFO answers an error, not an empty reply, for a stream that does not exist.
    if (reply.status().code() == absl::StatusCode::kInternal &&
        absl::StrContains(reply.status().message(), "no such key")) {
      return bounds;
    }
    return reply.status();
  }
  if (reply->type != RedisReply::Type::kArray || reply->elements.size() % 2 != 0) {
    return absl::InternalError("unexpected XINFO STREAM reply");
  }
  bool has_entries_added = false;
  for (size_t i = 0; i + 1 < reply->elements.size(); i += 2) {
    const std::string& field = reply->elements[i].str;
    const RedisReply& value = reply->elements[i + 1];
    if (field == "length") {
      bounds.length = value.integer;
    } else if (field == "entries-added") {
      bounds.entries_added = value.integer;
      has_entries_added = true;
    } else if (field == "last-generated-id") {
      bounds.last_generated_id = value.str;
    } else if (field == "first-entry" && value.type == RedisReply::Type::kArray &&
               !value.elements.empty()) {
      bounds.first_id = value.elements[0].str;
    }
  }
  if (!has_entries_added) bounds.entries_added = bounds.length;
  return bounds;
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
