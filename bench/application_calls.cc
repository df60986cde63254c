#include "bench/application_calls.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "bench/application_fixture.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace cadre::bench {
namespace {

using cadre::v1::Matching;

constexpr absl::Duration kCallDeadline = absl::Seconds(10);
// The live states, as a person can withdraw from them.
constexpr cadre::v1::ApplicationState kLiveStates[] = {
    cadre::v1::APPLICATION_STATE_SUBMITTED, cadre::v1::APPLICATION_STATE_ACKNOWLEDGED,
    cadre::v1::APPLICATION_STATE_SHORTLISTED, cadre::v1::APPLICATION_STATE_OFFERED};
// Pages of 100 (the most): an applicant holds at most --max_live_applications (≤ 100).
constexpr int kPage = 100;

absl::Status ToAbsl(const grpc::Status& status, absl::string_view what) {
  if (status.ok()) {
    return absl::OkStatus();
  }
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", status.error_message()));
}

std::shared_ptr<grpc::Channel> NewChannel(const std::string& target) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt("cadre.bench_channel_id", 0);
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& key) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        absl::ToChronoNanoseconds(kCallDeadline));
  if (!key.empty()) {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", key));
  }
  return context;
}

// How many of `response`'s applicant's applications are in `state`, before filters.
int Awaiting(const cadre::v1::ListApplicationsResponse& response,
             cadre::v1::ApplicationState state) {
  switch (state) {
    case cadre::v1::APPLICATION_STATE_SUBMITTED:
      return response.awaiting_acknowledgement();
    case cadre::v1::APPLICATION_STATE_ACKNOWLEDGED:
      return response.awaiting_shortlisting();
    case cadre::v1::APPLICATION_STATE_SHORTLISTED:
      return response.awaiting_offer();
    case cadre::v1::APPLICATION_STATE_OFFERED:
      return response.awaiting_reply();
    default:
      return 0;
  }
}

}  // namespace

absl::StatusOr<std::string> CreateBodyKey(const std::string& registry, const std::string& admin_key,
                                          const std::string& body) {
  std::unique_ptr<cadre::v1::Registry::Stub> stub =
      cadre::v1::Registry::NewStub(NewChannel(registry));
  cadre::v1::CreateApiKeyRequest request;
  request.set_kind(cadre::v1::PRINCIPAL_KIND_BODY);
  request.set_subject(body);
  request.set_label("applications benchmark");
  cadre::v1::CreateApiKeyResponse response;
  const grpc::Status status = stub->CreateApiKey(Context(admin_key).get(), request, &response);
  if (!status.ok()) {
    return ToAbsl(status, absl::StrCat("CreateApiKey for ", body));
  }
  return response.secret();
}

absl::StatusOr<std::vector<cadre::v1::RoleState>> RoleStates(
    const std::string& registry, const std::string& admin_key,
    const std::vector<std::string>& roles) {
  std::unique_ptr<cadre::v1::Registry::Stub> stub =
      cadre::v1::Registry::NewStub(NewChannel(registry));
  std::vector<cadre::v1::RoleState> states;
  for (const std::string& name : roles) {
    cadre::v1::GetRoleRequest request;
    request.set_name(name);
    cadre::v1::Role role;
    const grpc::Status status = stub->GetRole(Context(admin_key).get(), request, &role);
    if (!status.ok()) {
      return ToAbsl(status, absl::StrCat("GetRole ", name));
    }
    states.push_back(role.state());
  }
  return states;
}

absl::Status ParallelFor(int count, int threads, const std::function<absl::Status(int)>& task) {
  threads = std::clamp(threads, 1, std::max(1, std::min(count, 256)));
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::mutex error_mu;
  absl::Status first_error;
  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (int i = next.fetch_add(1); i < count && !failed.load(); i = next.fetch_add(1)) {
        absl::Status status = task(i);
        if (!status.ok()) {
          std::lock_guard<std::mutex> lock(error_mu);
          if (!failed.exchange(true)) {
            first_error = std::move(status);
          }
          return;
        }
      }
    });
  }
  for (std::thread& worker : workers) {
    worker.join();
  }
  return first_error;
}

