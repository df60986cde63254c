#include "bench/gateway_measure.h"

#include <iostream>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "bench/gateway_calls.h"
#include "bench/gateway_report.h"
#include "bench/page_weight.h"
#include "bench/report.h"
#include "bench/transcode_cost.h"
#include "bench/upstream_cost.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/grpcpp.h"

namespace cadre::bench {
namespace {

// What the probes found before measuring.
struct Probes {
  std::string role_bytes;  // roles[0] as the registry serialises it
  std::string page_bytes;  // the ListRoles page
  size_t role_json_bytes = 0;
  size_t page_json_bytes = 0;
  size_t map_bytes = 0;  // GetInvolvementMap's answer, which the home page asks for
  int map_open_roles = 0;
  bool home = false;
  bool role_page = false;
  bool body_page = false;
  std::vector<std::string> search_paths;  // those answering 200
  std::vector<int> search_roles_shown;    // role cards on each of those pages
  std::string notes;                      // pages left out, and why
  std::vector<std::string> html_sizes;    // "`/` 6437 B", uncompressed
};

// How the search page shows each role (templates/search.mustache).
constexpr char kRoleCard[] = "<div class=\"nhsuk-card\">";

absl::Status FromGrpc(const grpc::Status& status, absl::string_view what) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", status.error_message()));
}

// One JSON read through the gateway, parsed into `message`; FAILED_PRECONDITION unless it
// answers 200 with JSON of that type.
absl::Status ProbeJson(const GatewaySetup& s, const HttpCall& call,
                       google::protobuf::Message* message, size_t* bytes) {
  const HttpAnswer answer = HttpOnce(s.gateway_host, s.gateway_port, call, false);
  if (answer.status != 200) {
    return absl::FailedPreconditionError(absl::StrCat("POST ", call.path, " answered ",
                                                      answer.status, " ", answer.error, " ",
                                                      answer.body.substr(0, 300)));
  }
  *bytes = answer.body.size();
  if (!google::protobuf::util::JsonStringToMessage(answer.body, message).ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("POST ", call.path, ": not JSON of ", message->GetDescriptor()->full_name()));
  }
  return absl::OkStatus();
}

// Whether GET `path` answers 200 (its body in `html`); otherwise a note for the summary.
bool ProbePage(const GatewaySetup& s, const std::string& path, std::string* notes,
               std::string* html = nullptr) {
  HttpCall call;
  call.path = path;
  const HttpAnswer answer = HttpOnce(s.gateway_host, s.gateway_port, call, false);
  if (answer.status == 200) {
    if (html != nullptr) *html = answer.body;
    return true;
  }
  absl::StrAppend(notes, "- `GET ", path, "` answered ", answer.status,
                  answer.status == 0 ? absl::StrCat(" (", answer.error, ")") : "",
                  ": not measured.\n");
  return false;
}

