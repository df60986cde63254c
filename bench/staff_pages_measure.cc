#include "bench/staff_pages_measure.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/applications_report.h"
#include "bench/report.h"
#include "bench/server_timing.h"
#include "cadre/v1/matching.grpc.pb.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace cadre::bench {
namespace {

constexpr char kRolePage[] = "anonymous /roles/{id}";
constexpr char kApplicantsPage[] = "recruiter /staff/roles/{id}/applicants";
constexpr char kGetRole[] = "GetRole (registry, staff key)";
constexpr char kListApplications[] = "ListApplications of the role (page_size 1)";
constexpr char kRankApplicants[] = "RankApplicants (page_size 50)";
// What the page asks matching for (services/gateway/pages/staff_applicants_page.cc).
constexpr int kPageRows = 50;
// Each applicant's row links to their application: one of these a row.
constexpr char kRowMarker[] = "href=\"/staff/applications/";

HttpCall Get(const std::string& path, const std::string& cookie) {
  HttpCall call;
  call.path = path;
  if (!cookie.empty()) call.headers.emplace_back("Cookie", cookie);
  return call;
}

int CountRows(const std::string& body) {
  int rows = 0;
  for (size_t at = body.find(kRowMarker); at != std::string::npos;
       at = body.find(kRowMarker, at + 1)) {
    ++rows;
  }
  return rows;
}

// "" when the applicants page lists `want` rows, else why not.
std::string CheckRows(const std::string& body, int want) {
  const int rows = CountRows(body);
  return rows == want ? "" : absl::StrCat("the applicants page listed ", rows, " rows, not ", want);
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& key) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  context->AddMetadata("authorization", absl::StrCat("Bearer ", key));
  return context;
}

// One of each gRPC call with the staff key, checked; the answers' sizes for the report.
absl::Status ProbeCalls(const StaffPagesSetup& s, int rows, std::string* sizes) {
  auto matching = cadre::v1::Matching::NewStub(
      grpc::CreateChannel(s.matching, grpc::InsecureChannelCredentials()));
  auto registry = cadre::v1::Registry::NewStub(
      grpc::CreateChannel(s.registry, grpc::InsecureChannelCredentials()));
  cadre::v1::GetRoleRequest get;
  get.set_name(s.role);
  cadre::v1::Role role;
  grpc::Status status = registry->GetRole(Context(s.staff_key).get(), get, &role);
  if (!status.ok()) return absl::FailedPreconditionError("GetRole: " + status.error_message());
  cadre::v1::ListApplicationsRequest list;
  list.set_role(s.role);
  list.set_page_size(1);
  cadre::v1::ListApplicationsResponse counts;
  status = matching->ListApplications(Context(s.staff_key).get(), list, &counts);
  if (!status.ok()) {
    return absl::FailedPreconditionError("ListApplications: " + status.error_message());
  }
  const int awaiting = counts.awaiting_acknowledgement() + counts.awaiting_shortlisting() +
                       counts.awaiting_offer() + counts.awaiting_reply();
  if (awaiting != s.live_applications) {
    return absl::FailedPreconditionError(absl::StrCat(
        "ListApplications counts ", awaiting, " awaiting a step, not ", s.live_applications));
  }
  cadre::v1::RankApplicantsRequest rank;
  rank.set_role(s.role);
  rank.set_page_size(kPageRows);
  cadre::v1::RankApplicantsResponse ranked;
  status = matching->RankApplicants(Context(s.staff_key).get(), rank, &ranked);
  if (!status.ok()) {
    return absl::FailedPreconditionError("RankApplicants: " + status.error_message());
  }
  if (ranked.total() != s.live_applications || ranked.applicants_size() != rows) {
    return absl::FailedPreconditionError(
        absl::StrCat("RankApplicants ranked ", ranked.total(), " and answered ",
                     ranked.applicants_size(), ", not ", s.live_applications, " and ", rows));
  }
  absl::StrAppendFormat(sizes,
                        "Answers' sizes (serialised): GetRole %d bytes, ListApplications "
                        "(page_size 1) %d bytes, RankApplicants (%d of %d ranked) %d bytes",
                        role.ByteSizeLong(), counts.ByteSizeLong(), ranked.applicants_size(),
                        ranked.total(), ranked.ByteSizeLong());
  return absl::OkStatus();
}

