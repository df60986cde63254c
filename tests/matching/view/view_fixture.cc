#include "tests/matching/view/view_fixture.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/matching/view/open_roles.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/service_fixture.h"
#include "tests/support/wait_for.h"

namespace cadre::testing {

int FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

void MatchingViewTest::SetUp() {
  redis_server_ = RedisServer::Start();
  redis_ = std::make_unique<RedisClient>(redis_server_->options());
  registry_port_ = FreeLoopbackPort();
  StartRegistry();
  MakeBodyForTest("RJ1");
  cadre::v1::CreateApiKeyRequest request;
  request.set_kind(cadre::v1::PRINCIPAL_KIND_SERVICE);
  request.set_subject("matching");
  request.set_label("matching's view of open roles");
  cadre::v1::CreateApiKeyResponse response;
  grpc::Status status = CallRegistry([&](grpc::ClientContext* context) {
    return stub_->CreateApiKey(context, request, &response);
  });
  ASSERT_TRUE(status.ok()) << status.error_message();
  service_key_ = response.secret();
}

void MatchingViewTest::TearDown() { StopRegistry(); }

grpc::Status MatchingViewTest::CallRegistry(
    const std::function<grpc::Status(grpc::ClientContext*)>& call) {
  grpc::Status status;
  WaitFor([&] {
    status = call(CallContext(kAdminKey).get());
    return status.error_code() != grpc::StatusCode::UNAVAILABLE;
  });
  return status;
}

void MatchingViewTest::MakeBodyForTest(const std::string& code) {
  cadre::v1::CreateBodyRequest request;
  request.mutable_body()->set_ods_code(code);
  request.mutable_body()->set_display_name(absl::StrCat("Test body ", code));
  request.mutable_body()->set_kind(cadre::v1::BODY_KIND_TRUST);
  request.mutable_body()->set_region(cadre::v1::REGION_LONDON);
  cadre::v1::Body body;
  grpc::Status status = CallRegistry(
      [&](grpc::ClientContext* context) { return stub_->CreateBody(context, request, &body); });
  ASSERT_TRUE(status.ok()) << status.error_message();
}

void MatchingViewTest::StartRegistry() {
  registry::RegistryOptions options = TestRegistryOptions(redis_server_->options());
  options.server.port = registry_port_;
  auto app = registry::RegistryApp::Start(std::move(options), &clock_);
  ASSERT_TRUE(app.ok()) << app.status();
  registry_ = *std::move(app);
  ASSERT_TRUE(registry_->WaitUntilFresh(absl::Seconds(10)));
  stub_ = MakeStub<cadre::v1::Registry>(registry_port_);
}

void MatchingViewTest::StopRegistry() {
  if (registry_ == nullptr) return;
  registry_->Shutdown();
  registry_.reset();
}

matching::RoleViewOptions MatchingViewTest::ViewOptions() const {
  matching::RoleViewOptions options;
  options.registry = LoopbackChannel(registry_port_);
  options.service_key = service_key_;
  options.call_deadline = absl::Seconds(2);
  options.block = absl::Milliseconds(200);
  options.retry_backoff = absl::Milliseconds(20);
  options.max_retry_backoff = absl::Milliseconds(300);
  return options;
}

cadre::v1::Role MatchingViewTest::CreateDraftRole(const std::string& title) {
  cadre::v1::CreateRoleRequest request;
  *request.mutable_role() = ValidRole("RJ1", clock_.Now());
  request.mutable_role()->set_title(title.empty() ? absl::StrCat("Lay member ", ++roles_made_)
                                                  : title);
  cadre::v1::Role role;
  grpc::Status status = CallRegistry(
      [&](grpc::ClientContext* context) { return stub_->CreateRole(context, request, &role); });
  EXPECT_TRUE(status.ok()) << status.error_message();
  return role;
}

cadre::v1::Role MatchingViewTest::CreateOpenRole(const std::string& title) {
  cadre::v1::Role draft = CreateDraftRole(title);
  cadre::v1::PublishRoleRequest request;
  request.set_name(draft.name());
  cadre::v1::Role role;
  grpc::Status status = CallRegistry(
      [&](grpc::ClientContext* context) { return stub_->PublishRole(context, request, &role); });
  EXPECT_TRUE(status.ok()) << status.error_message();
  return role;
}

cadre::v1::Role MatchingViewTest::UpdateTitle(const cadre::v1::Role& role,
                                              const std::string& title) {
  cadre::v1::UpdateRoleRequest request;
  request.mutable_role()->set_name(role.name());
  request.mutable_role()->set_title(title);
  request.mutable_update_mask()->add_paths("title");
  cadre::v1::Role updated;
  grpc::Status status = CallRegistry(
      [&](grpc::ClientContext* context) { return stub_->UpdateRole(context, request, &updated); });
  EXPECT_TRUE(status.ok()) << status.error_message();
  return updated;
}

cadre::v1::Role MatchingViewTest::CloseRole(const cadre::v1::Role& role,
                                            cadre::v1::RoleState state) {
  cadre::v1::CloseRoleRequest request;
  request.set_name(role.name());
  request.set_state(state);
  request.set_reason("test");
  cadre::v1::Role closed;
  grpc::Status status = CallRegistry(
      [&](grpc::ClientContext* context) { return stub_->CloseRole(context, request, &closed); });
  EXPECT_TRUE(status.ok()) << status.error_message();
  return closed;
}

std::vector<cadre::v1::Role> MatchingViewTest::RegistryOpenRoles() {
  std::vector<cadre::v1::Role> roles;
  std::string token;
  do {
    cadre::v1::ListRolesRequest request;
    request.set_page_size(100);
    request.set_page_token(token);
    cadre::v1::ListRolesResponse response;
    grpc::Status status = CallRegistry([&](grpc::ClientContext* context) {
      return stub_->ListRoles(context, request, &response);
    });
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) break;
    roles.insert(roles.end(), response.roles().begin(), response.roles().end());
    token = response.next_page_token();
  } while (!token.empty());
  return roles;
}

bool MatchingViewTest::MatchesRegistry(const matching::RoleView& view) {
  const std::vector<cadre::v1::Role> expected = RegistryOpenRoles();
  if (view.roles().Size() != expected.size()) return false;
  for (const cadre::v1::Role& role : expected) {
    matching::OpenRolePtr held = view.roles().Find(*matching::RoleIdOf(role.name()));
    if (held == nullptr || !google::protobuf::util::MessageDifferencer::Equals(*held, role)) {
      return false;
    }
  }
  return true;
}

std::vector<std::string> MatchingViewTest::EventIdsAfter(const std::string& after_id) {
  std::vector<std::string> ids;
  auto reply = redis_->Command({"XRANGE", "registry:events", absl::StrCat("(", after_id), "+"});
  EXPECT_TRUE(reply.ok()) << reply.status();
  if (!reply.ok()) return ids;
  auto entries = ParseStreamEntries(*reply);
  EXPECT_TRUE(entries.ok()) << entries.status();
  if (!entries.ok()) return ids;
  for (const StreamEntry& entry : *entries) ids.push_back(entry.id);
  return ids;
}

std::string MatchingViewTest::LastEventId() {
  auto reply = redis_->Command({"XREVRANGE", "registry:events", "+", "-", "COUNT", "1"});
  EXPECT_TRUE(reply.ok()) << reply.status();
  if (!reply.ok()) return "0-0";
  auto entries = ParseStreamEntries(*reply);
  if (!entries.ok() || entries->empty()) return "0-0";
  return entries->front().id;
}

}  // namespace cadre::testing
