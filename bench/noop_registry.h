#pragma once

// The benchmark's baseline: a Registry service on gRPC's callback API that answers at
// once, with no lookup, no auth check and no I/O, run in-process on a free loopback port.
// It measures what the framework, the load generator and the machine can do, so the
// registry's figures can be quoted as a ratio of it.
//
// Answer shapes (a choice, see BENCHMARKS.md):
// - GetRole answers a Role holding only the requested name (the issue's "answers at
//   once"), or, with `canned_get_role`, a full role of realistic size (~1 KB), to tell
//   the cost of the answer's size from the cost of the registry's own work;
// - ListRoles answers a canned page of `list_page_size` realistic roles, the size of the
//   page the registry returns: an empty answer would compare serialising 50 roles with
//   serialising nothing, which says nothing about the registry's own work.

#include <memory>

#include "absl/status/statusor.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace cadre::bench {

struct NoopOptions {
  bool canned_get_role = false;
  int list_page_size = 50;
};

// Thread-safe: the canned answers are immutable after construction.
class NoopRegistry final : public cadre::v1::Registry::CallbackService {
 public:
  explicit NoopRegistry(const NoopOptions& options);

  grpc::ServerUnaryReactor* GetRole(grpc::CallbackServerContext* context,
                                    const cadre::v1::GetRoleRequest* request,
                                    cadre::v1::Role* response) override;
  grpc::ServerUnaryReactor* ListRoles(grpc::CallbackServerContext* context,
                                      const cadre::v1::ListRolesRequest* request,
                                      cadre::v1::ListRolesResponse* response) override;

 private:
  bool canned_get_role_;
  cadre::v1::Role role_;
  cadre::v1::ListRolesResponse page_;
};

// The no-op service serving on 127.0.0.1:`port` (0: a port the kernel picks).
class NoopServer {
 public:
  // UNAVAILABLE if the server cannot bind.
  static absl::StatusOr<std::unique_ptr<NoopServer>> Start(const NoopOptions& options,
                                                           int port = 0);
  ~NoopServer();  // shuts the server down, cancelling calls still running

  int port() const { return port_; }
  // Blocks until the process is killed (for a no-op server in a process of its own).
  void Wait() { server_->Wait(); }

 private:
  explicit NoopServer(const NoopOptions& options) : service_(options) {}

  NoopRegistry service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace cadre::bench
