#include "services/gateway/connect/json_print_cache.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "absl/strings/str_cat.h"
#include "services/gateway/connect/connect_json.h"

namespace cadre::gateway {

JsonPrintCache::JsonPrintCache(size_t max_bytes, size_t max_entry_bytes)
    : max_bytes_(max_bytes), max_entry_bytes_(max_entry_bytes) {}

absl::StatusOr<std::string> JsonPrintCache::Print(const google::protobuf::Message& prototype,
                                                  const std::string& bytes) {
  if (bytes.size() > max_entry_bytes_) return MessageBytesToJson(prototype, bytes);
  // The type's full name, a NUL (never in a type name), then the bytes.
  std::string key =
      absl::StrCat(prototype.GetDescriptor()->full_name(), std::string(1, '\0'), bytes);
  {
    absl::MutexLock lock(&mu_);
    auto found = entries_.find(key);
    if (found != entries_.end()) return found->second;
  }
  absl::StatusOr<std::string> json = MessageBytesToJson(prototype, bytes);
  if (!json.ok()) return json;
  const size_t size = key.size() + json->size();
  absl::MutexLock lock(&mu_);
  if (bytes_ + size > max_bytes_) {
    entries_.clear();
    bytes_ = 0;
  }
  if (entries_.emplace(std::move(key), *json).second) bytes_ += size;
  return json;
}

size_t JsonPrintCache::entries_for_test() const {
  absl::MutexLock lock(&mu_);
  return entries_.size();
}

}  // namespace cadre::gateway
