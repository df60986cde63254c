#include "bench/redis_memory.h"

#include <hiredis/hiredis.h>

#include <cctype>
#include <memory>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace cadre::bench {
namespace {

struct ContextDeleter {
  void operator()(redisContext* c) const { redisFree(c); }
};
struct ReplyDeleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using Context = std::unique_ptr<redisContext, ContextDeleter>;
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

absl::StatusOr<Context> Connect(const std::string& host, int port) {
  timeval timeout{2, 0};
  Context context(redisConnectWithTimeout(host.c_str(), port, timeout));
  if (context == nullptr || context->err != 0) {
    return absl::UnavailableError(absl::StrCat("Redis at ", host, ":", port, ": ",
                                               context ? context->errstr : "out of memory"));
  }
  redisSetTimeout(context.get(), timeval{5, 0});
  return context;
}

absl::StatusOr<Reply> Command(redisContext* context, const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  for (const std::string& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  Reply reply(static_cast<redisReply*>(
      redisCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data())));
  if (reply == nullptr) {
    return absl::UnavailableError(absl::StrCat("Redis: ", context->errstr));
  }
  if (reply->type == REDIS_REPLY_ERROR) {
    return absl::InternalError(absl::StrCat("Redis ", args[0], ": ", reply->str));
  }
  return reply;
}

std::string Family(const char* key, size_t length) {
  std::string family;
  for (size_t i = 0; i < length; ++i) {
    if (std::isdigit(static_cast<unsigned char>(key[i]))) {
      if (family.empty() || family.back() != '#') {
        family.push_back('#');
      }
    } else {
      family.push_back(key[i]);
    }
  }
  return family;
}

// Folds families of one or two keys with a number in their last part that share a
// parent ("registry:body:ZBA#", "registry:body:ZBB#", ...) into "registry:body:*" when
// the parent has three or more of them, so that a dozen bodies make one row, not twelve.
std::map<std::string, KeyFamily> MergeSingletons(const std::map<std::string, KeyFamily>& families) {
  std::map<std::string, int> small_children;
  auto parent = [](const std::string& family) {
    const size_t colon = family.rfind(':');
    return colon == std::string::npos ? std::string() : family.substr(0, colon + 1) + "*";
  };
  // Only names with a number in their last part ("ZBA#"), not "registry:events".
  auto small = [&parent](const std::string& family, const KeyFamily& figures) {
    return figures.keys <= 2 && !parent(family).empty() &&
           family.find('#', family.rfind(':')) != std::string::npos;
  };
  for (const auto& [family, figures] : families) {
    if (small(family, figures)) {
      ++small_children[parent(family)];
    }
  }
  std::map<std::string, KeyFamily> merged;
  for (const auto& [family, figures] : families) {
    std::string name = family;
    if (small(family, figures) && small_children[parent(family)] >= 3) {
      name = parent(family);
    }
    merged[name].keys += figures.keys;
    merged[name].bytes += figures.bytes;
  }
  return merged;
}

}  // namespace

absl::StatusOr<int64_t> RedisUsedMemory(const std::string& host, int port) {
  absl::StatusOr<Context> context = Connect(host, port);
  if (!context.ok()) {
    return context.status();
  }
  absl::StatusOr<Reply> reply = Command(context->get(), {"INFO", "memory"});
  if (!reply.ok()) {
    return reply.status();
  }
  for (absl::string_view line :
       absl::StrSplit(absl::string_view((*reply)->str, (*reply)->len), "\r\n")) {
    if (absl::ConsumePrefix(&line, "used_memory:")) {
      int64_t bytes = 0;
      if (absl::SimpleAtoi(line, &bytes)) {
        return bytes;
      }
    }
  }
  return absl::InternalError("INFO memory has no used_memory");
}

absl::StatusOr<std::map<std::string, KeyFamily>> RedisKeyFamilies(const std::string& host, int port,
                                                                  int64_t max_keys) {
  absl::StatusOr<Context> context = Connect(host, port);
  if (!context.ok()) {
    return context.status();
  }
  std::map<std::string, KeyFamily> families;
  std::string cursor = "0";
  int64_t seen = 0;
  do {
    absl::StatusOr<Reply> scan = Command(context->get(), {"SCAN", cursor, "COUNT", "1000"});
    if (!scan.ok()) {
      return scan.status();
    }
    cursor.assign((*scan)->element[0]->str, (*scan)->element[0]->len);
    const redisReply* keys = (*scan)->element[1];
    // One pipelined MEMORY USAGE per key of the batch; SAMPLES 0 counts every element.
    for (size_t i = 0; i < keys->elements; ++i) {
      redisAppendCommand(context->get(), "MEMORY USAGE %b SAMPLES 0", keys->element[i]->str,
                         keys->element[i]->len);
    }
    for (size_t i = 0; i < keys->elements; ++i) {
      void* raw = nullptr;
      if (redisGetReply(context->get(), &raw) != REDIS_OK) {
        return absl::UnavailableError(absl::StrCat("Redis: ", (*context)->errstr));
      }
      Reply usage(static_cast<redisReply*>(raw));
      KeyFamily& family = families[Family(keys->element[i]->str, keys->element[i]->len)];
      ++family.keys;
      if (usage->type == REDIS_REPLY_INTEGER) {
        family.bytes += usage->integer;
      }
    }
    seen += static_cast<int64_t>(keys->elements);
  } while (cursor != "0" && seen < max_keys);
  return MergeSingletons(families);
}

}  // namespace cadre::bench
