// The registry through real stubs against a real redis-server: roles, visibility,
// idempotency, concurrency control, events, and paging under writes.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/status_matchers.h"

namespace cadre::testing {
namespace {

using ::cadre::v1::Role;
using ::testing::ElementsAre;

class RolesTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    trust_key_ = harness_->BodyKey("RJ1");
    icb_key_ = harness_->BodyKey("QOP");
  }

  Role Create(const Role& role, const std::string& key, const std::string& request_id = "") {
    cadre::v1::CreateRoleRequest request;
    *request.mutable_role() = role;
    request.set_request_id(request_id);
    Role created;
    grpc::Status s =
        harness_->stub().CreateRole(RegistryHarness::Context(key).get(), request, &created);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return created;
  }

  grpc::Status Publish(const std::string& name, const std::string& key, Role* out) {
    cadre::v1::PublishRoleRequest request;
    request.set_name(name);
    return harness_->stub().PublishRole(RegistryHarness::Context(key).get(), request, out);
  }

  grpc::Status Get(const std::string& name, const std::string& key, Role* out) {
    cadre::v1::GetRoleRequest request;
    request.set_name(name);
    return harness_->stub().GetRole(RegistryHarness::Context(key).get(), request, out);
  }

  cadre::v1::ListRolesResponse List(const cadre::v1::ListRolesRequest& request,
                                    const std::string& key = "") {
    cadre::v1::ListRolesResponse response;
    grpc::Status s =
        harness_->stub().ListRoles(RegistryHarness::Context(key).get(), request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return response;
  }

  int64_t StreamLength(const std::string& stream) {
    auto reply = harness_->redis().Command({"XLEN", stream});
    EXPECT_TRUE(reply.ok());
    return reply.ok() ? reply->integer : -1;
  }

  std::string trust_key_;
  std::string icb_key_;
};

TEST_F(RolesTest, DraftIsPrivateUntilPublishedThenPublic) {
  Role draft = Create(ValidRole("RJ1", harness_->clock().Now()), trust_key_);
  EXPECT_EQ(draft.state(), cadre::v1::ROLE_STATE_DRAFT);
  EXPECT_EQ(draft.etag(), "1");

  Role seen;
  EXPECT_THAT(Get(draft.name(), "", &seen), StatusIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(Get(draft.name(), icb_key_, &seen), StatusIs(grpc::StatusCode::NOT_FOUND));
  CADRE_EXPECT_OK(Get(draft.name(), trust_key_, &seen));
  EXPECT_TRUE(List({}).roles().empty());

  Role open;
  CADRE_ASSERT_OK(Publish(draft.name(), trust_key_, &open));
  EXPECT_EQ(open.state(), cadre::v1::ROLE_STATE_OPEN);
  EXPECT_TRUE(open.has_publish_time());
  CADRE_EXPECT_OK(Get(draft.name(), "", &seen));
  EXPECT_EQ(seen.title(), draft.title());
  auto listed = List({});
  ASSERT_EQ(listed.roles_size(), 1);
  EXPECT_EQ(listed.roles(0).name(), draft.name());
}

// One role, one name: "roles/02" is refused, not read as roles/2.
TEST_F(RolesTest, OnlyTheCanonicalNameFindsARole) {
  Create(ValidRole("RJ1", harness_->clock().Now()), trust_key_);
  Role second = Create(ValidRole("RJ1", harness_->clock().Now()), trust_key_);
  ASSERT_EQ(second.name(), "roles/2");
  Role open;
  CADRE_ASSERT_OK(Publish(second.name(), trust_key_, &open));

  Role seen;
  CADRE_EXPECT_OK(Get("roles/2", "", &seen));
  EXPECT_EQ(seen.name(), "roles/2");
  for (const char* other : {"roles/02", "roles/002", "roles/2/", "roles/+2"}) {
    SCOPED_TRACE(other);
    EXPECT_THAT(Get(other, "", &seen), StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "name: "));
    EXPECT_THAT(Get(other, kAdminKey, &seen), StatusIs(grpc::StatusCode::INVALID_ARGUMENT));
  }
  // Nor does a non-canonical name reach the role for a change.
  EXPECT_THAT(Publish("roles/02", trust_key_, &open), StatusIs(grpc::StatusCode::INVALID_ARGUMENT));
}

TEST_F(RolesTest, OnlyTheOwningBodyOrAdminMayWrite) {
  Role draft = Create(ValidRole("RJ1", harness_->clock().Now()), trust_key_);
  Role out;
  EXPECT_THAT(Publish(draft.name(), icb_key_, &out), StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(Publish(draft.name(), "", &out), StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  EXPECT_THAT(Publish(draft.name(), "cadre_not-a-real-key", &out),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED));

  // A body cannot post a role in another body's name.
  cadre::v1::CreateRoleRequest request;
  *request.mutable_role() = ValidRole("RJ1", harness_->clock().Now());
  EXPECT_THAT(harness_->stub().CreateRole(RegistryHarness::Context(icb_key_).get(), request, &out),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  CADRE_EXPECT_OK(Publish(draft.name(), kAdminKey, &out));
}

TEST_F(RolesTest, BadInputNamesTheFieldAndWritesNothing) {
  const auto keys_before = harness_->redis().Command({"DBSIZE"})->integer;
  const int64_t events_before = StreamLength("registry:events");
  struct Case {
    std::function<void(Role&)> spoil;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](Role& r) { r.set_title(""); }, "role.title"},
      {[](Role& r) { r.set_title(std::string(121, 'x')); }, "role.title"},
      {[](Role& r) { r.set_level(static_cast<cadre::v1::InvolvementLevel>(9)); }, "role.level"},
      {[](Role& r) { r.mutable_time_commitment()->set_hours_per_month(201); },
       "role.time_commitment.hours_per_month"},
      {[](Role& r) { r.add_topics("Not A Tag"); }, "role.topics[1]"},
      {[](Role& r) { r.set_places(0); }, "role.places"},
      {[](Role& r) { r.mutable_location()->clear_region(); }, "role.location.region"},
      {[](Role& r) { r.set_body("bodies/XX"); }, "role.body"},
      {[](Role& r) { r.set_body("bodies/ZZZ9"); }, "role.body"},
      {[](Role& r) { r.set_role_type("roleTypes/none-such"); }, "role.role_type"},
      {[](Role& r) { r.mutable_support()->set_rate_pence_per_hour(0); },
       "role.support.rate_pence_per_hour"},
  };
  for (const auto& c : cases) {
    cadre::v1::CreateRoleRequest request;
    *request.mutable_role() = ValidRole("RJ1", harness_->clock().Now());
    c.spoil(*request.mutable_role());
    Role out;
    EXPECT_THAT(
        harness_->stub().CreateRole(RegistryHarness::Context(kAdminKey).get(), request, &out),
        StatusIs(grpc::StatusCode::INVALID_ARGUMENT, c.field + ":"))
        << c.field;
  }
  cadre::v1::CreateRoleRequest request;
  *request.mutable_role() = ValidRole("RJ1", harness_->clock().Now());
  request.set_request_id("has spaces");
  Role out;
  EXPECT_THAT(harness_->stub().CreateRole(RegistryHarness::Context(kAdminKey).get(), request, &out),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "request_id"));

