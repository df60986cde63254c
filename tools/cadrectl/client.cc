#include "tools/cadrectl/client.h"

#include <chrono>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"

namespace cadre::cadrectl {
namespace {

constexpr FlagSpec kGlobalFlags[] = {
    {"addr", "HOST:PORT", "registry address (env CADRE_REGISTRY_ADDR; 127.0.0.1:50051)"},
    {"matching_addr", "HOST:PORT",
     "matching service address (env CADRE_MATCHING_ADDR; 127.0.0.1:50052)"},
    {"key", "KEY", "API key sent as a bearer token (env CADRE_API_KEY); none: public"},
    {"key_file", "FILE", "read the API key from FILE (env CADRE_API_KEY_FILE)"},
    {"json", "", "print the response message as JSON"},
    {"timeout_ms", "MS", "deadline of each call in milliseconds (5000)"},
    {"tls_ca", "FILE", "use TLS, trusting the PEM certificates in FILE"},
    {"request_id", "ID", "request id: x-request-id, and makes creates safe to retry"},
    {"public_url", "URL",
     "the gateway's public address, for the links printed (env CADRE_PUBLIC_URL)"},
    {"help", "", "show help (also -h)"},
};

// Reads a small text file whole. Usage error naming `what` if it cannot be read.
absl::StatusOr<std::string> ReadFile(absl::string_view what, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return UsageError(absl::StrCat(what, ": cannot read '", path, "'"));
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

absl::StatusOr<std::string> ReadKeyFile(absl::string_view what, const std::string& path) {
  CADRE_ASSIGN_OR_RETURN(std::string text, ReadFile(what, path));
  std::string key(absl::StripAsciiWhitespace(text));
  if (key.empty()) return UsageError(absl::StrCat(what, ": '", path, "' holds no key"));
  return key;
}

// Metadata values must be printable ASCII; a key pasted with a stray newline would
// otherwise fail deep inside gRPC.
absl::Status CheckKey(absl::string_view what, absl::string_view key) {
  for (char c : key) {
    if (c < 0x21 || c > 0x7e) {
      return UsageError(absl::StrCat(what, ": the key holds a space or control character"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckRequestId(absl::string_view id) {
  if (id.empty() || id.size() > 64) {
    return UsageError("--request_id: must be 1 to 64 characters");
  }
  for (char c : id) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_') {
      return UsageError("--request_id: only letters, digits, '-' and '_'");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Span<const FlagSpec> GlobalFlags() { return kGlobalFlags; }

absl::StatusOr<GlobalOptions> ResolveGlobalOptions(const ParsedArgs& args, const Getenv& getenv) {
  GlobalOptions options;
  if (args.Has("help")) {
    CADRE_ASSIGN_OR_RETURN(options.help, BoolFlag(args, "help"));
  }
  if (args.Has("json")) {
    CADRE_ASSIGN_OR_RETURN(options.json, BoolFlag(args, "json"));
  }
  if (args.Has("addr")) {
    options.addr = args.Get("addr");
  } else if (std::string env = getenv("CADRE_REGISTRY_ADDR"); !env.empty()) {
    options.addr = env;
  }
  if (options.addr.empty()) return UsageError("--addr: must not be empty");
  if (args.Has("matching_addr")) {
    options.matching_addr = args.Get("matching_addr");
  } else if (std::string env = getenv("CADRE_MATCHING_ADDR"); !env.empty()) {
    options.matching_addr = env;
  }
  if (options.matching_addr.empty()) return UsageError("--matching_addr: must not be empty");
  if (args.Has("timeout_ms")) {
    CADRE_ASSIGN_OR_RETURN(options.timeout_ms, IntFlag(args, "timeout_ms", 1, 600000));
  }
  if (args.Has("key") && args.Has("key_file")) {
    return UsageError("--key: give either --key or --key_file, not both");
  }
  if (args.Has("key")) {
    options.key = args.Get("key");
    CADRE_RETURN_IF_ERROR(CheckKey("--key", options.key));
  } else if (args.Has("key_file")) {
    CADRE_ASSIGN_OR_RETURN(options.key, ReadKeyFile("--key_file", args.Get("key_file")));
    CADRE_RETURN_IF_ERROR(CheckKey("--key_file", options.key));
  } else if (std::string env = getenv("CADRE_API_KEY"); !env.empty()) {
    options.key = env;
    CADRE_RETURN_IF_ERROR(CheckKey("CADRE_API_KEY", options.key));
  } else if (std::string file = getenv("CADRE_API_KEY_FILE"); !file.empty()) {
    CADRE_ASSIGN_OR_RETURN(options.key, ReadKeyFile("CADRE_API_KEY_FILE", file));
    CADRE_RETURN_IF_ERROR(CheckKey("CADRE_API_KEY_FILE", options.key));
  }
  if (args.Has("tls_ca")) {
    CADRE_ASSIGN_OR_RETURN(options.tls_ca_pem, ReadFile("--tls_ca", args.Get("tls_ca")));
    if (options.tls_ca_pem.empty()) return UsageError("--tls_ca: the file is empty");
  }
  if (args.Has("request_id")) {
    options.request_id = args.Get("request_id");
    CADRE_RETURN_IF_ERROR(CheckRequestId(options.request_id));
  }
  if (args.Has("public_url")) {
    options.public_url = args.Get("public_url");
  } else {
    options.public_url = getenv("CADRE_PUBLIC_URL");
  }
  while (!options.public_url.empty() && options.public_url.back() == '/') {
    options.public_url.pop_back();
  }
  return options;
}

Client::Client(const GlobalOptions& options) : options_(options) {
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (options_.tls_ca_pem.empty()) {
    credentials = grpc::InsecureChannelCredentials();
  } else {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = options_.tls_ca_pem;
    credentials = grpc::SslCredentials(ssl);
  }
  registry_ = cadre::v1::Registry::NewStub(grpc::CreateChannel(options_.addr, credentials));
  matching_ =
      cadre::v1::Matching::NewStub(grpc::CreateChannel(options_.matching_addr, credentials));
}

void Client::Prepare(grpc::ClientContext* context) const {
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::milliseconds(options_.timeout_ms));
  if (!options_.key.empty()) {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", options_.key));
  }
  if (!options_.request_id.empty()) context->AddMetadata("x-request-id", options_.request_id);
}

}  // namespace cadre::cadrectl
