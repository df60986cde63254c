#pragma once

// The global options every command shares and the connections to the registry and the
// matching service they describe: addresses, credentials, deadline, request id.

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "cadre/v1/matching.grpc.pb.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "tools/cadrectl/args.h"
#include "tools/cadrectl/errors.h"

namespace cadre::cadrectl {

// Reads an environment variable; "" when unset. Injected so tests need not touch the
// process environment.
using Getenv = std::function<std::string(absl::string_view name)>;

struct GlobalOptions {
  std::string addr = "127.0.0.1:50051";           // the registry
  std::string matching_addr = "127.0.0.1:50052";  // the matching service
  std::string key;                                // bearer key; empty: call as the public
  bool json = false;                              // print responses as JSON
  int timeout_ms = 5000;                          // deadline of each call, 1–600000 ms
  std::string tls_ca_pem;                         // PEM roots read from --tls_ca; empty: plaintext
  std::string request_id;  // sent as x-request-id and as request_id on creates
  // The gateway's public address ("https://cadre.example.org", no trailing '/'), for the
  // links cadrectl prints; empty: none known.
  std::string public_url;
  bool help = false;
};

// The global flags: --addr, --matching_addr, --key, --key_file, --json, --timeout_ms,
// --tls_ca, --request_id, --public_url, --help.
absl::Span<const FlagSpec> GlobalFlags();

// Flags first, then CADRE_REGISTRY_ADDR, CADRE_MATCHING_ADDR, CADRE_API_KEY,
// CADRE_API_KEY_FILE, CADRE_PUBLIC_URL. Reads the key
// and CA files. Usage errors: a bad value, --key with --key_file, an unreadable file.
absl::StatusOr<GlobalOptions> ResolveGlobalOptions(const ParsedArgs& args, const Getenv& getenv);

using Stub = cadre::v1::Registry::Stub;
using MatchingStub = cadre::v1::Matching::Stub;

// A unary method of either service, e.g. &Stub::GetRole or &MatchingStub::SignIn.
template <typename AnyStub, typename Request, typename Response>
using StubMethod = grpc::Status (AnyStub::*)(grpc::ClientContext*, const Request&, Response*);

// A unary method of the registry.
template <typename Request, typename Response>
using Method = StubMethod<Stub, Request, Response>;

// One channel to the registry and one to the matching service. Creating them does not
// connect; each call does, within its deadline. Not thread-safe (cadrectl makes one call
// at a time).
class Client {
 public:
  explicit Client(const GlobalOptions& options);

  // Calls `method` of the service it belongs to, e.g. `Call(&Stub::GetRole, request,
  // &role)` or `Call(&MatchingStub::GetMyProfile, request, &applicant)`, with the
  // deadline, the authorization and the request id set on the context. Returns the
  // call's status marked as an RPC error (errors.h).
  template <typename AnyStub, typename Request, typename Response>
  absl::Status Call(StubMethod<AnyStub, Request, Response> method, const Request& request,
                    Response* response) {
    grpc::ClientContext context;
    Prepare(&context);
    AnyStub& stub = StubOf(static_cast<AnyStub*>(nullptr));
    return FromGrpcStatus((stub.*method)(&context, request, response));
  }

  const std::string& request_id() const { return options_.request_id; }

 private:
  void Prepare(grpc::ClientContext* context) const;
  // The stub of a service, chosen by the type of the (null) pointer.
  Stub& StubOf(Stub* /*which*/) { return *registry_; }
  MatchingStub& StubOf(MatchingStub* /*which*/) { return *matching_; }

  GlobalOptions options_;
  std::unique_ptr<Stub> registry_;
  std::unique_ptr<MatchingStub> matching_;
};

}  // namespace cadre::cadrectl