  EXPECT_EQ(harness_->redis().Command({"DBSIZE"})->integer, keys_before);
  EXPECT_EQ(StreamLength("registry:events"), events_before);
}

TEST_F(RolesTest, OversizedMessagesAreRefusedWhole) {
  cadre::v1::CreateRoleRequest request;
  *request.mutable_role() = ValidRole("RJ1", harness_->clock().Now());
  request.mutable_role()->set_summary(std::string(2 << 20, 'x'));  // 2 MiB, over the 1 MiB cap
  Role out;
  EXPECT_THAT(harness_->stub().CreateRole(RegistryHarness::Context(kAdminKey).get(), request, &out),
              StatusIs(grpc::StatusCode::RESOURCE_EXHAUSTED));
  EXPECT_EQ(harness_->redis().Command({"EXISTS", "registry:roles"})->integer, 0);
}

TEST_F(RolesTest, SameRequestIdCreatesOnce) {
  Role first = Create(ValidRole("RJ1", harness_->clock().Now()), trust_key_, "req-42");
  Role again = Create(ValidRole("RJ1", harness_->clock().Now()), trust_key_, "req-42");
  EXPECT_EQ(first.name(), again.name());
  Role other = Create(ValidRole("RJ1", harness_->clock().Now()), trust_key_, "req-43");
  EXPECT_NE(first.name(), other.name());
  EXPECT_EQ(harness_->redis().Command({"ZCARD", "registry:roles"})->integer, 2);
}