absl::StatusOr<Probes> Probe(const GatewaySetup& s) {
  Probes p;
  grpc::ChannelArguments args;
  auto stub = cadre::v1::Registry::NewStub(
      grpc::CreateCustomChannel(s.registry, grpc::InsecureChannelCredentials(), args));
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    cadre::v1::GetRoleRequest request;
    request.set_name(s.roles.front());
    cadre::v1::Role role;
    if (grpc::Status st = stub->GetRole(&context, request, &role); !st.ok()) {
      return FromGrpc(st, "GetRole");
    }
    p.role_bytes = role.SerializeAsString();
  }
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    cadre::v1::ListRolesRequest request;
    request.set_page_size(s.list_page_size);
    cadre::v1::ListRolesResponse page;
    if (grpc::Status st = stub->ListRoles(&context, request, &page); !st.ok()) {
      return FromGrpc(st, "ListRoles");
    }
    if (page.roles_size() != s.list_page_size) {
      return absl::FailedPreconditionError(
          absl::StrCat("ListRoles answered ", page.roles_size(), " roles, not ", s.list_page_size));
    }
    p.page_bytes = page.SerializeAsString();
  }
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    cadre::v1::InvolvementMap map;
    if (grpc::Status st = stub->GetInvolvementMap(&context, {}, &map); !st.ok()) {
      return FromGrpc(st, "GetInvolvementMap");
    }
    p.map_bytes = map.ByteSizeLong();
    p.map_open_roles = map.open_roles();
  }
  std::mt19937_64 rng(1);
  HttpCall call;
  JsonGetRoleFill (&s.roles)(rng, &call);
  cadre::v1::Role role;
  if (absl::Status st = ProbeJson(s, call, &role, &p.role_json_bytes); !st.ok()) return st;
  JsonListRolesFill(s.list_page_size)(rng, &call);
  cadre::v1::ListRolesResponse page;
  if (absl::Status st = ProbeJson(s, call, &page, &p.page_json_bytes); !st.ok()) return st;
  if (page.roles_size() != s.list_page_size) {
    return absl::FailedPreconditionError(
        absl::StrCat("JSON ListRoles answered ", page.roles_size(), " roles"));
  }
  std::string html;
  auto size_of = [&](const std::string& path) {
    p.html_sizes.push_back(absl::StrCat("`", path, "` ", html.size(), " B"));
  };
  const std::string role_path = absl::StrCat("/", s.roles.front());
  p.home = ProbePage(s, "/", &p.notes, &html);
  if (p.home) size_of("/");
  p.role_page = ProbePage(s, role_path, &p.notes, &html);
  if (p.role_page) size_of(role_path);
  p.body_page = !s.body_paths.empty() && ProbePage(s, s.body_paths.front(), &p.notes, &html);
  if (p.body_page) size_of(s.body_paths.front());
  for (const std::string& path : s.search_paths) {
    if (ProbePage(s, path, &p.notes, &html)) {
      size_of(path);
      p.search_paths.push_back(path);
      int cards = 0;
      for (size_t at = html.find(kRoleCard); at != std::string::npos;
           at = html.find(kRoleCard, at + 1)) {
        ++cards;
      }
      p.search_roles_shown.push_back(cards);
    }
  }
  return p;
}

struct RunFigures {
  Run run;
  std::vector<CostRow> costs;
  std::vector<TranscodeStep> transcode;
  std::vector<UpstreamCallCost> upstream;
};

