#pragma once

// The matching benchmarks' baseline: a Matching service on gRPC's callback API whose
// GetMyProfile answers a canned Applicant of realistic size (CannedApplicant: the shape
// and about the size of what the matching service returns), and SubmitApplication a
// canned Application (CannedApplication, likewise), at once, with no auth check, no
// lookup and no I/O. A bare grpc::ServerBuilder service on a loopback port, as
// noop_registry.h's is, so that the matching service's figures read as a ratio of what
// the framework, the load generator and the machine can do. Every other method answers
// UNIMPLEMENTED.

#include <memory>

#include "absl/status/statusor.h"
#include "cadre/v1/matching.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace cadre::bench {

// Thread-safe: the canned answers are immutable after construction.
class NoopMatching final : public cadre::v1::Matching::CallbackService {
 public:
  NoopMatching();

  grpc::ServerUnaryReactor* GetMyProfile(grpc::CallbackServerContext* context,
                                         const cadre::v1::GetMyProfileRequest* request,
                                         cadre::v1::Applicant* response) override;
  grpc::ServerUnaryReactor* SubmitApplication(grpc::CallbackServerContext* context,
                                              const cadre::v1::SubmitApplicationRequest* request,
                                              cadre::v1::Application* response) override;

 private:
  cadre::v1::Applicant applicant_;
  cadre::v1::Application application_;
};

// The no-op service serving on 127.0.0.1:`port` (0: a port the kernel picks).
class NoopMatchingServer {
 public:
  // UNAVAILABLE if the server cannot bind.
  static absl::StatusOr<std::unique_ptr<NoopMatchingServer>> Start(int port = 0);
  ~NoopMatchingServer();  // shuts the server down, cancelling calls still running

  int port() const { return port_; }
  // Blocks until the process is killed (for a no-op server in a process of its own).
  void Wait() { server_->Wait(); }

 private:
  NoopMatchingServer() = default;

  NoopMatching service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace cadre::bench