TEST_F(RolesTest, ARequestIdReusedForAnotherKindNeverAnswersWithItsResource) {
  // The ICB's draft roles/1, then the trust's avenues/1 made with request id "x".
  Role secret = Create(ValidRole("QOP", harness_->clock().Now()), icb_key_);
  cadre::v1::CreateAvenueRequest avenue;
  avenue.set_request_id("x");
  avenue.mutable_avenue()->set_body("bodies/RJ1");
  avenue.mutable_avenue()->set_kind(cadre::v1::AVENUE_KIND_PATIENT_PANEL);
  avenue.mutable_avenue()->set_title("Patient panel");
  avenue.mutable_avenue()->set_how_to_join("https://example.nhs.uk/panel");
  avenue.mutable_avenue()->set_level(cadre::v1::INVOLVEMENT_LEVEL_2);
  avenue.mutable_avenue()->mutable_location()->set_region(cadre::v1::REGION_LONDON);
  avenue.mutable_avenue()->mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_REMOTE);
  cadre::v1::Avenue made;
  CADRE_ASSERT_OK(
      harness_->stub().CreateAvenue(RegistryHarness::Context(trust_key_).get(), avenue, &made));
  ASSERT_EQ(made.name(), "avenues/1");
  ASSERT_EQ(secret.name(), "roles/1");
  // The same request id on a role create makes the trust's own role.
  Role mine = Create(ValidRole("RJ1", harness_->clock().Now()), trust_key_, "x");
  EXPECT_EQ(mine.body(), "bodies/RJ1");
  EXPECT_NE(mine.name(), secret.name());
}

TEST_F(RolesTest, FieldsTheServiceDoesNotKnowAreNotKept) {
  Role role = ValidRole("RJ1", harness_->clock().Now());
  role.GetReflection()->MutableUnknownFields(&role)->AddLengthDelimited(999,
                                                                        std::string(4096, 'x'));
  role.mutable_location()
      ->GetReflection()
      ->MutableUnknownFields(role.mutable_location())
      ->AddVarint(77, 1);
  Role created = Create(role, trust_key_);
  Role seen;
  CADRE_ASSERT_OK(Get(created.name(), trust_key_, &seen));
  EXPECT_TRUE(seen.GetReflection()->GetUnknownFields(seen).empty());
  EXPECT_TRUE(seen.location().GetReflection()->GetUnknownFields(seen.location()).empty());
  auto stored = harness_->redis().Command({"HGET", "registry:role:1", "pb"});
  ASSERT_TRUE(stored.ok());
  EXPECT_LT(stored->str.size(), 1024u);

  cadre::v1::UpdateRoleRequest update;
  update.mutable_role()->set_name(created.name());
  update.mutable_role()->mutable_location()->set_region(cadre::v1::REGION_LONDON);
  update.mutable_role()->mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_REMOTE);
  update.mutable_role()
      ->mutable_location()
      ->GetReflection()
      ->MutableUnknownFields(update.mutable_role()->mutable_location())
      ->AddLengthDelimited(5, std::string(4096, 'y'));
  update.mutable_update_mask()->add_paths("location");
  CADRE_ASSERT_OK(
      harness_->stub().UpdateRole(RegistryHarness::Context(trust_key_).get(), update, &seen));
  EXPECT_TRUE(seen.location().GetReflection()->GetUnknownFields(seen.location()).empty());
}