ApplicationCalls::ApplicationCalls(const std::string& target)
    : stub_(Matching::NewStub(NewChannel(target))) {}

absl::StatusOr<cadre::v1::Application> ApplicationCalls::Submit(const std::string& key,
                                                                const std::string& role,
                                                                absl::Duration wait_for_view) {
  cadre::v1::SubmitApplicationRequest request;
  request.set_role(role);
  request.set_statement(kBenchStatement);
  const absl::Time give_up = absl::Now() + wait_for_view;
  while (true) {
    cadre::v1::Application application;
    const grpc::Status status = stub_->SubmitApplication(Context(key).get(), request, &application);
    if (status.ok()) {
      return application;
    }
    const bool not_in_view = status.error_code() == grpc::StatusCode::FAILED_PRECONDITION &&
                             absl::StrContains(status.error_message(), "is not open");
    if (!not_in_view || absl::Now() >= give_up) {
      return ToAbsl(status, absl::StrCat("SubmitApplication to ", role));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

absl::StatusOr<cadre::v1::Application> ApplicationCalls::Move(const std::string& key,
                                                              const std::string& name,
                                                              cadre::v1::ApplicationState to) {
  cadre::v1::MoveApplicationRequest request;
  request.set_name(name);
  request.set_state(to);
  cadre::v1::Application application;
  const grpc::Status status = stub_->MoveApplication(Context(key).get(), request, &application);
  if (!status.ok()) {
    return ToAbsl(status, absl::StrCat("MoveApplication of ", name, " to ",
                                       cadre::v1::ApplicationState_Name(to)));
  }
  return application;
}

absl::StatusOr<int> ApplicationCalls::WithdrawAllLive(const std::string& key) {
  int withdrawn = 0;
  // The first answer's counts (taken before the state filter) say which other live
  // states hold any; each state is listed again until its first page comes back empty,
  // as every application withdrawn leaves the filter.
  bool others_live = true;
  for (cadre::v1::ApplicationState state : kLiveStates) {
    if (!others_live) {
      break;
    }
    // Bounded: each round withdraws a full page or ends the state.
    for (int round = 0; round < 1000; ++round) {
      cadre::v1::ListApplicationsRequest request;
      request.set_state(state);
      request.set_page_size(kPage);
      cadre::v1::ListApplicationsResponse page;
      const grpc::Status status = stub_->ListApplications(Context(key).get(), request, &page);
      if (!status.ok()) {
        return ToAbsl(status, "ListApplications");
      }
      if (round == 0 && state == kLiveStates[0]) {
        int others = 0;
        for (cadre::v1::ApplicationState s : kLiveStates) {
          others += s == state ? 0 : Awaiting(page, s);
        }
        others_live = others > 0;
      }
      if (page.applications_size() == 0) {
        break;
      }
      for (const cadre::v1::Application& application : page.applications()) {
        absl::StatusOr<cadre::v1::Application> moved =
            Move(key, application.name(), cadre::v1::APPLICATION_STATE_WITHDRAWN);
        // Matching may be answering an offer meanwhile (its role filled): then the
        // application is no longer live (FAILED_PRECONDITION), or changed under this call
        // (ABORTED) and, if still live, is listed again in the next round.
        if (!moved.ok() && moved.status().code() != absl::StatusCode::kFailedPrecondition &&
            moved.status().code() != absl::StatusCode::kAborted) {
          return moved.status();
        }
        withdrawn += moved.ok() ? 1 : 0;
      }
    }
  }
  return withdrawn;
}

absl::StatusOr<std::vector<cadre::v1::Placement>> ApplicationCalls::PlacementsOfRole(
    const std::string& body_key, const std::string& role) {
  std::vector<cadre::v1::Placement> placements;
  cadre::v1::ListPlacementsRequest request;
  request.set_role(role);
  request.set_page_size(kPage);
  for (int round = 0; round < 1000; ++round) {
    cadre::v1::ListPlacementsResponse page;
    const grpc::Status status = stub_->ListPlacements(Context(body_key).get(), request, &page);
    if (!status.ok()) {
      return ToAbsl(status, absl::StrCat("ListPlacements of ", role));
    }
    placements.insert(placements.end(), page.placements().begin(), page.placements().end());
    if (page.next_page_token().empty()) {
      break;
    }
    request.set_page_token(page.next_page_token());
  }
  return placements;
}

absl::Status ApplicationCalls::CompletePlacement(const std::string& body_key,
                                                 const std::string& placement) {
  cadre::v1::EndPlacementRequest request;
  request.set_name(placement);
  request.set_state(cadre::v1::PLACEMENT_STATE_COMPLETED);
  cadre::v1::Placement ended;
  return ToAbsl(stub_->EndPlacement(Context(body_key).get(), request, &ended),
                absl::StrCat("EndPlacement of ", placement));
}

absl::Status ApplicationCalls::GrantCredential(const std::string& key, const std::string& applicant,
                                               const std::string& kind) {
  auto set_date = [](absl::Time t, cadre::v1::Date* date) {
    const absl::CivilDay day = absl::ToCivilDay(t, absl::UTCTimeZone());
    date->set_year(static_cast<int32_t>(day.year()));
    date->set_month(day.month());
    date->set_day(day.day());
  };
  cadre::v1::GrantCredentialRequest request;
  request.set_applicant(applicant);
  cadre::v1::Credential* credential = request.mutable_credential();
  credential->set_kind(kind);
  const absl::Time now = absl::Now();
  if (absl::StartsWith(kind, "dbs-")) {
    set_date(now - absl::Hours(24 * 30), credential->mutable_issue_date());
  }
  set_date(now + absl::Hours(24 * 365), credential->mutable_expiry_date());
  cadre::v1::Credential granted;
  return ToAbsl(stub_->GrantCredential(Context(key).get(), request, &granted),
                absl::StrCat("GrantCredential ", kind, " to ", applicant));
}

absl::StatusOr<cadre::v1::RecommendRolesResponse> ApplicationCalls::Recommend(
    const std::string& key, int page_size) {
  cadre::v1::RecommendRolesRequest request;
  request.set_page_size(page_size);
  cadre::v1::RecommendRolesResponse response;
  const grpc::Status status = stub_->RecommendRoles(Context(key).get(), request, &response);
  if (!status.ok()) {
    return ToAbsl(status, "RecommendRoles");
  }
  return response;
}

absl::StatusOr<int> WithdrawEverything(ApplicationCalls& calls,
                                       const std::vector<BenchApplicant>& applicants, int threads) {
  std::atomic<int> withdrawn{0};
  absl::Status status = ParallelFor(static_cast<int>(applicants.size()), threads, [&](int i) {
    absl::StatusOr<int> n = calls.WithdrawAllLive(applicants[i].key);
    if (!n.ok()) {
      return n.status();
    }
    withdrawn += *n;
    return absl::OkStatus();
  });
  if (!status.ok()) {
    return status;
  }
  return withdrawn.load();
}

SlotFactory RecommendRolesSlots(const std::vector<BenchApplicant>* applicants, int page_size,
                                bool parse, absl::Duration deadline) {
  auto made = std::make_shared<std::atomic<size_t>>(0);
  auto fill = [page_size](std::mt19937_64& /*rng*/, cadre::v1::RecommendRolesRequest* request) {
    request->set_page_size(page_size);
  };
  return [applicants, parse, deadline, made,
          fill](const std::shared_ptr<grpc::Channel>& channel) -> std::unique_ptr<CallSlot> {
    const BenchApplicant& applicant = (*applicants)[made->fetch_add(1) % applicants->size()];
    CallMetadata key = {{"authorization", "Bearer " + applicant.key}};
    if (parse) {
      return std::make_unique<TypedCallSlot<cadre::v1::RecommendRolesRequest,
                                            cadre::v1::RecommendRolesResponse, Matching>>(
          channel, &Matching::Stub::PrepareAsyncRecommendRoles, fill, deadline, std::move(key));
    }
    return std::make_unique<RawCallSlot<cadre::v1::RecommendRolesRequest>>(
        channel, "/cadre.v1.Matching/RecommendRoles", fill, deadline, std::move(key));
  };
}

SubmitPlan::SubmitPlan(const std::vector<BenchApplicant>* applicants,
                       const std::vector<std::string>* roles, int in_flight)
    : roles_(roles),
      in_flight_(std::max(1, in_flight)),
      per_slot_(static_cast<int>(applicants->size()) / in_flight_),
      applicant_count_(static_cast<int>(applicants->size())),
      applied_(new std::atomic<int64_t>[applicants->size()]) {
  bearer_.reserve(applicants->size());
  for (size_t a = 0; a < applicants->size(); ++a) {
    bearer_.push_back("Bearer " + (*applicants)[a].key);
    applied_[a] = 0;
  }
}

SlotFactory SubmitPlan::Slots(absl::Duration deadline) {
  auto made = std::make_shared<std::atomic<int>>(0);
  return [this, made,
          deadline](const std::shared_ptr<grpc::Channel>& channel) -> std::unique_ptr<CallSlot> {
    const int slot = made->fetch_add(1) % in_flight_;
    const size_t role_count = roles_->size();
    const size_t spread = std::max<size_t>(1, role_count / std::max(1, applicant_count_));
    // The slot's own state: how many calls it has made.
    auto fill = [this, slot, role_count, spread, calls = int64_t{0}](
                    std::mt19937_64& /*rng*/, cadre::v1::SubmitApplicationRequest* request,
                    CallMetadata* metadata) mutable {
      const int a = slot + static_cast<int>(calls++ % std::max(1, per_slot_)) * in_flight_;
      const int64_t n = applied_[a].fetch_add(1, std::memory_order_relaxed);
      request->set_role(
          (*roles_)[(static_cast<size_t>(a) * spread + static_cast<size_t>(n)) % role_count]);
      request->set_statement(kBenchStatement);
      metadata->emplace_back("authorization", bearer_[a]);
    };
    return std::make_unique<RawCallSlot<cadre::v1::SubmitApplicationRequest>>(
        channel, "/cadre.v1.Matching/SubmitApplication",
        RawCallSlot<cadre::v1::SubmitApplicationRequest>::FillWithMetadata(std::move(fill)),
        deadline);
  };
}

SlotFactory AcceptSlots(const std::vector<BenchApplicant>* applicants,
                        const std::vector<std::vector<std::string>>* offers,
                        absl::Duration deadline) {
  auto made = std::make_shared<std::atomic<size_t>>(0);
  return [applicants, offers, made,
          deadline](const std::shared_ptr<grpc::Channel>& channel) -> std::unique_ptr<CallSlot> {
    const size_t k = made->fetch_add(1) % offers->size();
    const std::vector<std::string>* mine = &(*offers)[k];
    auto fill = [mine, next = size_t{0}](std::mt19937_64& /*rng*/,
                                         cadre::v1::MoveApplicationRequest* request) mutable {
      request->set_name((*mine)[next++ % mine->size()]);
      request->set_state(cadre::v1::APPLICATION_STATE_ACCEPTED);
    };
    return std::make_unique<RawCallSlot<cadre::v1::MoveApplicationRequest>>(
        channel, "/cadre.v1.Matching/MoveApplication",
        RawCallSlot<cadre::v1::MoveApplicationRequest>::Fill(std::move(fill)), deadline,
        CallMetadata{{"authorization", "Bearer " + (*applicants)[k].key}});
  };
}

}  // namespace cadre::bench
