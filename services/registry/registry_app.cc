#include "services/registry/registry_app.h"

#include "absl/strings/str_cat.h"
#include "services/common/api_keys.h"
#include "services/common/attempt_limits.h"
#include "services/common/auth.h"
#include "services/common/logging.h"
#include "services/common/periodic.h"
#include "services/common/service_keys.h"
#include "services/common/worker_pool.h"
#include "services/registry/domain/catalog.h"
#include "services/registry/erasure_consumer.h"
#include "services/registry/registry_service.h"
#include "services/registry/registry_store.h"
#include "services/registry/registry_writer.h"
#include "services/registry/staff_store.h"
#include "services/registry/view_sync.h"

namespace cadre::registry {
namespace {

constexpr size_t kMinAdminKeyLength = 32;  // characters
// How long a verified key is trusted without asking Redis again (never past its expiry):
// a key revoked on another replica stops working here within this time.
constexpr absl::Duration kKeyCacheTtl = absl::Seconds(5);

absl::Status CheckOptions(const RegistryOptions& o) {
  if (!o.admin_key.empty() && o.admin_key.size() < kMinAdminKeyLength) {
    return absl::InvalidArgumentError(
        absl::StrCat("admin key: must be at least ", kMinAdminKeyLength, " characters"));
  }
  if (o.workers < 1) return absl::InvalidArgumentError("workers: must be at least 1");
  if (o.worker_queue < 1) return absl::InvalidArgumentError("worker_queue: must be at least 1");
  if (o.password_threads < 1) {
    return absl::InvalidArgumentError("password_threads: must be at least 1");
  }
  if (o.password_queue < 1) return absl::InvalidArgumentError("password_queue: must be at least 1");
  if (o.staff.setup_ttl <= absl::ZeroDuration() || o.staff.key_ttl <= absl::ZeroDuration() ||
      o.staff.email_kept <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("staff: link, key and email lives must be more than 0");
  }
  if (o.staff_sweep_every <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("staff_sweep_every: must be more than 0");
  }
  if (o.writes_per_minute < 0) {
    return absl::InvalidArgumentError("writes_per_minute: must not be negative");
  }
  if (o.event_block < absl::Milliseconds(1)) {
    return absl::InvalidArgumentError("event_block: must be at least 1 ms");
  }
  if (o.closing_sweep_every <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("closing_sweep_every: must be more than 0");
  }
  if (o.close_undecided_after <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("close_undecided_after: must be more than 0");
  }
  return absl::OkStatus();
}

// The staff options, with the registry's write rate limit.
StaffOptions StaffOptionsOf(const RegistryOptions& o) {
  StaffOptions staff = o.staff;
  staff.writes_per_minute = o.writes_per_minute;
  return staff;
}

// The hashes of the service keys in `dir` (none when `dir` is empty).
absl::StatusOr<std::vector<ServiceKeyHash>> ServiceKeys(const std::string& dir) {
  if (dir.empty()) return std::vector<ServiceKeyHash>();
  return LoadServiceKeyHashes(dir);
}

}  // namespace

// Declared in the order they are built; destroyed in reverse, server first.
struct RegistryApp::Parts {
  Parts(const RegistryOptions& o, std::vector<ServiceKeyHash> service_keys, const Clock* clock)
      : redis(o.redis),
        keys(&redis),
        auth(&keys, clock,
             AuthenticatorOptions{.admin_key = o.admin_key,
                                  .service_keys = std::move(service_keys),
                                  .cache_ttl = kKeyCacheTtl}),
        erasures(&redis, &keys, &auth, o.event_block),
        store(&redis),
        view(&redis, &store, &catalog),
        writer(&store, &catalog, clock, o.writes_per_minute),
        closing(&store, &catalog, &writer, clock, o.close_undecided_after),
        limits(&redis, "registry:staff-"),
        staff_store(&redis),
        staff(&staff_store, &keys, &auth, &limits, &catalog, clock, StaffOptionsOf(o)),
        workers(o.workers, static_cast<size_t>(o.worker_queue)),
        password_pool(o.password_threads, static_cast<size_t>(o.password_queue)),
        service({.catalog = &catalog,
                 .view = &view,
                 .writer = &writer,
                 .auth = &auth,
                 .keys = &keys,
                 .workers = &workers,
                 .clock = clock,
                 .staff = &staff,
                 .password_pool = &password_pool}),
        server(o.server, &redis) {}