TEST_F(RolesTest, StaleEtagIsAborted) {
  Role draft = Create(ValidRole("RJ1", harness_->clock().Now()), trust_key_);
  cadre::v1::UpdateRoleRequest update;
  update.mutable_role()->set_name(draft.name());
  update.mutable_role()->set_etag(draft.etag());
  update.mutable_role()->set_title("Patient partner, outpatient letters redesign");
  update.mutable_update_mask()->add_paths("title");
  Role updated;
  CADRE_ASSERT_OK(
      harness_->stub().UpdateRole(RegistryHarness::Context(trust_key_).get(), update, &updated));
  EXPECT_EQ(updated.title(), "Patient partner, outpatient letters redesign");
  EXPECT_EQ(updated.etag(), "2");
  EXPECT_EQ(updated.level(), draft.level());  // outside the mask: unchanged

  // The same request again carries the old etag.
  EXPECT_THAT(
      harness_->stub().UpdateRole(RegistryHarness::Context(trust_key_).get(), update, &updated),
      StatusIs(grpc::StatusCode::ABORTED));
  update.mutable_update_mask()->add_paths("state");
  update.mutable_role()->set_etag("2");
  EXPECT_THAT(
      harness_->stub().UpdateRole(RegistryHarness::Context(trust_key_).get(), update, &updated),
      StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "update_mask"));
}

TEST_F(RolesTest, OnlyLegalTransitions) {
  Role draft = Create(ValidRole("RJ1", harness_->clock().Now()), trust_key_);
  cadre::v1::CloseRoleRequest close;
  close.set_name(draft.name());
  close.set_state(cadre::v1::ROLE_STATE_FILLED);
  Role out;
  EXPECT_THAT(harness_->stub().CloseRole(RegistryHarness::Context(trust_key_).get(), close, &out),
              StatusIs(grpc::StatusCode::FAILED_PRECONDITION));
  CADRE_ASSERT_OK(Publish(draft.name(), trust_key_, &out));
  EXPECT_THAT(Publish(draft.name(), trust_key_, &out),
              StatusIs(grpc::StatusCode::FAILED_PRECONDITION));
  close.set_reason("Two patient leaders appointed");
  CADRE_ASSERT_OK(
      harness_->stub().CloseRole(RegistryHarness::Context(trust_key_).get(), close, &out));
  EXPECT_EQ(out.state(), cadre::v1::ROLE_STATE_FILLED);
  EXPECT_FALSE(out.accepting_applications());
  // Published once, it stays readable by name by anyone (records of it can show it).
  Role seen;
  CADRE_EXPECT_OK(Get(draft.name(), "", &seen));
  EXPECT_EQ(seen.state(), cadre::v1::ROLE_STATE_FILLED);
  EXPECT_FALSE(seen.accepting_applications());

  // Filled roles are listed for their own body only.
  cadre::v1::ListRolesRequest filled;
  filled.set_state(cadre::v1::ROLE_STATE_FILLED);
  filled.set_body("bodies/RJ1");
  EXPECT_EQ(List(filled, trust_key_).roles_size(), 1);
  cadre::v1::ListRolesResponse response;
  EXPECT_THAT(
      harness_->stub().ListRoles(RegistryHarness::Context(icb_key_).get(), filled, &response),
      StatusIs(grpc::StatusCode::PERMISSION_DENIED));
}