// The gRPC slots of the three calls, each call with the staff key.
SlotFactory CallSlots(const std::string& label, const StaffPagesSetup& s, absl::Duration deadline) {
  const CallMetadata key = {{"authorization", "Bearer " + s.staff_key}};
  const std::string role = s.role;
  if (label == kGetRole) {
    return [key, role, deadline](const std::shared_ptr<grpc::Channel>& channel) {
      return std::make_unique<RawCallSlot<cadre::v1::GetRoleRequest>>(
          channel, "/cadre.v1.Registry/GetRole",
          [role](std::mt19937_64&, cadre::v1::GetRoleRequest* r) { r->set_name(role); }, deadline,
          key);
    };
  }
  if (label == kListApplications) {
    return [key, role, deadline](const std::shared_ptr<grpc::Channel>& channel) {
      return std::make_unique<RawCallSlot<cadre::v1::ListApplicationsRequest>>(
          channel, "/cadre.v1.Matching/ListApplications",
          [role](std::mt19937_64&, cadre::v1::ListApplicationsRequest* r) {
            r->set_role(role);
            r->set_page_size(1);
          },
          deadline, key);
    };
  }
  return [key, role, deadline](const std::shared_ptr<grpc::Channel>& channel) {
    return std::make_unique<RawCallSlot<cadre::v1::RankApplicantsRequest>>(
        channel, "/cadre.v1.Matching/RankApplicants",
        [role](std::mt19937_64&, cadre::v1::RankApplicantsRequest* r) {
          r->set_role(role);
          r->set_page_size(kPageRows);
        },
        deadline, key);
  };
}

// FAILED_PRECONDITION naming the first measurement of `run` with an error or no answer.
absl::Status EveryAnswerOk(const Run& run) {
  for (const Measurement& m : run) {
    if (m.result.errors > 0 || m.result.calls == 0) {
      return absl::FailedPreconditionError(
          absl::StrCat(m.target, " at ", m.in_flight, " in flight: ", m.result.errors,
                       " errors in ", m.result.errors + m.result.calls, " answers; first: ",
                       m.result.first_error.empty() ? "none answered" : m.result.first_error));
    }
  }
  return absl::OkStatus();
}

// The page's mean upstream beside its two calls' p50s added up (GetRole, RankApplicants:
// ListApplications is measured as what the counts cost when listed, which the page no
// longer asks), medians over runs.
std::string UpstreamLine(const std::vector<Run>& runs, const std::vector<ServerTimings>& timings,
                         int in_flight) {
  std::vector<double> upstream;
  for (const ServerTimings& t : timings) {
    if (const auto found = t.find(kApplicantsPage); found != t.end()) {
      upstream.push_back(found->second.MeanMs("upstream"));
    }
  }
  auto sum_at = [&runs](int n) {
    std::vector<double> sums;
    for (const Run& run : runs) {
      double sum = 0;
      for (const char* call : {kGetRole, kRankApplicants}) {
        if (const Measurement* m = FindMeasurement(run, call, n)) sum += m->result.p50_ms;
      }
      sums.push_back(sum);
    }
    return MedianRange(sums, 2);
  };
  return absl::StrCat(
      "The applicants page's mean upstream time: ", MedianRange(upstream, 2),
      " ms. Its two calls' (GetRole, RankApplicants) p50s added up, alone over gRPC: ", sum_at(1),
      " ms at 1 in flight, ", sum_at(in_flight), " ms at ", in_flight,
      " in flight (median and range over runs).\n\n");
}

}  // namespace

