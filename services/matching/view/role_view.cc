#include "services/matching/view/role_view.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"
#include "services/common/logging.h"
#include "services/matching/view/registry_stream.h"
#include "services/matching/view/stream_position.h"

namespace cadre::matching {
namespace {

// Events read from the stream per XREAD, at most.
constexpr int kReadCount = 1000;

bool IsSet(std::atomic<bool>* flag) { return flag->load(); }

}  // namespace

RoleView::RoleView(RedisClient* redis, RoleViewOptions options)
    : redis_(redis),
      options_(std::move(options)),
      stub_(cadre::v1::Registry::NewStub(options_.registry)),
      connection_(redis_->Dedicated(absl::ToChronoMilliseconds(options_.block))) {
  options_.page_size = std::clamp(options_.page_size, 1, 100);
  options_.block = std::max(options_.block, absl::Milliseconds(1));
  backoff_ = options_.retry_backoff;
}

RoleView::~RoleView() { Stop(); }

void RoleView::Start() {
  absl::MutexLock lock(&lifecycle_mu_);
  if (thread_.joinable()) return;
  {
    absl::MutexLock stop_lock(&mu_);
    stop_ = false;
  }
  thread_ = std::thread([this] { Run(); });
}

void RoleView::Stop() {
  absl::MutexLock lock(&lifecycle_mu_);
  {
    absl::MutexLock stop_lock(&mu_);
    stop_ = true;
    if (call_ != nullptr) call_->TryCancel();
  }
  if (thread_.joinable()) thread_.join();
}

bool RoleView::IsLoaded() const { return loaded_.load(); }

bool RoleView::IsFresh() const {
  if (!loaded_.load() || reloading_.load()) return false;
  const absl::Time last = absl::FromUnixNanos(last_ok_nanos_.load());
  return absl::Now() - last < options_.fresh_window;
}

bool RoleView::WaitUntilLoaded(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  absl::MutexLock lock(&mu_);
  while (!IsLoaded() && absl::Now() < deadline) changed_.WaitWithDeadline(&mu_, deadline);
  return IsLoaded();
}

bool RoleView::WaitUntilFresh(absl::Duration timeout) {
  // Freshness also changes with time alone, so this looks again every few milliseconds.
  const absl::Time deadline = absl::Now() + timeout;
  absl::MutexLock lock(&mu_);
  while (!IsFresh() && absl::Now() < deadline) {
    changed_.WaitWithTimeout(&mu_, absl::Milliseconds(20));
  }
  return IsFresh();
}

void RoleView::Notify() {
  absl::MutexLock lock(&mu_);
  changed_.SignalAll();
}

void RoleView::Pause(absl::Duration d) {
  absl::MutexLock lock(&mu_);
  mu_.AwaitWithTimeout(absl::Condition(&IsSet, &stop_), d);
}

absl::Duration RoleView::NextBackoff() {
  const absl::Duration wait = backoff_;
  backoff_ = std::min(backoff_ * 2, std::max(options_.max_retry_backoff, options_.retry_backoff));
  return wait;
}

void RoleView::MarkStale(const absl::Status& cause) {
  if (stale_logged_) return;
  stale_logged_ = true;
  log::Warn("matching's view of open roles is stale: the registry's event stream cannot be read",
            {{"error", cause.ToString()}});
}

void RoleView::ReportLoadFailure(const absl::Status& cause) {
  // Once per distinct cause, not once per retry: an operator needs the reason a replica
  // stays NOT_SERVING (registry down, key refused, Redis down), not a flood. The message
  // is the registry's or Redis's; neither carries the key.
  std::string text = cause.ToString();
  if (text == last_load_error_) return;
  log::Error("matching cannot load the registry's open roles; retrying",
             {{"error", text}, {"failed_attempts", absl::StrCat(failed_loads_.load())}});
  last_load_error_ = std::move(text);
}

absl::Status RoleView::CallListRoles(const cadre::v1::ListRolesRequest& request,
                                     cadre::v1::ListRolesResponse* response) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       absl::ToChronoMilliseconds(options_.call_deadline));
  if (!options_.service_key.empty()) {
    context.AddMetadata("authorization", absl::StrCat("Bearer ", options_.service_key));
  }
  {
    absl::MutexLock lock(&mu_);
    if (stop_.load()) return absl::CancelledError("the view is stopping");
    call_ = &context;
  }
  const grpc::Status status = stub_->ListRoles(&context, request, response);
  {
    absl::MutexLock lock(&mu_);
    call_ = nullptr;
  }
  if (status.ok()) return absl::OkStatus();
  // grpc::StatusCode and absl::StatusCode share their numbers.
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat("registry ListRoles: ", status.error_message()));
}

