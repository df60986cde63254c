#include "services/gateway/gateway_app.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "services/common/base/errors.h"
#include "services/common/base/status_macros.h"
#include "services/common/metrics.h"
#include "services/common/metrics_http.h"
#include "services/common/secret_file.h"
#include "services/common/service_keys.h"
#include "services/gateway/connect/connect_routes.h"
#include "services/gateway/http/static_assets.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/render/templates.h"
#include "services/gateway/sessions/session_store.h"

namespace cadre::gateway {
namespace {

constexpr char kGatewaySubject[] = "gateway";
constexpr size_t kMaxOpenApiBytes = 8 << 20;

absl::StatusOr<std::string> ReadOpenApi(const std::string& web_root) {
  const std::string path = absl::StrCat(web_root, "/openapi.json");
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidField("web_root", absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().size() > kMaxOpenApiBytes) {
    return InvalidField("web_root", absl::StrCat(path, " is larger than ", kMaxOpenApiBytes));
  }
  return text.str();
}

}  // namespace

struct GatewayApp::Parts {
  GatewayOptions options;
  std::unique_ptr<StaticAssets> assets;
  std::unique_ptr<Templates> templates;
  std::string openapi;
  std::unique_ptr<Upstream> upstream;
  std::unique_ptr<RedisClient> redis;
  std::unique_ptr<SessionStore> sessions;
  MetricsRegistry metrics;
  PageDeps deps;
  std::unique_ptr<FrontDoor> door;
  std::unique_ptr<internal::MetricsHttpServer> metrics_http;
};

absl::StatusOr<std::unique_ptr<GatewayApp>> GatewayApp::Start(GatewayOptions options,
                                                              const Clock* clock) {
  if (options.web_root.empty()) return InvalidField("web_root", "is required");
  auto parts = std::make_unique<Parts>();
  CADRE_ASSIGN_OR_RETURN(parts->assets, StaticAssets::Load(options.web_root + "/static"));
  CADRE_ASSIGN_OR_RETURN(parts->templates, Templates::Load(options.web_root + "/templates"));
  for (const char* required : {"layout", "error"}) {
    if (!parts->templates->Has(required)) {
      return InvalidField("web_root", absl::StrCat("templates/", required, ".mustache is missing"));
    }
  }
  CADRE_ASSIGN_OR_RETURN(parts->openapi, ReadOpenApi(options.web_root));
  if (options.upstream.service_key.empty() && !options.service_keys_dir.empty()) {
    CADRE_ASSIGN_OR_RETURN(options.upstream.service_key,
                           ReadOwnServiceKey(options.service_keys_dir, kGatewaySubject));
  }
  CADRE_ASSIGN_OR_RETURN(parts->upstream, Upstream::Create(options.upstream));
  if (options.session_key_file.empty()) {
    return InvalidField("session_key_file",
                        "is required (make run makes .run/gateway-session.key)");
  }
  CADRE_ASSIGN_OR_RETURN(const std::string session_keys, ReadSecretFile(options.session_key_file));
  CADRE_ASSIGN_OR_RETURN(SessionSeal seal, SessionSeal::Parse(session_keys));
  // Redis may be down at start-up: sessions answer UNAVAILABLE until it is back, and the
  // public pages work meanwhile.
  parts->redis = std::make_unique<RedisClient>(options.redis);
  parts->sessions =
      std::make_unique<SessionStore>(parts->redis.get(), std::move(seal), clock,
                                     SessionStoreOptions{.idle = options.session_idle});
  parts->options = std::move(options);
  const GatewayOptions& o = parts->options;

  parts->deps = PageDeps{.upstream = parts->upstream.get(),
                         .templates = parts->templates.get(),
                         .assets = parts->assets.get(),
                         .clock = clock,
                         .public_url = o.public_url,
                         .sessions = parts->sessions.get(),
                         .privacy_notice_version = o.privacy_notice_version};
  parts->door = std::make_unique<FrontDoor>(o.http, clock, &parts->metrics);
  FrontDoor& door = *parts->door;
  const PageDeps* deps = &parts->deps;
  door.SetErrorPage([deps](int status, const HttpRequest& request, HttpResponse* response) {
    RenderErrorPage(*deps, status, request, response);
  });
  door.ServeStatic(parts->assets.get());
  const std::string* openapi = &parts->openapi;
  door.Route("GET", "/openapi.json", {.name = "openapi"},
             [openapi](const HttpRequest&, HttpResponse* response) {
               response->content_type = "application/json";
               response->body = *openapi;
               response->SetHeader("Cache-Control", "public, max-age=3600");
               response->SetHeader("Access-Control-Allow-Origin", "*");
             });
  AddPublicPages(&door, deps);
  AddConnectRoutes(&door, parts->upstream.get());
  CADRE_RETURN_IF_ERROR(door.Start());

  if (o.metrics_port >= 0) {
    FrontDoor* serving = &door;
    parts->metrics_http = std::make_unique<internal::MetricsHttpServer>(
        &parts->metrics, [serving] { return serving->port() > 0; });
    CADRE_RETURN_IF_ERROR(parts->metrics_http->Start(o.metrics_host, o.metrics_port));
  }
  return std::unique_ptr<GatewayApp>(new GatewayApp(std::move(parts)));
}

GatewayApp::GatewayApp(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

GatewayApp::~GatewayApp() { Shutdown(); }

int GatewayApp::port() const { return parts_->door->port(); }

int GatewayApp::metrics_port() const {
  return parts_->metrics_http == nullptr ? -1 : parts_->metrics_http->port();
}

FrontDoor& GatewayApp::server() { return *parts_->door; }

void GatewayApp::Shutdown() {
  parts_->door->Shutdown();
  if (parts_->metrics_http != nullptr) parts_->metrics_http->Stop();
}

void GatewayApp::Wait() { parts_->door->Wait(); }

}  // namespace cadre::gateway
