#include "services/matching/matching_app.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <unistd.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/api_keys.h"
#include "services/common/attempt_limits.h"
#include "services/common/auth.h"
#include "services/common/logging.h"
#include "services/common/periodic.h"
#include "services/common/service_keys.h"
#include "services/common/worker_pool.h"
#include "services/matching/applicant_store.h"
#include "services/matching/matching_service.h"
#include "services/matching/placements.h"
#include "services/matching/profiles.h"
#include "services/matching/public_figures.h"
#include "services/matching/ranking.h"
#include "services/matching/registry_keys.h"
#include "services/matching/registry_roles.h"
#include "services/matching/role_endings.h"
#include "services/matching/secrets.h"
#include "services/matching/view/events_group.h"
#include "services/matching/view/role_view.h"

namespace cadre::matching {
namespace {

constexpr size_t kMinAdminKeyLength = 32;  // characters

absl::Status CheckOptions(const MatchingOptions& o) {
  if (!o.admin_key.empty() && o.admin_key.size() < kMinAdminKeyLength) {
    return absl::InvalidArgumentError(
        absl::StrCat("admin key: must be at least ", kMinAdminKeyLength, " characters"));
  }
  if (o.email_hmac_key.size() < kMinHmacKeyBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("email HMAC key: must be at least ", kMinHmacKeyBytes, " bytes"));
  }
  if (o.workers < 1) return absl::InvalidArgumentError("workers: must be at least 1");
  if (o.worker_queue < 1) return absl::InvalidArgumentError("worker_queue: must be at least 1");
  if (o.password_threads < 1) {
    return absl::InvalidArgumentError("password_threads: must be at least 1");
  }
  if (o.password_queue < 1) {
    return absl::InvalidArgumentError("password_queue: must be at least 1");
  }
  if (o.registry_target.empty()) return absl::InvalidArgumentError("registry: must be set");
  return absl::OkStatus();
}

// A name for this replica's consumer in the shared group: host name and pid.
std::string ConsumerName() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return absl::StrCat(host, "-", getpid());
}

}  // namespace

// Declared in the order they are built; destroyed in reverse, server first.
struct MatchingApp::Parts {
  Parts(const MatchingOptions& o, std::vector<ServiceKeyHash> service_keys, const Clock* clock)
      : redis(o.redis),
        keys(&redis),
        auth(&keys, clock,
             AuthenticatorOptions{.admin_key = o.admin_key,
                                  .service_keys = std::move(service_keys),
                                  .cache_ttl = absl::Seconds(5)}),
        store(&redis),
        limits(&redis, "matching:"),
        keyer(o.email_hmac_key),
        registry_channel(
            grpc::CreateChannel(o.registry_target, grpc::InsecureChannelCredentials())),
        registry(registry_channel, o.service_key, o.registry_deadline),
        accounts(&store, &limits, &registry, &keyer, clock, o.accounts),
        profiles(&store, clock, o.accounts.privacy_notice_version),
        credential_store(&redis),
        credentials(&credential_store, clock),
        equality(&store, clock),
        application_store(&redis),
        subject_access(&store, &credential_store, &application_store, &equality, &registry, clock),
        workers(o.workers, static_cast<size_t>(o.worker_queue)),
        password_pool(o.password_threads, static_cast<size_t>(o.password_queue)),
        view(&redis, RoleViewOptions{.registry = registry_channel, .service_key = o.service_key}),
        registry_roles(registry_channel, o.service_key, o.registry_deadline),
        fill_queue(&application_store, &registry_roles, clock, o.fill_queue),
        applications(&application_store, &store, &view.roles(), clock, o.applications,
                     [this] { fill_queue.Poke(); }),
        placements(&application_store, clock),
        ranking(&application_store, &applications, &view.roles(), &registry_roles, clock),
        figures(&application_store, &equality, clock),
        role_endings(&applications, &application_store, &registry_roles, &view),
        // Work done once per registry event, whichever replica does it: the live
        // applications of a role that ended are answered.
        events(
            redis, RegistryEventsGroupOptions{.consumer = ConsumerName()},
            [this](const cadre::v1::RegistryEvent& event, const std::string&) {
              return role_endings.Handle(event);
            },
            [this] { return role_endings.Reconcile(); }),
        service({.accounts = &accounts,
                 .profiles = &profiles,
                 .equality = &equality,
                 .subject_access = &subject_access,
                 .credentials = &credentials,
                 .applications = &applications,
                 .placements = &placements,
                 .ranking = &ranking,
                 .figures = &figures,
                 .auth = &auth,
                 .workers = &workers,
                 .password_pool = &password_pool,
                 .ready = [this] { return view.IsLoaded(); }}),
        server(o.server, &redis) {}

