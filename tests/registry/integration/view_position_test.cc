// ListRoles answers the view's position: the id of the last registry:events entry the
// replica had applied, never ahead of what the page shows; empty before any event; it
// moves on as events are applied, and a reload carries it. Role requirements are
// credential names.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/status_matchers.h"

namespace cadre::testing {
namespace {

using ::cadre::v1::ListRolesRequest;
using ::cadre::v1::ListRolesResponse;
using ::cadre::v1::Role;

// "ms-seq" as two numbers, to compare positions in order; {0, 0} for "".
std::pair<uint64_t, uint64_t> Id(const std::string& id) {
  std::pair<uint64_t, uint64_t> parsed{0, 0};
  const size_t dash = id.find('-');
  if (dash == std::string::npos) return parsed;
  EXPECT_TRUE(absl::SimpleAtoi(id.substr(0, dash), &parsed.first)) << id;
  EXPECT_TRUE(absl::SimpleAtoi(id.substr(dash + 1), &parsed.second)) << id;
  return parsed;
}

class ViewPositionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = RedisServer::Start();
    harness_ = std::make_unique<RegistryHarness>(redis_->options());
  }

  ListRolesResponse List(ListRolesRequest request = {}) {
    ListRolesResponse response;
    grpc::Status s = harness_->stub().ListRoles(CallContext().get(), request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return response;
  }

  // The id of the newest registry:events entry ("" if none).
  std::string LastEvent() {
    auto reply =
        harness_->redis().Command({"XREVRANGE", "registry:events", "+", "-", "COUNT", "1"});
    EXPECT_TRUE(reply.ok());
    if (!reply.ok() || reply->elements.empty()) return "";
    return reply->elements[0].elements[0].str;
  }

  // Creates and publishes a role of bodies/{code}; returns it.
  Role OpenRole(const std::string& code, const std::string& key) {
    cadre::v1::CreateRoleRequest create;
    *create.mutable_role() = ValidRole(code, harness_->clock().Now());
    Role role;
    EXPECT_TRUE(harness_->stub().CreateRole(CallContext(key).get(), create, &role).ok());
    cadre::v1::PublishRoleRequest publish;
    publish.set_name(role.name());
    EXPECT_TRUE(harness_->stub().PublishRole(CallContext(key).get(), publish, &role).ok());
    return role;
  }

  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<RegistryHarness> harness_;
};

TEST_F(ViewPositionTest, EmptyBeforeAnyEventThenTheLastEventApplied) {
  EXPECT_EQ(List().view_position(), "");

  harness_->MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
  const std::string key = harness_->BodyKey("RJ1");
  const Role first = OpenRole("RJ1", key);
  const std::string after_first = LastEvent();
  ASSERT_FALSE(after_first.empty());
  // The replica catches up with the stream; a page at that position shows the role.
  ListRolesResponse page;
  EXPECT_TRUE(WaitFor([&] {
    page = List();
    return page.view_position() == after_first;
  })) << page.view_position()
      << " vs " << after_first;
  ASSERT_EQ(page.roles_size(), 1);
  EXPECT_EQ(page.roles(0).name(), first.name());
  EXPECT_EQ(page.roles(0).etag(), first.etag());

  // Another change: the position moves on, and never passes the stream's end.
  const Role second = OpenRole("RJ1", key);
  const std::string after_second = LastEvent();
  EXPECT_GT(Id(after_second), Id(after_first));
  EXPECT_TRUE(WaitFor([&] {
    page = List();
    EXPECT_LE(Id(page.view_position()), Id(LastEvent()));
    return page.view_position() == after_second;
  }));
  ASSERT_EQ(page.roles_size(), 2);
  EXPECT_EQ(page.roles(0).name(), second.name());

  // Every page of a listing carries it, the last one included.
  ListRolesRequest paged;
  paged.set_page_size(1);
  ListRolesResponse one = List(paged);
  EXPECT_EQ(one.view_position(), after_second);
  ASSERT_FALSE(one.next_page_token().empty());
  paged.set_page_token(one.next_page_token());
  EXPECT_EQ(List(paged).view_position(), after_second);
}

// A page is never ahead of what it shows: whatever position a page reports, every role
// published at or before it is on the page, at its version then or later.
TEST_F(ViewPositionTest, APageReflectsEveryEventUpToItsPosition) {
  harness_->MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
  const std::string key = harness_->BodyKey("RJ1");
  std::vector<std::pair<std::string, std::string>> published;  // (event id, role name)
  for (int i = 0; i < 15; ++i) {
    const Role role = OpenRole("RJ1", key);
    published.emplace_back(LastEvent(), role.name());
    ListRolesRequest request;
    request.set_page_size(100);
    const ListRolesResponse page = List(request);
    for (const auto& [event_id, name] : published) {
      if (Id(event_id) > Id(page.view_position())) continue;
      bool listed = false;
      for (const Role& r : page.roles()) listed = listed || r.name() == name;
      EXPECT_TRUE(listed) << name << " published at " << event_id << ", page at "
                          << page.view_position();
    }
  }
}

TEST_F(ViewPositionTest, AReloadedViewReportsThePositionItLoadedAt) {
  harness_->MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
  OpenRole("RJ1", harness_->BodyKey("RJ1"));
  const std::string last = LastEvent();
  // A new replica loads the records; it has read no event, but holds every change to here.
  RegistryHarness second(redis_->options());
  ListRolesResponse page;
  grpc::Status s = second.stub().ListRoles(CallContext().get(), ListRolesRequest(), &page);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(page.view_position(), last);
  EXPECT_EQ(page.roles_size(), 1);
}

TEST_F(ViewPositionTest, RequiredCredentialsAreCredentialNames) {
  harness_->MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
  const std::string key = harness_->BodyKey("RJ1");
  cadre::v1::CreateRoleRequest create;
  *create.mutable_role() = ValidRole("RJ1", harness_->clock().Now());
  create.mutable_role()->add_required_credentials("dbs-enhanced");
  create.mutable_role()->add_required_credentials("modules/ppv-induction");
  Role role;
  CADRE_ASSERT_OK(harness_->stub().CreateRole(CallContext(key).get(), create, &role));
  EXPECT_EQ(role.required_credentials(1), "modules/ppv-induction");
  create.mutable_role()->add_required_credentials("modules/PPV");
  EXPECT_THAT(harness_->stub().CreateRole(CallContext(key).get(), create, &role),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "role.required_credentials[2]"));
  create.mutable_role()->mutable_required_credentials()->RemoveLast();
  create.mutable_role()->add_required_credentials("DBS check");
  EXPECT_THAT(harness_->stub().CreateRole(CallContext(key).get(), create, &role),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "role.required_credentials[2]"));
}

}  // namespace
}  // namespace cadre::testing
