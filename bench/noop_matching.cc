#include "bench/noop_matching.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "bench/applicant_fixture.h"
#include "bench/application_fixture.h"

namespace cadre::bench {

NoopMatching::NoopMatching() : applicant_(CannedApplicant()), application_(CannedApplication()) {}

grpc::ServerUnaryReactor* NoopMatching::GetMyProfile(
    grpc::CallbackServerContext* context, const cadre::v1::GetMyProfileRequest* /*request*/,
    cadre::v1::Applicant* response) {
  *response = applicant_;
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* NoopMatching::SubmitApplication(
    grpc::CallbackServerContext* context, const cadre::v1::SubmitApplicationRequest* /*request*/,
    cadre::v1::Application* response) {
  *response = application_;
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

absl::StatusOr<std::unique_ptr<NoopMatchingServer>> NoopMatchingServer::Start(int port) {
  std::unique_ptr<NoopMatchingServer> noop(new NoopMatchingServer());
  grpc::ServerBuilder builder;
  builder.AddListeningPort(absl::StrCat("127.0.0.1:", port), grpc::InsecureServerCredentials(),
                           &noop->port_);
  builder.RegisterService(&noop->service_);
  noop->server_ = builder.BuildAndStart();
  if (noop->server_ == nullptr || noop->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("no-op matching: cannot bind 127.0.0.1:", port));
  }
  return noop;
}

NoopMatchingServer::~NoopMatchingServer() {
  if (server_ != nullptr) {
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
    server_->Wait();
  }
}

}  // namespace cadre::bench