// Where to tail from when a page has no view_position (a registry from before the field,
// or a replica that had applied no event yet): the stream's last id, read BEFORE the first
// page is asked for. Tailing from "0-0" instead would also be correct, since versions
// make replays harmless, but it would replay the whole stream (about 100,000 events) on
// every start. Any change made after that id is announced after it, so the tail sees it.
// A change announced before it is in the pages provided the answering registry replica
// had applied it by then; replicas apply events as XREAD BLOCK hands them over and
// refuse to answer once they fall 3 s behind, so the window is tiny, and it closes
// altogether once every registry replica fills view_position (then the position is what
// the replica really had applied). A page without a position among pages with one
// counts as that same id, so the oldest position still covers it.
absl::Status RoleView::Load() {
  CADRE_ASSIGN_OR_RETURN(StreamBounds bounds, ReadStreamBounds(*connection_, kRegistryEvents));
  const std::string& unknown_position = bounds.last_generated_id;

  OpenRoles loaded;
  std::string oldest;
  std::string token;
  int pages = 0;
  do {
    if (Stopping()) return absl::CancelledError("the view is stopping");
    cadre::v1::ListRolesRequest request;
    request.set_state(cadre::v1::ROLE_STATE_OPEN);
    request.set_page_size(options_.page_size);
    request.set_page_token(token);
    cadre::v1::ListRolesResponse response;
    CADRE_RETURN_IF_ERROR(CallListRoles(request, &response));
    for (cadre::v1::Role& role : *response.mutable_roles()) {
      int64_t version = 0;
      if (!absl::SimpleAtoi(role.etag(), &version) || version <= 0) {
        log::Error("open role without a version skipped", {{"role", role.name()}});
        continue;
      }
      loaded.Apply(std::move(role), version);
    }
    const std::string& position =
        response.view_position().empty() ? unknown_position : response.view_position();
    oldest = pages == 0 ? position : OlderStreamId(oldest, position);
    ++pages;
    if (!response.next_page_token().empty() && response.next_page_token() == token) {
      return absl::InternalError("registry ListRoles: the same page token twice");
    }
    token = response.next_page_token();
  } while (!token.empty());

  roles_.ReplaceWith(loaded);
  position_ = oldest;
  log::Info("matching's view of open roles loaded", {{"roles", absl::StrCat(roles_.Size())},
                                                     {"pages", absl::StrCat(pages)},
                                                     {"from_event", position_}});
  return absl::OkStatus();
}

absl::StatusOr<bool> RoleView::GapBefore(const std::string& first_read_id) {
  CADRE_ASSIGN_OR_RETURN(StreamBounds bounds, ReadStreamBounds(*connection_, kRegistryEvents));
  const bool gap = EntriesLostAfter(bounds, position_);
  if (gap) {
    log::Warn(
        "matching's view of open roles fell behind the registry's event stream's trim: events "
        "it had not read are gone; loading the open roles again",
        {{"last_applied_event", position_},
         {"stream_first_event", bounds.first_id},
         {"first_event_read", first_read_id}});
  }
  return gap;
}

void RoleView::ApplyEvent(const cadre::v1::RegistryEvent& event) {
  // Every ROLE_* event carries the role as it now is; other kinds do not concern the view.
  if (!event.has_role()) return;
  const absl::optional<int64_t> id = RoleIdOf(event.role().name());
  // A version already held (from a page, or this event read twice) is skipped before the
  // role is copied.
  if (!id.has_value() || roles_.VersionOf(*id) >= event.version()) return;
  roles_.Apply(event.role(), event.version());
}

void RoleView::Run() {
  const int block_ms = static_cast<int>(absl::ToInt64Milliseconds(options_.block));
  while (!Stopping()) {
    if (need_load_) {
      if (absl::Status s = Load(); !s.ok()) {
        if (Stopping()) return;
        ++failed_loads_;
        ReportLoadFailure(s);
        Pause(NextBackoff());
        continue;
      }
      need_load_ = false;
      last_load_error_.clear();
      backoff_ = options_.retry_backoff;
      last_ok_nanos_ = absl::ToUnixNanos(absl::Now());
      ++loads_;
      reloading_ = false;
      loaded_ = true;
      Notify();
    }
    auto events = ReadRegistryEvents(*connection_, position_, block_ms, kReadCount);
    absl::StatusOr<bool> gap = false;
    if (events.ok() && !events->empty()) gap = GapBefore(events->front().first);
    if (!events.ok() || !gap.ok()) {
      MarkStale(events.ok() ? gap.status() : events.status());
      Pause(NextBackoff());
      continue;
    }
    if (*gap) {
      // Not applied: the load reads every open role and tails from its own position. The
      // old roles stay readable meanwhile, but the view is not fresh until it has loaded.
      need_load_ = true;
      reloading_ = true;
      continue;
    }
    for (const auto& [id, event] : *events) {
      ApplyEvent(event);
      position_ = id;
    }
    if (stale_logged_) log::Info("matching's view of open roles reads the event stream again");
    stale_logged_ = false;
    backoff_ = options_.retry_backoff;
    last_ok_nanos_ = absl::ToUnixNanos(absl::Now());
  }
}

}  // namespace cadre::matching