TEST_F(RolesTest, EveryChangeIsAnnouncedOnTheStreamWithItsAuditEntry) {
  Role draft = Create(ValidRole("RJ1", harness_->clock().Now()), trust_key_);
  Role out;
  CADRE_ASSERT_OK(Publish(draft.name(), trust_key_, &out));
  auto reply = harness_->redis().Command({"XRANGE", "registry:events", "-", "+"});
  ASSERT_TRUE(reply.ok());
  auto entries = ParseStreamEntries(*reply);
  ASSERT_TRUE(entries.ok());
  std::vector<std::string> types;
  for (const auto& e : *entries) types.emplace_back(e.Field("type"));
  EXPECT_THAT(types, ElementsAre("BODY_CREATED", "BODY_CREATED", "ROLE_CREATED", "ROLE_PUBLISHED"));
  cadre::v1::RegistryEvent last;
  ASSERT_TRUE(last.ParseFromString(std::string(entries->back().Field("pb"))));
  EXPECT_EQ(last.resource(), draft.name());
  EXPECT_EQ(last.version(), 2);
  EXPECT_EQ(last.actor(), "bodies/RJ1");
  EXPECT_EQ(last.role().state(), cadre::v1::ROLE_STATE_OPEN);

  auto audit = harness_->redis().Command({"XRANGE", "registry:audit", "-", "+"});
  auto audit_entries = ParseStreamEntries(*audit);
  ASSERT_TRUE(audit_entries.ok());
  ASSERT_EQ(audit_entries->size(), 4u);
  EXPECT_EQ(audit_entries->back().Field("actor"), "bodies/RJ1");
  EXPECT_EQ(audit_entries->back().Field("action"), "ROLE_PUBLISHED");
}

TEST_F(RolesTest, FiltersCombine) {
  Role a = ValidRole("RJ1", harness_->clock().Now());
  Role b = ValidRole("QOP", harness_->clock().Now());
  b.set_level(cadre::v1::INVOLVEMENT_LEVEL_1);
  b.mutable_location()->set_region(cadre::v1::REGION_NORTH_WEST);
  b.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_IN_PERSON);
  b.mutable_time_commitment()->set_hours_per_month(2);
  b.set_title("Diabetes survey: what would help you manage at home?");
  b.clear_topics();
  b.add_topics("diabetes");
  Role out;
  CADRE_ASSERT_OK(Publish(Create(a, trust_key_).name(), trust_key_, &out));
  CADRE_ASSERT_OK(Publish(Create(b, icb_key_).name(), icb_key_, &out));

  auto names = [&](const cadre::v1::ListRolesRequest& r) {
    std::vector<std::string> titles;
    const auto response = List(r);
    for (const auto& role : response.roles()) titles.push_back(role.body());
    return titles;
  };
  cadre::v1::ListRolesRequest r;
  r.set_body_kind(cadre::v1::BODY_KIND_ICB);
  EXPECT_THAT(names(r), ElementsAre("bodies/QOP"));
  r.Clear();
  r.set_remote(true);
  EXPECT_THAT(names(r), ElementsAre("bodies/RJ1"));
  r.Clear();
  r.set_max_hours_per_month(3);
  r.set_region(cadre::v1::REGION_NORTH_WEST);
  EXPECT_THAT(names(r), ElementsAre("bodies/QOP"));
  r.Clear();
  r.set_query("DIABETES home");
  EXPECT_THAT(names(r), ElementsAre("bodies/QOP"));
  r.Clear();
  r.set_topic("maternity");
  r.set_level(cadre::v1::INVOLVEMENT_LEVEL_3);
  EXPECT_THAT(names(r), ElementsAre("bodies/RJ1"));
  r.set_level(cadre::v1::INVOLVEMENT_LEVEL_1);
  EXPECT_TRUE(names(r).empty());
}