RunFigures MeasureOnce(int index, const GatewaySetup& s, const Probes& p) {
  RunFigures figures;
  auto record = [&](const char* label, int in_flight, const CostSnapshot& before,
                    const LoadResult& result) {
    figures.costs.push_back(
        {label, in_flight,
         CostPerCall(before, TakeCostSnapshot(s.watched, s.redis_port), result.calls_made)});
    std::cerr << absl::StrFormat(
        "run %d: %-24s %3d in flight: %8.1f QPS p50 %.3f ms p99 %.3f ms, errors %d\n", index, label,
        in_flight, result.qps, result.p50_ms, result.p99_ms, result.errors);
    figures.run.push_back({label, in_flight, result});
  };
  auto grpc_load = [&](const char* label, const SlotFactory& slots, int in_flight) {
    LoadOptions load = s.grpc;
    load.in_flight = in_flight;
    const CostSnapshot before = TakeCostSnapshot(s.watched, s.redis_port);
    record(label, in_flight, before, RunClosedLoop(s.registry, slots, load));
  };
  auto http_load = [&](const char* label, const HttpFill& fill, int in_flight, bool gzip) {
    HttpLoadOptions load = s.http;
    load.in_flight = in_flight;
    load.accept_gzip = gzip;
    const CostSnapshot before = TakeCostSnapshot(s.watched, s.redis_port);
    record(label, in_flight, before, RunHttpClosedLoop(s.gateway_host, s.gateway_port, fill, load));
  };

  const SlotFactory grpc_get = GrpcGetRoleSlots(&s.roles, s.grpc.call_deadline);
  const SlotFactory grpc_list = GrpcListRolesSlots(s.list_page_size, s.grpc.call_deadline);
  const HttpFill json_get = JsonGetRoleFill(&s.roles);
  const HttpFill json_list = JsonListRolesFill(s.list_page_size);
  for (int in_flight : s.in_flights) {
    grpc_load(kGrpcGetRole, grpc_get, in_flight);
    http_load(kJsonGetRole, json_get, in_flight, true);
    grpc_load(kGrpcListRoles, grpc_list, in_flight);
    http_load(kJsonListRoles, json_list, in_flight, true);
  }
  const HttpFill home = PageFill({"/"});
  const HttpFill role_page = PageFill(RolePagePaths(s.roles, s.roles.size()));
  const HttpFill body_page =
      PageFill(s.body_paths.empty() ? std::vector<std::string>{"/"} : s.body_paths);
  const HttpFill search =
      PageFill(p.search_paths.empty() ? std::vector<std::string>{"/"} : p.search_paths);
  for (int in_flight : s.page_in_flights) {
    http_load(kJsonGetRoleIdentity, json_get, in_flight, false);
    http_load(kJsonListRolesIdentity, json_list, in_flight, false);
    if (p.home) http_load(kHomePage, home, in_flight, true);
    if (p.role_page) http_load(kRolePage, role_page, in_flight, true);
    if (p.body_page) http_load(kBodyPage, body_page, in_flight, true);
    if (!p.search_paths.empty()) http_load(kSearchPage, search, in_flight, true);
  }
  figures.transcode = MeasureTranscoding(s.roles.front(), p.role_bytes, s.list_page_size,
                                         p.page_bytes, s.transcode_per_step);
  if (s.upstream_calls > 0) {
    figures.upstream = MeasureUpstreamCalls(s.registry, s.roles.front(), s.upstream_calls, {1, 16});
  }
  std::cout << "## Run " << index << "\n\n" << RunTable(figures.run) << "\n" << std::flush;
  return figures;
}

}  // namespace

