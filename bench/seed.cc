#include "bench/seed.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <iostream>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "bench/role_fixture.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace cadre::bench {
namespace {

using cadre::v1::Registry;

absl::Status ToAbsl(const grpc::Status& status, absl::string_view what) {
  if (status.ok()) {
    return absl::OkStatus();
  }
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", status.error_message()));
}

std::unique_ptr<Registry::Stub> NewStub(const std::string& target, int channel_id) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt("cadre.bench_channel_id", channel_id);
  return Registry::NewStub(
      grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args));
}

// Runs `call` (which fills a fresh context's metadata and deadline and makes one call)
// up to 5 times while it answers UNAVAILABLE or RESOURCE_EXHAUSTED, backing off 100 ms,
// 200 ms, ... between tries. Creates are retried with the same request_id, so a retry
// never makes a second role.
grpc::Status WithRetries(const std::string& admin_key,
                         const std::function<grpc::Status(grpc::ClientContext*)>& call) {
  grpc::Status status;
  for (int attempt = 1; attempt <= 5; ++attempt) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (!admin_key.empty()) {
      context.AddMetadata("authorization", absl::StrCat("Bearer ", admin_key));
    }
    status = call(&context);
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE &&
        status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt));
  }
  return status;
}

}  // namespace

absl::Status WaitUntilServing(const std::string& target, absl::Duration timeout) {
  std::unique_ptr<Registry::Stub> stub = NewStub(target, 0);
  const absl::Time give_up = absl::Now() + timeout;
  grpc::Status status;
  while (absl::Now() < give_up) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
    cadre::v1::ListRolesRequest request;
    request.set_page_size(1);
    cadre::v1::ListRolesResponse response;
    status = stub->ListRoles(&context, request, &response);
    if (status.ok()) {
      return absl::OkStatus();
    }
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE &&
        status.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED) {
      return ToAbsl(status, "ListRoles while waiting for the registry");
    }
    // The channel's own reconnect backoff paces the retries when nothing listens yet.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return absl::DeadlineExceededError(absl::StrCat("registry at ", target, " not answering after ",
                                                  absl::FormatDuration(timeout), ": ",
                                                  status.error_message()));
}

absl::StatusOr<std::vector<std::string>> SeedRegistry(const std::string& target,
                                                      const SeedOptions& options) {
  std::unique_ptr<Registry::Stub> stub = NewStub(target, 0);
  std::vector<std::string> body_names;
  for (const cadre::v1::Body& body : BenchBodies(options.bodies)) {
    cadre::v1::CreateBodyRequest request;
    *request.mutable_body() = body;
    request.set_request_id(absl::StrCat("bench-body-", body.ods_code()));
    cadre::v1::Body created;
    grpc::Status status = WithRetries(options.admin_key, [&](grpc::ClientContext* context) {
      return stub->CreateBody(context, request, &created);
    });
    if (!status.ok() && status.error_code() != grpc::StatusCode::ALREADY_EXISTS) {
      return ToAbsl(status, absl::StrCat("CreateBody ", body.ods_code()));
    }
    body_names.push_back(absl::StrCat("bodies/", body.ods_code()));
  }

  // Writers share a few channels (one per 4 writers) so the seeding is not bound to one
  // connection; role i is written by thread i % threads.
  const int threads = std::max(1, options.threads);
  const absl::Time now = absl::Now();
  const std::string run = absl::StrCat(absl::ToUnixMicros(now));
  std::vector<std::unique_ptr<Registry::Stub>> stubs;
  stubs.reserve((threads + 3) / 4);
  for (int c = 0; c < (threads + 3) / 4; ++c) {
    stubs.push_back(NewStub(target, c + 1));
  }
  std::vector<std::vector<std::string>> names(threads);
  std::atomic<bool> failed{false};
  // Progress on stderr every tenth of the roles (at least every 1,000), for long seeds.
  std::atomic<int> done{0};
  const int progress_every = std::max(1000, options.roles / 10);
  const absl::Time started = absl::Now();
  std::mutex error_mu;
  absl::Status first_error;
  std::vector<std::thread> writers;
  writers.reserve(threads);
  for (int t = 0; t < threads; ++t) {
    writers.emplace_back([&, t] {
      Registry::Stub* writer = stubs[t / 4].get();
      for (int i = t; i < options.roles && !failed.load(); i += threads) {
        cadre::v1::CreateRoleRequest create;
        *create.mutable_role() = BenchRole(i, body_names, now);
        if (options.adjust) {
          options.adjust(i, create.mutable_role());
        }
        create.set_request_id(absl::StrCat("bench-", run, "-", i));
        cadre::v1::Role role;
        grpc::Status status = WithRetries(options.admin_key, [&](grpc::ClientContext* context) {
          return writer->CreateRole(context, create, &role);
        });
        cadre::v1::Role published;
        if (status.ok()) {
          cadre::v1::PublishRoleRequest publish;
          publish.set_name(role.name());
          status = WithRetries(options.admin_key, [&](grpc::ClientContext* context) {
            return writer->PublishRole(context, publish, &published);
          });
        }
        if (!status.ok()) {
          std::lock_guard<std::mutex> lock(error_mu);
          if (!failed.exchange(true)) {
            first_error = ToAbsl(status, absl::StrCat("seeding role ", i));
          }
          return;
        }
        names[t].push_back(role.name());
        if (const int n = done.fetch_add(1) + 1; n % progress_every == 0 && n < options.roles) {
          std::cerr << absl::StrFormat("seeding: %d of %d roles after %.1f s\n", n, options.roles,
                                       absl::ToDoubleSeconds(absl::Now() - started));
        }
      }
    });
  }
  for (std::thread& writer : writers) {
    writer.join();
  }
  if (failed.load()) {
    return first_error;
  }
  std::vector<std::string> all;
  for (auto& part : names) {
    all.insert(all.end(), part.begin(), part.end());
  }
  return all;
}

