#pragma once

// One unary gRPC call by method path with the request and response as bytes
// (grpc::GenericStub), blocking the calling thread (an HTTP request thread) until it ends.
//
// gRPC 1.51's callback form (GenericStub::UnaryCall) with a notification: the calling
// thread waits until gRPC has called back, so the context and buffers it lends outlive the
// call, with no completion queue to drain and nothing left behind when the deadline
// passes (gRPC ends the call then and calls back DEADLINE_EXCEEDED). The deadline, which
// Upstream::Prepare always sets, bounds the wait: never call this with a context without
// one.

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <memory>
#include <string>

namespace cadre::gateway {

// Sends `request` (a serialised message of the method's request type) to `grpc_path`
// ("/cadre.v1.Registry/GetRole") on `channel` under `context`; on OK `*response` holds the
// answer's bytes. The status is the service's, or gRPC's own (UNAVAILABLE when the service
// cannot be reached, DEADLINE_EXCEEDED when the deadline passed).
grpc::Status CallUnaryBytes(const std::shared_ptr<grpc::Channel>& channel,
                            grpc::ClientContext* context, const std::string& grpc_path,
                            const std::string& request, std::string* response);

}  // namespace cadre::gateway
