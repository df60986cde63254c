#include "services/registry/view_sync.h"

#include <chrono>
#include <cstdint>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"
#include "services/common/logging.h"

namespace cadre::registry {
namespace {

// Events read from the stream per XREAD, at most.
constexpr int kReadCount = 1000;

// A stream id "ms-seq" as two numbers, to compare ids in order. {0, 0} for "0-0" and for
// anything that does not parse (Redis only hands out well-formed ids).
std::pair<uint64_t, uint64_t> ParseStreamId(absl::string_view id) {
  std::pair<uint64_t, uint64_t> parsed{0, 0};
  const size_t dash = id.find('-');
  if (dash == absl::string_view::npos || !absl::SimpleAtoi(id.substr(0, dash), &parsed.first) ||
      !absl::SimpleAtoi(id.substr(dash + 1), &parsed.second)) {
    return {0, 0};
  }
  return parsed;
}

}  // namespace

ViewSync::ViewSync(RedisClient* redis, RegistryStore* store, Catalog* catalog,
                   ViewSyncOptions options)
    : redis_(redis), store_(store), catalog_(catalog), options_(options) {}

ViewSync::~ViewSync() { Stop(); }

void ViewSync::Start() {
  connection_ = redis_->Dedicated(absl::ToChronoMilliseconds(options_.block));
  thread_ = std::thread([this] { Run(); });
}

void ViewSync::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool ViewSync::IsFresh() const {
  if (!loaded_.load()) return false;
  const absl::Time last = absl::FromUnixNanos(last_ok_nanos_.load());
  return absl::Now() - last < options_.fresh_window;
}

bool ViewSync::WaitUntilFresh(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  std::unique_lock<std::mutex> lock(mu_);
  while (!IsFresh() && absl::Now() < deadline) {
    cv_.wait_for(lock, std::chrono::milliseconds(20));
  }
  return IsFresh();
}

void ViewSync::MarkStale(const absl::Status& cause) {
  if (loaded_.exchange(false)) {
    log::Warn("registry view is stale: the event stream cannot be read",
              {{"error", cause.ToString()}});
  }
}

void ViewSync::ReportReloadFailure(const absl::Status& cause) {
  // Once per distinct cause, not once per retry: an operator needs the reason a replica
  // stays NOT_SERVING (Redis down, or a record that does not parse), not a flood.
  std::string text = cause.ToString();
  if (text == last_reload_error_) return;
  log::Error("registry view cannot load; the replica stays NOT_SERVING until it can",
             {{"error", text}});
  last_reload_error_ = std::move(text);
}

void ViewSync::SleepFor(absl::Duration d) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait_for(lock, absl::ToChronoMilliseconds(d), [this] { return stop_; });
}

absl::Status ViewSync::Reload() {
  // Read the stream's position first: any change made during the load is in an event
  // after it, applied next (versions make the overlap harmless).
  CADRE_ASSIGN_OR_RETURN(std::string last, store_->LastEventId());
  // Loaded apart and swapped in whole: a write this replica makes meanwhile lands in the
  // old view and reaches the new one through its event, after `last`.
  Catalog loaded;
  CADRE_RETURN_IF_ERROR(store_->LoadAll(loaded));
  // The records hold every change up to `last` (and maybe later ones): `last` is the
  // position ("0-0", an empty stream, is none).
  loaded.SetViewPosition(last == "0-0" ? std::string() : last);
  catalog_->ReplaceWith(loaded);
  last_id_ = last;
  log::Info("registry view loaded",
            {{"roles", absl::StrCat(catalog_->role_count())}, {"from_event", last_id_}});
  return absl::OkStatus();
}

// The rule. The registry trims the stream from its oldest end (XADD MAXLEN ~). So if an
// event after last_id_ was trimmed before this replica read it, last_id_ itself, older,
// was trimmed too, and the stream now begins after it; while the stream still begins at
// or before last_id_, nothing the view needs can be gone. Hence: a gap is suspected when
// the stream's first entry is newer than last_id_. One exception: last_id_ "0-0" (the
// stream was empty when the view loaded), where every first entry is newer; there, a gap
// needs entries removed from the stream, i.e. more ever added than it holds (a stream
// emptied by hand before the view loaded costs one needless reload).
//
// Cost: one XINFO STREAM (O(1) in Redis, on the view's own connection), and only after
// an XREAD that returned events: an idle replica asks nothing. It is asked after the
// read, so a trim that came after the read can only cause a needless reload, never a
// missed gap. A needless reload happens only when the view's own position was trimmed,
// i.e. it was about a full stream behind, where reloading is also the quicker way back.
absl::StatusOr<bool> ViewSync::GapBefore(const std::string& first_read_id) {
  CADRE_ASSIGN_OR_RETURN(EventStreamStart start, store_->EventsStart(*connection_));
  const auto last = ParseStreamId(last_id_);
  const bool gap = last == std::pair<uint64_t, uint64_t>{0, 0}
                       ? start.entries_added > start.length
                       : ParseStreamId(start.first_id) > last;
  if (gap) {
    log::Warn(
        "registry view fell behind the event stream's trim: events it had not read are gone; "
        "reloading from the records",
        {{"last_applied_event", last_id_},
         {"stream_first_event", start.first_id},
         {"first_event_read", first_read_id}});
  }
  return gap;
}

void ViewSync::Run() {
  const int block_ms = static_cast<int>(absl::ToInt64Milliseconds(options_.block));
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stop_) return;
    }
    if (!loaded_.load()) {
      if (absl::Status s = Reload(); !s.ok()) {
        ReportReloadFailure(s);
        SleepFor(options_.retry_backoff);
        continue;
      }
      last_reload_error_.clear();
      loaded_ = true;
      last_ok_nanos_ = absl::ToUnixNanos(absl::Now());
      cv_.notify_all();
    }
    auto events = store_->ReadEvents(*connection_, last_id_, block_ms, kReadCount);
    if (!events.ok()) {
      MarkStale(events.status());
      SleepFor(options_.retry_backoff);
      continue;
    }
    if (!events->empty()) {
      absl::StatusOr<bool> gap = GapBefore(events->front().first);
      if (!gap.ok()) {
        MarkStale(gap.status());
        SleepFor(options_.retry_backoff);
        continue;
      }
      if (*gap) {
        // Not applied: the reload at the top of the loop reads every record and tails
        // from its own position. The replica is NOT_SERVING until it has loaded.
        loaded_ = false;
        continue;
      }
    }
    for (const auto& [id, event] : *events) {
      catalog_->Apply(event);
      last_id_ = id;
    }
    // After the changes, never before: a page read meanwhile reports an older position.
    if (!events->empty()) catalog_->SetViewPosition(last_id_);
    last_ok_nanos_ = absl::ToUnixNanos(absl::Now());
  }
}

}  // namespace cadre::registry
