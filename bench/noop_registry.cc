#include "bench/noop_registry.h"

#include <algorithm>
#include <chrono>

#include "absl/strings/str_cat.h"
#include "bench/role_fixture.h"

namespace cadre::bench {

NoopRegistry::NoopRegistry(const NoopOptions& options) : canned_get_role_(options.canned_get_role) {
  std::vector<cadre::v1::Role> roles = CannedRoles(std::max(1, options.list_page_size));
  role_ = roles.front();
  for (int i = 0; i < options.list_page_size; ++i) {
    *page_.add_roles() = roles[i];
  }
  page_.set_next_page_token("bmV4dC1wYWdlLXRva2VuLWZvci10aGUtYmVuY2htYXJr");
}

grpc::ServerUnaryReactor* NoopRegistry::GetRole(grpc::CallbackServerContext* context,
                                                const cadre::v1::GetRoleRequest* request,
                                                cadre::v1::Role* response) {
  if (canned_get_role_) {
    *response = role_;
  }
  response->set_name(request->name());
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* NoopRegistry::ListRoles(grpc::CallbackServerContext* context,
                                                  const cadre::v1::ListRolesRequest* /*request*/,
                                                  cadre::v1::ListRolesResponse* response) {
  *response = page_;
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

absl::StatusOr<std::unique_ptr<NoopServer>> NoopServer::Start(const NoopOptions& options,
                                                              int port) {
  std::unique_ptr<NoopServer> noop(new NoopServer(options));
  grpc::ServerBuilder builder;
  builder.AddListeningPort(absl::StrCat("127.0.0.1:", port), grpc::InsecureServerCredentials(),
                           &noop->port_);
  builder.RegisterService(&noop->service_);
  noop->server_ = builder.BuildAndStart();
  if (noop->server_ == nullptr || noop->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("no-op server: cannot bind 127.0.0.1:", port));
  }
  return noop;
}

NoopServer::~NoopServer() {
  if (server_ != nullptr) {
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
    server_->Wait();
  }
}

}  // namespace cadre::bench
