#include "services/common/client_origin.h"

#include <grpcpp/server_context.h>

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace cadre {
namespace {

absl::string_view Metadata(const grpc::ServerContextBase& context, absl::string_view key) {
  const auto& metadata = context.client_metadata();
  auto found = metadata.find(grpc::string_ref(key.data(), key.size()));
  if (found == metadata.end()) return {};
  return absl::string_view(found->second.data(), found->second.size());
}

// "ipv4:127.0.0.1:5000" → "127.0.0.1"; "ipv6:[::1]:5000" → "::1".
std::string PeerAddress(const std::string& peer) {
  absl::string_view rest = peer;
  if (absl::ConsumePrefix(&rest, "ipv4:")) return std::string(rest.substr(0, rest.rfind(':')));
  if (absl::ConsumePrefix(&rest, "ipv6:")) {
    rest = rest.substr(0, rest.rfind(':'));
    absl::ConsumePrefix(&rest, "[");
    absl::ConsumeSuffix(&rest, "]");
    return std::string(rest);
  }
  return peer;
}

}  // namespace

std::string BearerTokenOf(const grpc::ServerContextBase& context) {
  absl::string_view value = Metadata(context, "authorization");
  if (!absl::ConsumePrefix(&value, "Bearer ")) return "";
  return std::string(value);
}

std::string ClientAddress(const grpc::ServerContextBase& context,
                          absl::FunctionRef<bool(absl::string_view token)> vouches) {
  const absl::string_view forwarder = Metadata(context, "x-cadre-forwarder");
  const absl::string_view forwarded = Metadata(context, "x-forwarded-for");
  if (!forwarder.empty() && !forwarded.empty()) {
    if (vouches(forwarder)) {
      std::string first(absl::StripAsciiWhitespace(
          std::vector<absl::string_view>(absl::StrSplit(forwarded, ',')).front()));
      if (!first.empty() && first.size() <= 64) return first;
    }
  }
  return PeerAddress(context.peer());
}

}  // namespace cadre