TEST_F(RolesTest, PagingNeitherSkipsNorRepeatsWhileOthersWrite) {
  std::vector<std::string> originals;
  for (int i = 0; i < 60; ++i) {
    Role role = ValidRole(i % 2 ? "RJ1" : "QOP", harness_->clock().Now());
    role.set_title(absl::StrCat("Working group member ", i));
    const std::string& key = i % 2 ? trust_key_ : icb_key_;
    Role out;
    CADRE_ASSERT_OK(Publish(Create(role, key).name(), key, &out));
    originals.push_back(out.name());
  }
  // Writers add new roles and edit old ones while a reader pages through.
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    int n = 0;
    while (!stop.load() && n < 200) {
      Role role = ValidRole("RJ1", harness_->clock().Now());
      role.set_title(absl::StrCat("Late role ", n));
      Role created = Create(role, trust_key_);
      Role out;
      Publish(created.name(), trust_key_, &out);
      cadre::v1::UpdateRoleRequest update;
      update.mutable_role()->set_name(originals[n % originals.size()]);
      update.mutable_role()->set_summary(absl::StrCat("edited ", n));
      update.mutable_update_mask()->add_paths("summary");
      harness_->stub().UpdateRole(RegistryHarness::Context(kAdminKey).get(), update, &out);
      ++n;
    }
  });
  std::multiset<std::string> seen;
  cadre::v1::ListRolesRequest request;
  request.set_page_size(7);
  request.set_topic("maternity");
  int pages = 0;
  do {
    auto response = List(request);
    for (const auto& role : response.roles()) seen.insert(role.name());
    request.set_page_token(response.next_page_token());
    ++pages;
  } while (!request.page_token().empty() && pages < 1000);
  stop = true;
  writer.join();
  for (const auto& name : originals) EXPECT_EQ(seen.count(name), 1u) << name;
  for (const auto& name : seen) EXPECT_EQ(seen.count(name), 1u) << name;

  // A token cannot be used with other filters.
  cadre::v1::ListRolesRequest first;
  first.set_page_size(5);
  auto page = List(first);
  ASSERT_FALSE(page.next_page_token().empty());
  first.set_page_token(page.next_page_token());
  first.set_level(cadre::v1::INVOLVEMENT_LEVEL_2);
  cadre::v1::ListRolesResponse response;
  EXPECT_THAT(harness_->stub().ListRoles(RegistryHarness::Context().get(), first, &response),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "page_token"));
}

TEST_F(RolesTest, WritesAreRateLimitedPerBodyAcrossReplicas) {
  RegistryHarness a(redis_->options(), /*writes_per_minute=*/4);
  RegistryHarness b(redis_->options(), /*writes_per_minute=*/4);
  b.clock().Set(a.clock().Now());
  auto create = [&](RegistryHarness& h, const std::string& key, const std::string& request_id) {
    cadre::v1::CreateRoleRequest request;
    *request.mutable_role() = ValidRole("RJ1", h.clock().Now());
    request.set_request_id(request_id);
    Role out;
    return h.stub().CreateRole(RegistryHarness::Context(key).get(), request, &out);
  };
  // Four changes a minute between both replicas; a retried request id is free.
  CADRE_EXPECT_OK(create(a, trust_key_, "r1"));
  CADRE_EXPECT_OK(create(b, trust_key_, "r2"));
  CADRE_EXPECT_OK(create(a, trust_key_, "r3"));
  CADRE_EXPECT_OK(create(b, trust_key_, "r4"));
  CADRE_EXPECT_OK(create(a, trust_key_, "r1"));
  EXPECT_THAT(create(b, trust_key_, "r5"), StatusIs(grpc::StatusCode::RESOURCE_EXHAUSTED));
  // Another body, and admins, are not held back by this body's count.
  CADRE_EXPECT_OK(create(a, kAdminKey, "r6"));
  cadre::v1::CreateRoleRequest other;
  *other.mutable_role() = ValidRole("QOP", a.clock().Now());
  Role out;
  CADRE_EXPECT_OK(a.stub().CreateRole(RegistryHarness::Context(icb_key_).get(), other, &out));
  // The next minute the body may write again.
  a.clock().Advance(absl::Minutes(1));
  CADRE_EXPECT_OK(create(a, trust_key_, "r7"));
  EXPECT_EQ(harness_->redis().Command({"ZCARD", "registry:roles"})->integer, 7);
}

TEST_F(RolesTest, AnotherReplicaSeesTheWriteThroughEvents) {
  RegistryHarness replica(redis_->options());
  Role out;
  Role draft = Create(ValidRole("RJ1", harness_->clock().Now()), trust_key_);
  CADRE_ASSERT_OK(Publish(draft.name(), trust_key_, &out));
  EXPECT_TRUE(WaitFor([&] {
    cadre::v1::GetRoleRequest request;
    request.set_name(draft.name());
    Role seen;
    return replica.stub().GetRole(RegistryHarness::Context().get(), request, &seen).ok() &&
           seen.state() == cadre::v1::ROLE_STATE_OPEN;
  }));
}

}  // namespace
}  // namespace cadre::testing
