#include "bench/matching_calls.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "bench/applicant_fixture.h"
#include "cadre/v1/matching.grpc.pb.h"
#include "grpcpp/generic/generic_stub.h"

namespace cadre::bench {
namespace {

using cadre::v1::Matching;

absl::Status ToAbsl(const grpc::Status& status, absl::string_view what) {
  if (status.ok()) {
    return absl::OkStatus();
  }
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", status.error_message()));
}

std::shared_ptr<grpc::Channel> NewChannel(const std::string& target, int channel_id) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt("cadre.bench_channel_id", channel_id);
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& key, absl::Duration deadline) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + absl::ToChronoNanoseconds(deadline));
  if (!key.empty()) {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", key));
  }
  return context;
}

CallMetadata Bearer(const std::string& key) { return {{"authorization", "Bearer " + key}}; }

// grpc.health.v1.HealthCheckResponse{status: SERVING} on the wire: field 1, varint 1.
constexpr char kServingAnswer[] = "\x08\x01";

// One health Check of `service` through the generic stub, so the benchmark needs no
// generated health stubs. Whether it answered SERVING.
bool HealthServing(grpc::GenericStub* stub, const std::string& service) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
  grpc::CompletionQueue cq;
  // HealthCheckRequest{service}: field 1, length-delimited (names under 128 bytes; none
  // at all for "", the server as a whole).
  std::string bytes;
  if (!service.empty()) {
    bytes = absl::StrCat("\x0a", std::string(1, static_cast<char>(service.size() & 0x7f)), service);
  }
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  grpc::Status status;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> reader =
      stub->PrepareUnaryCall(&context, "/grpc.health.v1.Health/Check", request, &cq);
  reader->StartCall();
  reader->Finish(&response, &status, reinterpret_cast<void*>(1));
  void* tag = nullptr;
  bool ok = false;
  cq.Next(&tag, &ok);
  cq.Shutdown();
  void* drained_tag = nullptr;
  bool drained_ok = false;
  while (cq.Next(&drained_tag, &drained_ok)) {
  }
  if (!ok || !status.ok()) {
    return false;
  }
  std::vector<grpc::Slice> slices;
  if (!response.Dump(&slices).ok()) {
    return false;
  }
  std::string answer;
  for (const grpc::Slice& part : slices) {
    answer.append(reinterpret_cast<const char*>(part.begin()), part.size());
  }
  return answer == std::string(kServingAnswer, 2);
}

}  // namespace

absl::StatusOr<std::vector<BenchApplicant>> SignUpApplicants(
    const std::string& target, const std::string& admin_key, const std::string& run, int count,
    int threads, const std::function<void(int i, cadre::v1::SignUpRequest*)>& adjust) {
  threads = std::clamp(threads, 1, std::max(1, count));
  std::unique_ptr<Matching::Stub> stub = Matching::NewStub(NewChannel(target, 0));
  std::vector<BenchApplicant> applicants(count);
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::mutex error_mu;
  absl::Status first_error;
  std::vector<std::thread> callers;
  callers.reserve(threads);
  for (int t = 0; t < threads; ++t) {
    callers.emplace_back([&] {
      for (int i = next.fetch_add(1); i < count && !failed.load(); i = next.fetch_add(1)) {
        cadre::v1::SignUpRequest request = BenchSignUp(run, i);
        if (adjust) {
          adjust(i, &request);
        }
        cadre::v1::SignUpResponse response;
        grpc::Status status;
        for (int attempt = 1; attempt <= 5; ++attempt) {
          // A sign-up hashes a password (tens of ms) and may queue behind others.
          status = stub->SignUp(Context(admin_key, absl::Seconds(30)).get(), request, &response);
          if (status.error_code() != grpc::StatusCode::UNAVAILABLE) {
            break;
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt));
        }
        if (!status.ok()) {
          std::lock_guard<std::mutex> lock(error_mu);
          if (!failed.exchange(true)) {
            first_error = ToAbsl(status, absl::StrCat("SignUp of applicant ", i));
          }
          return;
        }
        applicants[i] = {response.applicant().name(), request.email(), request.password(),
                         response.key()};
      }
    });
  }
  for (std::thread& caller : callers) {
    caller.join();
  }
  if (failed.load()) {
    return first_error;
  }
  return applicants;
}