absl::StatusOr<std::vector<std::string>> ListOpenRoleNames(const std::string& target, int limit) {
  std::unique_ptr<Registry::Stub> stub = NewStub(target, 0);
  std::vector<std::string> names;
  cadre::v1::ListRolesRequest request;
  request.set_page_size(100);
  while (static_cast<int>(names.size()) < limit) {
    cadre::v1::ListRolesResponse response;
    grpc::Status status = WithRetries("", [&](grpc::ClientContext* context) {
      return stub->ListRoles(context, request, &response);
    });
    if (!status.ok()) {
      return ToAbsl(status, "ListRoles");
    }
    for (const cadre::v1::Role& role : response.roles()) {
      names.push_back(role.name());
    }
    if (response.next_page_token().empty() || response.roles_size() == 0) {
      break;
    }
    request.set_page_token(response.next_page_token());
  }
  if (static_cast<int>(names.size()) > limit) {
    names.resize(limit);
  }
  return names;
}

absl::StatusOr<AnswerSizes> ProbeAnswers(const std::string& target, const std::string& role_name,
                                         int page_size, bool check_filters) {
  std::unique_ptr<Registry::Stub> stub = NewStub(target, 0);
  AnswerSizes sizes;
  cadre::v1::GetRoleRequest get;
  get.set_name(role_name);
  cadre::v1::Role role;
  grpc::Status status = WithRetries(
      "", [&](grpc::ClientContext* context) { return stub->GetRole(context, get, &role); });
  if (!status.ok()) {
    return ToAbsl(status, absl::StrCat("GetRole ", role_name));
  }
  if (role.name() != role_name) {
    return absl::FailedPreconditionError(
        absl::StrCat("GetRole ", role_name, " answered ", role.name()));
  }
  sizes.get_role_bytes = role.ByteSizeLong();

  cadre::v1::ListRolesRequest list;
  list.set_region(cadre::v1::REGION_NATIONAL);
  list.set_level(cadre::v1::INVOLVEMENT_LEVEL_1);
  list.set_page_size(page_size);
  cadre::v1::ListRolesResponse page;
  status = WithRetries(
      "", [&](grpc::ClientContext* context) { return stub->ListRoles(context, list, &page); });
  if (!status.ok()) {
    return ToAbsl(status, "ListRoles");
  }
  if (page.roles_size() != page_size) {
    return absl::FailedPreconditionError(absl::StrCat("ListRoles (region, level) gave ",
                                                      page.roles_size(), " roles, not ", page_size,
                                                      ": seed at least 32 x page_size open roles"));
  }
  for (const cadre::v1::Role& listed : page.roles()) {
    if (check_filters &&
        (listed.location().region() != list.region() || listed.level() != list.level() ||
         listed.state() != cadre::v1::ROLE_STATE_OPEN)) {
      return absl::FailedPreconditionError(
          absl::StrCat("ListRoles returned ", listed.name(), " which does not match its filters"));
    }
  }
  sizes.list_roles_bytes = page.ByteSizeLong();
  return sizes;
}

}  // namespace cadre::bench
