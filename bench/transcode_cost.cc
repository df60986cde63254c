#include "bench/transcode_cost.h"

#include <algorithm>
#include <ctime>
#include <functional>
#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "bench/report.h"
#include "cadre/v1/registry.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/type_resolver.h"
#include "google/protobuf/util/type_resolver_util.h"
#include "services/gateway/connect/connect_json.h"
#include "services/gateway/http/gzip.h"

namespace cadre::bench {
namespace {

constexpr int kBatches = 5;

// This thread's CPU time, ns: on a machine whose cores others share, wall-clock time would
// count the time the thread waited for a core.
int64_t ThreadCpuNanos() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

// CPU microseconds a call of `step` (which returns the size of what it made): the median
// of kBatches batches of about `per_step` / kBatches of CPU each.
double MedianMicros(const std::function<size_t()>& step, absl::Duration per_step) {
  const int64_t batch_ns = absl::ToInt64Nanoseconds(per_step / kBatches);
  volatile size_t sink = 0;
  std::vector<double> us;
  for (int b = 0; b < kBatches; ++b) {
    const int64_t start = ThreadCpuNanos();
    int64_t calls = 0;
    int64_t now = start;
    do {
      sink = sink + step();
      ++calls;
      now = ThreadCpuNanos();
    } while (now - start < batch_ns);
    us.push_back(static_cast<double>(now - start) / 1e3 / static_cast<double>(calls));
  }
  std::sort(us.begin(), us.end());
  return us[us.size() / 2];
}

}  // namespace

std::vector<TranscodeStep> MeasureTranscoding(const std::string& role_name,
                                              const std::string& role_bytes, int page_size,
                                              const std::string& page_bytes,
                                              absl::Duration per_step) {
  using cadre::gateway::Gzip;
  using cadre::gateway::JsonToMessageBytes;
  using cadre::gateway::MessageBytesToJson;
  const cadre::v1::GetRoleRequest& get_request = cadre::v1::GetRoleRequest::default_instance();
  const cadre::v1::ListRolesRequest& list_request = cadre::v1::ListRolesRequest::default_instance();
  const cadre::v1::Role& role = cadre::v1::Role::default_instance();
  const cadre::v1::ListRolesResponse& page = cadre::v1::ListRolesResponse::default_instance();

  const std::string get_json = absl::StrCat("{\"name\":\"", role_name, "\"}");
  const std::string list_json = absl::StrCat("{\"pageSize\":", page_size, "}");
  const std::string role_json = MessageBytesToJson(role, role_bytes).value_or("");
  const std::string page_json = MessageBytesToJson(page, page_bytes).value_or("");

  // The JSON printer without the parse and the re-serialisation MessageToJsonString does,
  // and with its type resolver made once (MessageToJsonString shares one too).
  const std::unique_ptr<google::protobuf::util::TypeResolver> resolver(
      google::protobuf::util::NewTypeResolverForDescriptorPool(
          "type.googleapis.com", google::protobuf::DescriptorPool::generated_pool()));
  const std::string role_type =
      absl::StrCat("type.googleapis.com/", role.GetDescriptor()->full_name());
  const std::string page_type =
      absl::StrCat("type.googleapis.com/", page.GetDescriptor()->full_name());
  google::protobuf::util::JsonPrintOptions print;

  struct Step {
    std::string what;
    size_t in_bytes;
    std::function<size_t()> run;
  };
  const std::vector<Step> steps = {
      {"GetRole request: JSON → bytes (JsonStringToMessage, serialise)", get_json.size(),
       [&] { return JsonToMessageBytes(get_request, get_json).value_or("").size(); }},
      {"GetRole answer: Role bytes → JSON (parse, MessageToJsonString)", role_bytes.size(),
       [&] { return MessageBytesToJson(role, role_bytes).value_or("").size(); }},
      {"GetRole answer: gzip of the JSON, level 5 (the front door's)", role_json.size(),
       [&] { return Gzip(role_json, kGatewayGzipLevel).size(); }},
      {"GetRole answer: gzip of the JSON, level 1", role_json.size(),
       [&] { return Gzip(role_json, 1).size(); }},
      {"GetRole answer: BinaryToJsonString from the bytes, one TypeResolver kept",
       role_bytes.size(),
       [&] {
         std::string json;
         return google::protobuf::util::BinaryToJsonString(resolver.get(), role_type, role_bytes,
                                                           &json, print)
                        .ok()
                    ? json.size()
                    : 0;
       }},
      {"GetRole answer: Role bytes parsed alone (ParseFromString)", role_bytes.size(),
       [&] {
         cadre::v1::Role parsed;
         return parsed.ParseFromString(role_bytes) ? role_bytes.size() : 0;
       }},
      {"ListRoles request: JSON → bytes", list_json.size(),
       [&] { return JsonToMessageBytes(list_request, list_json).value_or("").size(); }},
      {absl::StrCat("ListRoles answer: ", page_size, "-role page bytes → JSON"), page_bytes.size(),
       [&] { return MessageBytesToJson(page, page_bytes).value_or("").size(); }},
      {"ListRoles answer: gzip of the JSON, level 5 (the front door's)", page_json.size(),
       [&] { return Gzip(page_json, kGatewayGzipLevel).size(); }},
      {"ListRoles answer: gzip of the JSON, level 1", page_json.size(),
       [&] { return Gzip(page_json, 1).size(); }},
      {"ListRoles answer: BinaryToJsonString from the bytes, one TypeResolver kept",
       page_bytes.size(),
       [&] {
         std::string json;
         return google::protobuf::util::BinaryToJsonString(resolver.get(), page_type, page_bytes,
                                                           &json, print)
                        .ok()
                    ? json.size()
                    : 0;
       }},
      {"ListRoles answer: page bytes parsed alone", page_bytes.size(),
       [&] {
         cadre::v1::ListRolesResponse parsed;
         return parsed.ParseFromString(page_bytes) ? page_bytes.size() : 0;
       }},
  };
  std::vector<TranscodeStep> out;
  for (const Step& step : steps) {
    TranscodeStep measured;
    measured.what = step.what;
    measured.in_bytes = step.in_bytes;
    measured.out_bytes = step.run();
    measured.us = MedianMicros(step.run, per_step);
    out.push_back(std::move(measured));
  }
  return out;
}

std::string TranscodeTable(const std::vector<std::vector<TranscodeStep>>& runs) {
  if (runs.empty() || runs.front().empty()) {
    return "";
  }
  std::string out = "| step | in B | out B | µs a call |\n|---|---:|---:|---:|\n";
  for (size_t i = 0; i < runs.front().size(); ++i) {
    std::vector<double> us;
    for (const auto& run : runs) {
      if (i < run.size()) us.push_back(run[i].us);
    }
    const TranscodeStep& step = runs.front()[i];
    absl::StrAppend(&out, "| ", step.what, " | ", step.in_bytes, " | ", step.out_bytes, " | ",
                    MedianRange(us, 1), " |\n");
  }
  return out;
}

}  // namespace cadre::bench
