#pragma once

// The global options every command shares and the connection to the registry they
// describe: address, credentials, deadline, request id.

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "tools/cadrectl/args.h"
#include "tools/cadrectl/errors.h"

namespace cadre::cadrectl {

// Reads an environment variable; "" when unset. Injected so tests need not touch the
// process environment.
using Getenv = std::function<std::string(absl::string_view name)>;

struct GlobalOptions {
  std::string addr = "127.0.0.1:50051";
  std::string key;         // bearer key; empty: call as the public
  bool json = false;       // print responses as JSON
  int timeout_ms = 5000;   // deadline of each call, 1–600000 ms
  std::string tls_ca_pem;  // PEM roots read from --tls_ca; empty: plaintext
  std::string request_id;  // sent as x-request-id and as request_id on creates
  bool help = false;
};

// The global flags: --addr, --key, --key_file, --json, --timeout_ms, --tls_ca,
// --request_id, --help.
absl::Span<const FlagSpec> GlobalFlags();

// Flags first, then CADRE_REGISTRY_ADDR, CADRE_API_KEY, CADRE_API_KEY_FILE. Reads the key
// and CA files. Usage errors: a bad value, --key with --key_file, an unreadable file.
absl::StatusOr<GlobalOptions> ResolveGlobalOptions(const ParsedArgs& args, const Getenv& getenv);

using Stub = cadre::v1::Registry::Stub;

// A unary method of the registry, e.g. &Stub::GetRole.
template <typename Request, typename Response>
using Method = grpc::Status (Stub::*)(grpc::ClientContext*, const Request&, Response*);

// One channel to the registry. Creating it does not connect; each call does, within its
// deadline. Not thread-safe (cadrectl makes one call at a time).
class Client {
 public:
  explicit Client(const GlobalOptions& options);

  // Calls `method`, e.g. `Call(&Stub::GetRole, request, &role)`, with the deadline, the
  // authorization and the request id set on the context. Returns the call's status
  // marked as an RPC error (errors.h).
  template <typename Request, typename Response>
  absl::Status Call(Method<Request, Response> method, const Request& request, Response* response) {
    grpc::ClientContext context;
    Prepare(&context);
    return FromGrpcStatus(((*stub_).*method)(&context, request, response));
  }

  const std::string& request_id() const { return options_.request_id; }

 private:
  void Prepare(grpc::ClientContext* context) const;

  GlobalOptions options_;
  std::unique_ptr<cadre::v1::Registry::Stub> stub_;
};

}  // namespace cadre::cadrectl