absl::Status MeasureStaffPages(const StaffPagesSetup& s, std::string* summary) {
  const int rows = std::min(kPageRows, s.live_applications);
  const std::string role_path = absl::StrCat("/", s.role);
  const std::string page_path = absl::StrCat("/staff/", s.role, "/applicants");
  // Probes: both pages answer 200, the applicants page with its rows and Server-Timing.
  const HttpAnswer role = HttpOnce(s.gateway_host, s.gateway_port, Get(role_path, ""), true);
  if (role.status != 200) {
    return absl::FailedPreconditionError(absl::StrCat("the role page answered ", role.status,
                                                      role.error.empty() ? "" : ": ", role.error));
  }
  const HttpAnswer page = HttpOnce(s.gateway_host, s.gateway_port, Get(page_path, s.cookie), true);
  if (page.status != 200) {
    return absl::FailedPreconditionError(absl::StrCat(page_path, " answered ", page.status,
                                                      page.error.empty() ? "" : ": ", page.error));
  }
  if (const std::string wrong = CheckRows(page.body, rows); !wrong.empty()) {
    return absl::FailedPreconditionError(wrong);
  }
  if (!page.headers.count("Server-Timing")) {
    return absl::FailedPreconditionError(absl::StrCat(page_path, " sent no Server-Timing"));
  }
  std::string sizes;
  if (absl::Status probed = ProbeCalls(s, rows, &sizes); !probed.ok()) return probed;
  absl::StrAppend(&sizes, "; the applicants page ", page.body.size(), " bytes (", rows,
                  " rows), the role page ", role.body.size(), " bytes (both decoded).\n\n");

  const HttpFillFor role_fill = [&role_path](int) -> HttpFill {
    return [&role_path](std::mt19937_64&, HttpCall* call) { *call = Get(role_path, ""); };
  };
  const HttpFillFor page_fill = [&page_path, &s](int) -> HttpFill {
    return [&page_path, &s](std::mt19937_64&, HttpCall* call) { *call = Get(page_path, s.cookie); };
  };
  std::vector<Run> runs;
  std::vector<ServerTimings> timings;
  std::vector<std::vector<CostRow>> costs;
  for (int r = 1; r <= s.repeats; ++r) {
    Run run;
    ServerTimings timing;
    std::vector<CostRow> cost;
    // Runs one measurement, with the CPU the watched processes spent over it.
    auto measure = [&](const char* label, int in_flight, const std::function<LoadResult()>& load) {
      std::cerr << "run " << r << ": " << label << " at " << in_flight << " in flight\n";
      const CostSnapshot before = TakeCostSnapshot(s.watched, s.redis_port);
      run.push_back({label, in_flight, load()});
      cost.push_back({label, in_flight,
                      CostPerCall(before, TakeCostSnapshot(s.watched, s.redis_port),
                                  run.back().result.calls_made)});
    };
    HttpLoadOptions http = s.http;
    http.in_flight = s.in_flight;
    measure(kRolePage, s.in_flight, [&] {
      return RunHttpWithServerTiming(s.gateway_host, s.gateway_port, role_fill, http,
                                     &timing[kRolePage]);
    });
    HttpLoadOptions checked = http;
    checked.check_body = [rows](const std::string& body) { return CheckRows(body, rows); };
    measure(kApplicantsPage, s.in_flight, [&] {
      return RunHttpWithServerTiming(s.gateway_host, s.gateway_port, page_fill, checked,
                                     &timing[kApplicantsPage]);
    });
    for (const char* call : {kGetRole, kListApplications, kRankApplicants}) {
      const std::string& target = call == kGetRole ? s.registry : s.matching;
      for (int n : {1, s.in_flight}) {
        LoadOptions load = s.grpc;
        load.in_flight = n;
        measure(call, n, [&] {
          return RunClosedLoop(target, CallSlots(call, s, load.call_deadline), load);
        });
      }
    }
    std::cout << "### Run " << r << "\n\n" << RunTable(run) << "\n" << std::flush;
    if (absl::Status ok = EveryAnswerOk(run); !ok.ok()) return ok;
    runs.push_back(std::move(run));
    timings.push_back(std::move(timing));
    costs.push_back(std::move(cost));
  }

  absl::StrAppend(summary, "## A role's applicants page at ", s.in_flight, " in flight, over ",
                  runs.size(), " run(s)\n\n", sizes,
                  ServerTimingTable(runs, timings, {kRolePage, kApplicantsPage}, s.in_flight), "\n",
                  UpstreamLine(runs, timings, s.in_flight), SummaryTable(runs), "\n");
  const std::vector<RatioColumn> columns = {
      {"applicants page / role page p99", kApplicantsPage, kRolePage, &LoadResult::p99_ms},
      {"applicants page / role page QPS", kApplicantsPage, kRolePage, &LoadResult::qps},
  };
  absl::StrAppend(summary, "Ratios within each run (median and range):\n\n",
                  RatioTable(runs, columns), "\n");
  if (!s.watched.empty()) {
    absl::StrAppend(summary,
                    "Where the time goes: CPU each process spent over the whole measurement "
                    "(warm-up and drain included) over every request or call made, median of "
                    "the runs (\"bench\" is the load generator):\n\n",
                    CostTable(costs), "\n");
  }
  return absl::OkStatus();
}

}  // namespace cadre::bench
