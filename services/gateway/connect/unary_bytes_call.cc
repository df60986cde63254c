#include "services/gateway/connect/unary_bytes_call.h"

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/slice.h>
#include <grpcpp/support/stub_options.h>

#include <vector>

#include "absl/synchronization/notification.h"

namespace cadre::gateway {

grpc::Status CallUnaryBytes(const std::shared_ptr<grpc::Channel>& channel,
                            grpc::ClientContext* context, const std::string& grpc_path,
                            const std::string& request, std::string* response) {
  grpc::GenericStub stub(channel);  // a shared_ptr to the channel: cheap to make per call
  grpc::Slice slice(request);
  const grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer response_buffer;
  grpc::Status status;
  absl::Notification done;
  stub.UnaryCall(context, grpc_path, grpc::StubOptions(), &request_buffer, &response_buffer,
                 [&status, &done](grpc::Status s) {
                   status = std::move(s);
                   done.Notify();  // absl: the waiter may destroy `done` once it wakes
                 });
  done.WaitForNotification();
  if (!status.ok()) return status;
  response->clear();
  // A message of default values is no bytes at all, which may come as no buffer.
  if (!response_buffer.Valid()) return status;
  std::vector<grpc::Slice> slices;
  if (!response_buffer.Dump(&slices).ok()) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "the service's answer could not be read");
  }
  response->reserve(response_buffer.Length());
  for (const grpc::Slice& s : slices) {
    response->append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return status;
}

}  // namespace cadre::gateway