  RedisClient redis;
  ApiKeyStore keys;
  Authenticator auth;
  ErasureConsumer erasures;
  Catalog catalog;
  RegistryStore store;
  ViewSync view;
  RegistryWriter writer;
  ClosingSweep closing;
  AttemptLimits limits;
  StaffStore staff_store;
  StaffAccounts staff;
  WorkerPool workers;
  WorkerPool password_pool;
  RegistryService service;
  Server server;
  std::unique_ptr<Periodic> closing_timer;  // null when closing_sweep_every is infinite
  std::unique_ptr<Periodic> staff_timer;    // null when staff_sweep_every is infinite
};

absl::StatusOr<std::unique_ptr<RegistryApp>> RegistryApp::Start(RegistryOptions options,
                                                                const Clock* clock) {
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  options.server.service_name = "cadre.v1.Registry";
  absl::StatusOr<std::vector<ServiceKeyHash>> service_keys = ServiceKeys(options.service_keys_dir);
  if (!service_keys.ok()) return service_keys.status();
  auto parts = std::make_unique<Parts>(options, *std::move(service_keys), clock);
  parts->view.Start();
  parts->server.AddService(&parts->service);
  ViewSync* view = &parts->view;
  parts->server.SetReadinessCheck([view] { return view->IsFresh(); });
  if (absl::Status s = parts->server.Start(); !s.ok()) {
    parts->view.Stop();
    return s;
  }
  if (options.consume_matching_events) parts->erasures.Start();
  if (options.closing_sweep_every != absl::InfiniteDuration()) {
    ClosingSweep* closing = &parts->closing;
    ViewSync* fresh = &parts->view;
    parts->closing_timer = std::make_unique<Periodic>(options.closing_sweep_every, [=] {
      if (!fresh->IsFresh()) return;  // its candidates come from the view; next time
      absl::StatusOr<ClosingSweepCounts> counts = closing->RunOnce();
      if (!counts.ok()) {
        log::Warn("closing sweep failed", {{"error", std::string(counts.status().message())}});
      } else if (counts->applications_closed > 0 || counts->closed_undecided > 0) {
        log::Info("closing sweep",
                  {{"applications_closed", absl::StrCat(counts->applications_closed)},
                   {"closed_undecided", absl::StrCat(counts->closed_undecided)}});
      }
    });
  }
  if (options.staff_sweep_every != absl::InfiniteDuration()) {
    StaffAccounts* staff = &parts->staff;
    parts->staff_timer = std::make_unique<Periodic>(options.staff_sweep_every, [staff] {
      absl::StatusOr<int> removed = staff->SweepEmails();
      if (!removed.ok()) {
        log::Warn("staff email sweep failed", {{"error", std::string(removed.status().message())}});
      } else if (*removed > 0) {
        log::Info("removed deactivated staff emails", {{"count", absl::StrCat(*removed)}});
      }
    });
  }
  return std::unique_ptr<RegistryApp>(new RegistryApp(std::move(parts)));
}

RegistryApp::RegistryApp(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

RegistryApp::~RegistryApp() { Shutdown(); }

int RegistryApp::port() const { return parts_->server.port(); }
int RegistryApp::metrics_port() const { return parts_->server.metrics_port(); }
Server& RegistryApp::server() { return parts_->server; }
bool RegistryApp::IsFresh() const { return parts_->view.IsFresh(); }
bool RegistryApp::WaitUntilFresh(absl::Duration timeout) {
  return parts_->view.WaitUntilFresh(timeout);
}

WorkerPool& RegistryApp::WorkersForTest() { return parts_->workers; }

absl::StatusOr<ClosingSweepCounts> RegistryApp::SweepClosingNow() {
  return parts_->closing.RunOnce();
}

absl::StatusOr<int> RegistryApp::SweepStaffEmailsNow() { return parts_->staff.SweepEmails(); }

void RegistryApp::Shutdown() {
  if (parts_->closing_timer != nullptr) parts_->closing_timer->Stop();
  if (parts_->staff_timer != nullptr) parts_->staff_timer->Stop();
  parts_->server.Shutdown();
  parts_->erasures.Stop();
  parts_->view.Stop();
}

void RegistryApp::Wait() { parts_->server.Wait(); }

}  // namespace cadre::registry
