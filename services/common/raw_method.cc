#include "services/common/raw_method.h"

#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/impl/codegen/server_callback_handlers.h>
#include <grpcpp/impl/rpc_service_method.h>
#include <grpcpp/server_context.h>

#include <cstdlib>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/grpc_status.h"
#include "services/common/interceptors.h"
#include "services/common/logging.h"
#include "services/common/server.h"

namespace cadre {

UnaryCall::UnaryCall(grpc::CallbackServerContext* context, grpc::ByteBuffer* response_bytes,
                     google::protobuf::Message* request, google::protobuf::Message* response)
    : context_(context),
      reactor_(context->DefaultReactor()),
      response_bytes_(response_bytes),
      request_(request),
      response_(response) {}

void UnaryCall::Begin(const CallObservation* observation, const std::string* method) {
  observation_ = observation;
  method_ = method;
  if (observation_ == nullptr) return;
  start_ = std::chrono::steady_clock::now();
  const auto& metadata = context_->client_metadata();
  auto sent = metadata.find(internal::kRequestIdKey);
  if (sent != metadata.end() && internal::IsAcceptableRequestId(
                                    absl::string_view(sent->second.data(), sent->second.size()))) {
    request_id_.assign(sent->second.data(), sent->second.size());
  } else {
    request_id_ = internal::NewRequestId();
  }
  context_->AddInitialMetadata(internal::kRequestIdKey, request_id_);
}

bool UnaryCall::ParseRequest(const grpc::ByteBuffer& bytes) {
  // The reader consumes its buffer; a copy shares the bytes (slices are reference counted).
  grpc::ByteBuffer copy(bytes);
  return grpc::SerializationTraits<google::protobuf::Message>::Deserialize(&copy, request_).ok();
}

void UnaryCall::SetResponseSlice(const grpc::Slice& slice) {
  grpc::ByteBuffer answer(&slice, 1);
  response_bytes_->Swap(&answer);
  has_bytes_ = true;
}

void UnaryCall::SetResponseBytes(std::string bytes) {
  if (bytes.empty()) {
    SetResponseSlice(grpc::Slice());
    return;
  }
  // The slice points into the string, which it deletes when gRPC lets go of it.
  auto* owned = new std::string(std::move(bytes));
  SetResponseSlice(grpc::Slice(
      owned->data(), owned->size(), [](void* p) { delete static_cast<std::string*>(p); }, owned));
}

void UnaryCall::SetResponseBytes(std::shared_ptr<const std::string> bytes) {
  if (bytes->empty()) {
    SetResponseSlice(grpc::Slice());
    return;
  }
  // The slice points into the shared string and holds a reference to it until gRPC lets
  // go of the slice. gRPC only reads through the pointer.
  using Shared = std::shared_ptr<const std::string>;
  auto* held = new Shared(std::move(bytes));
  SetResponseSlice(grpc::Slice(
      const_cast<char*>((*held)->data()), (*held)->size(),
      [](void* p) { delete static_cast<Shared*>(p); }, held));
}

void UnaryCall::FinishWithBytes(std::string bytes) {
  SetResponseBytes(std::move(bytes));
  Finish(absl::OkStatus());
}

void UnaryCall::FinishWithBytes(std::shared_ptr<const std::string> bytes) {
  SetResponseBytes(std::move(bytes));
  Finish(absl::OkStatus());
}

void UnaryCall::Finish(const absl::Status& status) {
  absl::Status result = status;
  if (!result.ok() && has_bytes_) response_bytes_->Clear();
  if (result.ok() && !has_bytes_) {
    bool own_buffer = false;
    grpc::Status serialized = grpc::SerializationTraits<google::protobuf::Message>::Serialize(
        *response_, response_bytes_, &own_buffer);
    if (!serialized.ok()) {
      result = absl::InternalError(
          absl::StrCat("the response could not be serialised: ", serialized.error_message()));
    }
  }
  const std::string request_id =
      observation_ != nullptr ? request_id_ : (result.ok() ? std::string() : RequestId(*context_));
  grpc::Status answer = ToGrpcStatus(result, request_id);
  if (observation_ != nullptr) {
    internal::RecordCall(observation_->metrics, *method_, answer.error_code(),
                         std::chrono::steady_clock::now() - start_, request_id,
                         observation_->log_every_call);
  }
  // The answer's bytes are gRPC's now: the typed messages can go, here rather than on
  // another thread. Nothing of this object may be touched after the delete.
  grpc::ServerUnaryReactor* reactor = reactor_;
  delete this;
  reactor->Finish(std::move(answer));
}

void RawService::AddRawUnary(absl::string_view method, const google::protobuf::Descriptor* request,
                             const google::protobuf::Descriptor* response, RawHandler handler) {
  // A method the proto does not have, or with other types, is a programming error:
  // fail at start-up, not on the first call.
  const std::string full_name = absl::StrCat(service_name_, ".", method);
  const google::protobuf::MethodDescriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(full_name);
  if (descriptor == nullptr || descriptor->input_type() != request ||
      descriptor->output_type() != response || descriptor->client_streaming() ||
      descriptor->server_streaming()) {
    log::Error("no such unary method with these message types",
               {{"method", full_name},
                {"request", request->full_name()},
                {"response", response->full_name()}});
    std::abort();
  }
  paths_.push_back(absl::StrCat("/", service_name_, "/", method));
  AddMethod(new grpc::internal::RpcServiceMethod(
      paths_.back().c_str(), grpc::internal::RpcMethod::NORMAL_RPC, /*handler=*/nullptr));
  MarkMethodRawCallback(
      static_cast<int>(paths_.size() - 1),
      new grpc::internal::CallbackUnaryHandler<grpc::ByteBuffer, grpc::ByteBuffer>(
          std::move(handler)));
}

}  // namespace cadre
