// Requests as bytes, through a generic stub: a request that does not parse (invalid UTF-8
// in a string field, truncated bytes) is INVALID_ARGUMENT "the request could not be
// read", not gRPC's bare UNIMPLEMENTED; good bytes are answered as by the typed stub; and
// health and reflection, separate services, still answer.

#include <gmock/gmock.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "absl/synchronization/notification.h"
#include "health.grpc.pb.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/status_matchers.h"

namespace cadre::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kUnreadable[] = "the request could not be read";
// A lone continuation byte and a truncated two-byte sequence: never valid UTF-8.
constexpr char kInvalidUtf8[] = "\x80\xC3";
constexpr char kPlaceholder[] = "@@";  // same length as kInvalidUtf8

std::string Bytes(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  (void)buffer.Dump(&slices);
  std::string bytes;
  for (const grpc::Slice& s : slices) {
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return bytes;
}

// `message` serialised, with kPlaceholder (in one string field) replaced by invalid
// UTF-8 of the same length, so that every length prefix stays right.
std::string WithInvalidUtf8(const google::protobuf::Message& message) {
  const std::string bytes = message.SerializeAsString();
  EXPECT_THAT(bytes, HasSubstr(kPlaceholder));
  return absl::StrReplaceAll(bytes, {{kPlaceholder, kInvalidUtf8}});
}

class RawRequestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = RedisServer::Start();
    harness_ = std::make_unique<RegistryHarness>(redis_->options());
    harness_->MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
    stub_ = std::make_unique<grpc::GenericStub>(LoopbackChannel(harness_->port()));
  }

  // Calls `method` ("GetBody") of cadre.v1.Registry with `bytes` as the request.
  grpc::Status Call(const std::string& method, const std::string& bytes,
                    std::string* response = nullptr, const std::string& key = "") {
    auto context = CallContext(key);
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer reply;
    grpc::Status status;
    absl::Notification done;
    stub_->UnaryCall(context.get(), absl::StrCat("/cadre.v1.Registry/", method),
                     grpc::StubOptions(), &request, &reply, [&](grpc::Status s) {
                       status = std::move(s);
                       done.Notify();
                     });
    done.WaitForNotification();
    if (response != nullptr) *response = Bytes(reply);
    return status;
  }

  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<RegistryHarness> harness_;
  std::unique_ptr<grpc::GenericStub> stub_;
};

TEST_F(RawRequestTest, InvalidUtf8InAStringFieldIsInvalidArgument) {
  cadre::v1::GetBodyRequest get;
  get.set_name(absl::StrCat("bodies/", kPlaceholder));
  EXPECT_THAT(Call("GetBody", WithInvalidUtf8(get)),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, kUnreadable));

  cadre::v1::GetRoleRequest role;
  role.set_name(absl::StrCat("roles/", kPlaceholder));
  grpc::Status status = Call("GetRole", WithInvalidUtf8(role));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), kUnreadable);
}

TEST_F(RawRequestTest, AnUnreadableWriteIsRefusedAndWritesNothing) {
  cadre::v1::CreateBodyRequest create;
  create.mutable_body()->set_ods_code("RJ2");
  create.mutable_body()->set_display_name(absl::StrCat("Trust ", kPlaceholder));
  create.mutable_body()->set_kind(cadre::v1::BODY_KIND_TRUST);
  create.mutable_body()->set_region(cadre::v1::REGION_LONDON);
  EXPECT_THAT(Call("CreateBody", WithInvalidUtf8(create), nullptr, kAdminKey),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, kUnreadable));

  cadre::v1::GetBodyRequest get;
  get.set_name("bodies/RJ2");
  cadre::v1::Body body;
  EXPECT_THAT(harness_->stub().GetBody(RegistryHarness::Context().get(), get, &body),
              StatusIs(grpc::StatusCode::NOT_FOUND));
}

TEST_F(RawRequestTest, BytesThatAreNoMessageAreInvalidArgument) {
  // Field 1, length-delimited, claiming 100 bytes of which 3 follow.
  const std::string truncated(
      "\x0a\x64"
      "abc",
      5);
  EXPECT_THAT(Call("GetBody", truncated),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, kUnreadable));
  // A varint that never ends.
  EXPECT_THAT(Call("ListRoles", std::string("\x08\xff\xff", 3)),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, kUnreadable));
}

TEST_F(RawRequestTest, GoodBytesAreAnsweredAsByTheTypedStub) {
  cadre::v1::GetBodyRequest get;
  get.set_name("bodies/RJ1");
  std::string bytes;
  ASSERT_TRUE(Call("GetBody", get.SerializeAsString(), &bytes).ok());
  cadre::v1::Body body;
  ASSERT_TRUE(body.ParseFromString(bytes));
  EXPECT_EQ(body.name(), "bodies/RJ1");
  EXPECT_EQ(body.display_name(), "Test body RJ1");

  // An empty message is a valid request (no filters).
  ASSERT_TRUE(Call("ListBodies", "", &bytes).ok());
  cadre::v1::ListBodiesResponse list;
  ASSERT_TRUE(list.ParseFromString(bytes));
  ASSERT_EQ(list.bodies_size(), 1);
  EXPECT_EQ(list.bodies(0).name(), "bodies/RJ1");

  // Valid UTF-8 beyond ASCII parses, and is then judged by the handler.
  get.set_name("bodies/R\xC3\xA9J");
  EXPECT_THAT(Call("GetBody", get.SerializeAsString()),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "name: must look like"));

  // Errors of the handlers keep their code and message.
  get.set_name("bodies/ZZZ");
  EXPECT_THAT(Call("GetBody", get.SerializeAsString()),
              StatusIs(grpc::StatusCode::NOT_FOUND, "bodies/ZZZ not found"));
}

TEST_F(RawRequestTest, AMethodTheServiceDoesNotHaveIsStillUnimplemented) {
  EXPECT_THAT(Call("DeleteEverything", ""), StatusIs(grpc::StatusCode::UNIMPLEMENTED));
}

TEST_F(RawRequestTest, HealthAndReflectionStillAnswer) {
  auto health = grpc::health::v1::Health::NewStub(LoopbackChannel(harness_->port()));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service("cadre.v1.Registry");
  // The health loop notices the loaded view within its interval: wait for it.
  grpc::health::v1::HealthCheckResponse response;
  EXPECT_TRUE(WaitFor([&] {
    return health->Check(CallContext().get(), request, &response).ok() &&
           response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
  }));
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  // ServerReflectionRequest{list_services: ""} on the reflection stream.
  auto context = CallContext();
  grpc::CompletionQueue cq;
  auto call = stub_->PrepareCall(
      context.get(), "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &cq);
  void* tag = nullptr;
  bool ok = false;
  auto step = [&](intptr_t expected) {
    return cq.Next(&tag, &ok) && ok && reinterpret_cast<intptr_t>(tag) == expected;
  };
  call->StartCall(reinterpret_cast<void*>(1));
  ASSERT_TRUE(step(1));
  grpc::Slice slice(std::string("\x3a\x00", 2));
  grpc::ByteBuffer list_services(&slice, 1);
  call->Write(list_services, reinterpret_cast<void*>(2));
  ASSERT_TRUE(step(2));
  grpc::ByteBuffer reply;
  call->Read(&reply, reinterpret_cast<void*>(3));
  ASSERT_TRUE(step(3));
  EXPECT_THAT(Bytes(reply), HasSubstr("cadre.v1.Registry"));
  call->WritesDone(reinterpret_cast<void*>(4));
  step(4);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  step(5);
}

}  // namespace
}  // namespace cadre::testing