absl::Status MeasureGateway(const GatewaySetup& s, std::string* summary) {
  if (s.roles.empty()) return absl::FailedPreconditionError("no seeded roles to ask for");
  absl::StatusOr<Probes> probes = Probe(s);
  if (!probes.ok()) return probes.status();
  const Probes& p = *probes;

  std::vector<Run> runs;
  std::vector<std::vector<CostRow>> costs;
  std::vector<std::vector<TranscodeStep>> transcode;
  std::vector<std::vector<UpstreamCallCost>> upstream;
  for (int r = 1; r <= std::max(1, s.repeats); ++r) {
    RunFigures figures = MeasureOnce(r, s, p);
    runs.push_back(std::move(figures.run));
    costs.push_back(std::move(figures.costs));
    transcode.push_back(std::move(figures.transcode));
    upstream.push_back(std::move(figures.upstream));
  }

  absl::StrAppend(summary, "## Summary over ", runs.size(), " run(s)\n\n", SummaryTable(runs),
                  "\n");
  absl::StrAppendFormat(
      summary,
      "GetRole asks for a random one of %d seeded open roles; ListRoles for the first page of "
      "%d open roles, no filter. gRPC: straight to the registry, every answer parsed "
      "(TypedCallSlot). JSON: POST to the gateway (Connect, application/json), "
      "Accept-Encoding: gzip and the answer inflated, as a browser would, not parsed; \"no "
      "gzip\": Accept-Encoding: identity. Answers: Role %d B protobuf, %d B JSON; ListRoles "
      "page %d B protobuf, %d B JSON.\n\n",
      s.roles.size(), s.list_page_size, p.role_bytes.size(), p.role_json_bytes, p.page_bytes.size(),
      p.page_json_bytes);
  absl::StrAppend(summary, "## JSON through the gateway against gRPC to the registry\n\n",
                  "GetRole (target: JSON ≥ ", kGetRoleShareTarget, " of gRPC's QPS):\n\n",
                  ShareTable(runs, kJsonGetRole, kGrpcGetRole, kGetRoleShareTarget), "\n",
                  "ListRoles, ", s.list_page_size, " a page (target: JSON ≥ ",
                  kListRolesShareTarget, " of gRPC's QPS):\n\n",
                  ShareTable(runs, kJsonListRoles, kGrpcListRoles, kListRolesShareTarget), "\n");
  const std::string gzip_ratios = RatioTable(
      runs,
      {{"GetRole no gzip / gzip QPS", kJsonGetRoleIdentity, kJsonGetRole},
       {"GetRole no gzip / gzip p99", kJsonGetRoleIdentity, kJsonGetRole, &LoadResult::p99_ms},
       {"ListRoles no gzip / gzip QPS", kJsonListRolesIdentity, kJsonListRoles},
       {"ListRoles no gzip / gzip p99", kJsonListRolesIdentity, kJsonListRoles,
        &LoadResult::p99_ms}});
  if (!gzip_ratios.empty()) {
    absl::StrAppend(summary, "The JSON reads without gzip against with it, same run:\n\n",
                    gzip_ratios, "\n");
  }
  absl::StrAppendFormat(
      summary,
      "## Pages\n\nThe home page shows two counts of the registry's InvolvementMap "
      "(GetInvolvementMap), read at most every 30 s: the answer was %d bytes "
      "(protobuf) for %d open roles.\n\n",
      p.map_bytes, p.map_open_roles);
  if (!p.search_paths.empty()) {
    std::vector<std::string> shown;
    for (size_t i = 0; i < p.search_paths.size(); ++i) {
      shown.push_back(
          absl::StrCat("`", p.search_paths[i], "` (", p.search_roles_shown[i], " roles shown)"));
    }
    absl::StrAppend(summary, "Search: each call one of ", absl::StrJoin(shown, ", "),
                    " at random.\n\n");
  }
  if (!p.html_sizes.empty()) {
    absl::StrAppend(summary, "The pages' HTML, uncompressed (each sent gzipped at level ",
                    kGatewayGzipLevel, "): ", absl::StrJoin(p.html_sizes, ", "), ".\n\n");
  }
  if (!p.notes.empty()) absl::StrAppend(summary, p.notes, "\n");
  absl::StrAppend(summary, "## Where the time goes\n\n",
                  "CPU each process spent over the whole measurement (warm-up and the drain "
                  "included) over every call made, median of the runs; \"bench\" is the load "
                  "generator (one thread for gRPC, a thread per request in flight for HTTP):\n\n",
                  CpuTable(costs), "\n",
                  "The gateway's JSON and gzip work alone, in the bench process (the gateway's "
                  "own functions, one thread, median of 5 batches):\n\n",
                  TranscodeTable(transcode), "\n");
  if (const std::string table = UpstreamCallTable(upstream); !table.empty()) {
    absl::StrAppend(summary,
                    "How a request thread waits for the registry, alone in the bench process "
                    "(GetRole of one role, calls one after another on each thread; CPU of the "
                    "whole bench process per call, gRPC's own threads included):\n\n",
                    table, "\n");
  }
  absl::StatusOr<PageWeight> weight =
      MeasurePageWeight(s.gateway_host, s.gateway_port, s.weight_path);
  absl::StrAppend(summary, "## Page weight: `", s.weight_path,
                  "` as a first visit transfers it, with gzip\n\n");
  if (weight.ok()) {
    absl::StrAppend(summary, PageWeightTable(*weight, kHomeWeightTargetBytes), "\n");
  } else {
    absl::StrAppend(summary, "Not measured: ", weight.status().ToString(), "\n\n");
  }
  return absl::OkStatus();
}

}  // namespace cadre::bench