  RedisClient redis;
  ApiKeyStore keys;
  Authenticator auth;
  ApplicantStore store;
  AttemptLimits limits;
  EmailKeyer keyer;
  std::shared_ptr<grpc::Channel> registry_channel;
  RegistryKeys registry;
  Accounts accounts;
  Profiles profiles;
  CredentialStore credential_store;
  Credentials credentials;
  Equality equality;
  ApplicationStore application_store;
  SubjectAccess subject_access;
  WorkerPool workers;
  WorkerPool password_pool;
  RoleView view;
  RegistryRoles registry_roles;
  FillQueue fill_queue;
  Applications applications;
  Placements placements;
  Ranking ranking;
  PublicFigures figures;
  RoleEndings role_endings;
  RegistryEventsGroup events;
  MatchingService service;
  Server server;
  std::unique_ptr<Periodic> sweep;
  std::unique_ptr<Periodic> offer_sweep;
};

absl::StatusOr<std::unique_ptr<MatchingApp>> MatchingApp::Start(MatchingOptions options,
                                                                const Clock* clock) {
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  options.server.service_name = "cadre.v1.Matching";
  std::vector<ServiceKeyHash> service_keys;
  if (!options.service_keys_dir.empty()) {
    auto loaded = LoadServiceKeyHashes(options.service_keys_dir);
    if (!loaded.ok()) return loaded.status();
    service_keys = *std::move(loaded);
    // Its own key is in the directory unless given apart.
    if (options.service_key.empty()) {
      auto own = ReadOwnServiceKey(options.service_keys_dir, kMatchingService);
      if (!own.ok()) return own.status();
      options.service_key = *std::move(own);
    }
  }
  auto parts = std::make_unique<Parts>(options, std::move(service_keys), clock);
  parts->view.Start();
  parts->events.Start();
  parts->fill_queue.Start();
  parts->server.AddService(&parts->service);
  RoleView* view = &parts->view;
  parts->server.SetReadinessCheck([view] { return view->IsLoaded(); });
  if (absl::Status s = parts->server.Start(); !s.ok()) {
    parts->fill_queue.Stop();
    parts->events.Stop();
    parts->view.Stop();
    return s;
  }
  Accounts* accounts = &parts->accounts;
  parts->sweep = std::make_unique<Periodic>(options.sweep_every, [accounts] {
    absl::StatusOr<int> removed = accounts->SweepPending();
    if (!removed.ok()) {
      log::Warn("sweep of pending sign-ups failed",
                {{"error", std::string(removed.status().message())}});
    } else if (*removed > 0) {
      log::Info("removed pending sign-ups", {{"count", absl::StrCat(*removed)}});
    }
  });
  Applications* applications = &parts->applications;
  parts->offer_sweep = std::make_unique<Periodic>(options.offer_sweep_every, [applications] {
    absl::StatusOr<int> lapsed = applications->LapseDueOffers();
    if (!lapsed.ok()) {
      log::Warn("sweep of lapsed offers failed",
                {{"error", std::string(lapsed.status().message())}});
    } else if (*lapsed > 0) {
      log::Info("lapsed offers past their reply-by time", {{"count", absl::StrCat(*lapsed)}});
    }
  });
  return std::unique_ptr<MatchingApp>(new MatchingApp(std::move(parts)));
}

MatchingApp::MatchingApp(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

MatchingApp::~MatchingApp() { Shutdown(); }

int MatchingApp::port() const { return parts_->server.port(); }
int MatchingApp::metrics_port() const { return parts_->server.metrics_port(); }
Server& MatchingApp::server() { return parts_->server; }
absl::StatusOr<int> MatchingApp::SweepPendingNow() { return parts_->accounts.SweepPending(); }
absl::StatusOr<int> MatchingApp::LapseOffersNow() { return parts_->applications.LapseDueOffers(); }
absl::StatusOr<int> MatchingApp::RunFillQueueNow() { return parts_->fill_queue.RunOnce(); }
const OpenRoles& MatchingApp::open_roles() const { return parts_->view.roles(); }
int64_t MatchingApp::RegistryEventsHandled() const { return parts_->events.acknowledged(); }

void MatchingApp::Shutdown() {
  parts_->server.Shutdown();
  if (parts_->sweep != nullptr) parts_->sweep->Stop();
  if (parts_->offer_sweep != nullptr) parts_->offer_sweep->Stop();
  parts_->fill_queue.Stop();
  parts_->events.Stop();
  parts_->view.Stop();
}

bool MatchingApp::WaitUntilLoaded(absl::Duration timeout) {
  return parts_->view.WaitUntilLoaded(timeout);
}

void MatchingApp::Wait() { parts_->server.Wait(); }

}  // namespace cadre::matching