absl::StatusOr<absl::Duration> WaitUntilHealthServing(const std::string& target,
                                                      const std::string& service, absl::Time since,
                                                      absl::Duration timeout) {
  if (service.size() >= 128) {
    return absl::InvalidArgumentError("health service name: under 128 bytes");
  }
  const absl::Time give_up = absl::Now() + timeout;
  int attempt = 0;
  while (absl::Now() < give_up) {
    // A fresh channel (and connection) each time: a channel whose first tries found
    // nothing listening waits out gRPC's reconnect backoff (1 s, growing 1.6 times each
    // time), which would add seconds to the time measured.
    grpc::GenericStub stub(NewChannel(target, ++attempt));
    if (HealthServing(&stub, service)) {
      return absl::Now() - since;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return absl::DeadlineExceededError(
      absl::StrCat(target, " not SERVING after ", absl::FormatDuration(timeout)));
}

absl::StatusOr<size_t> ProbeGetMyProfile(const std::string& target, const std::string& key,
                                         const std::string& expect_name) {
  std::unique_ptr<Matching::Stub> stub = Matching::NewStub(NewChannel(target, 0));
  cadre::v1::Applicant applicant;
  const grpc::Status status = stub->GetMyProfile(Context(key, absl::Seconds(5)).get(),
                                                 cadre::v1::GetMyProfileRequest(), &applicant);
  if (!status.ok()) {
    return ToAbsl(status, "GetMyProfile");
  }
  if (!expect_name.empty() &&
      (applicant.name() != expect_name || applicant.state() != cadre::v1::APPLICANT_STATE_ACTIVE)) {
    return absl::FailedPreconditionError(absl::StrCat("GetMyProfile answered ", applicant.name(),
                                                      " (state ", applicant.state(), "), not ",
                                                      expect_name));
  }
  return applicant.ByteSizeLong();
}

absl::Status ProbeSignIn(const std::string& target, const BenchApplicant& applicant) {
  std::unique_ptr<Matching::Stub> stub = Matching::NewStub(NewChannel(target, 0));
  cadre::v1::SignInRequest request;
  request.set_email(applicant.email);
  request.set_password(applicant.password);
  cadre::v1::SignInResponse response;
  const grpc::Status status =
      stub->SignIn(Context("", absl::Seconds(10)).get(), request, &response);
  if (!status.ok()) {
    return ToAbsl(status, "SignIn");
  }
  if (response.applicant() != applicant.name || response.key().empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("SignIn answered ", response.applicant(), ", not ", applicant.name));
  }
  return absl::OkStatus();
}

SlotFactory GetMyProfileSlots(const std::vector<BenchApplicant>* applicants, bool parse,
                              absl::Duration deadline) {
  auto made = std::make_shared<std::atomic<size_t>>(0);
  auto fill = [](std::mt19937_64& /*rng*/, cadre::v1::GetMyProfileRequest* /*request*/) {};
  return [applicants, parse, deadline, made,
          fill](const std::shared_ptr<grpc::Channel>& channel) -> std::unique_ptr<CallSlot> {
    const BenchApplicant& applicant = (*applicants)[made->fetch_add(1) % applicants->size()];
    if (parse) {
      return std::make_unique<
          TypedCallSlot<cadre::v1::GetMyProfileRequest, cadre::v1::Applicant, cadre::v1::Matching>>(
          channel, &Matching::Stub::PrepareAsyncGetMyProfile, fill, deadline,
          Bearer(applicant.key));
    }
    return std::make_unique<RawCallSlot<cadre::v1::GetMyProfileRequest>>(
        channel, "/cadre.v1.Matching/GetMyProfile", fill, deadline, Bearer(applicant.key));
  };
}

SlotFactory SignInSlots(const std::vector<BenchApplicant>* applicants, absl::Duration deadline) {
  auto fill = [applicants](std::mt19937_64& rng, cadre::v1::SignInRequest* request) {
    const BenchApplicant& applicant = (*applicants)[rng() % applicants->size()];
    request->set_email(applicant.email);
    request->set_password(applicant.password);
  };
  return
      [fill, deadline](const std::shared_ptr<grpc::Channel>& channel) -> std::unique_ptr<CallSlot> {
        return std::make_unique<RawCallSlot<cadre::v1::SignInRequest>>(
            channel, "/cadre.v1.Matching/SignIn", fill, deadline);
      };
}

}  // namespace cadre::bench
