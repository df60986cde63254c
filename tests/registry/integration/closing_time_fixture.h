#pragma once

// The registry of the closing-time tests (closing_time_test.cc, closing_sweep_test.cc):
// service keys for matching and notifications, two bodies with a key each, an applicant's
// key, the harness's FakeClock, and helpers to make roles and read the event stream.

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "tests/registry/integration/applicant_keys_fixture.h"

namespace cadre::testing {

using ::cadre::v1::RegistryEvent;
using ::cadre::v1::Role;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr absl::Duration kNinetyDays = absl::Hours(24 * 90);

// A registry with service keys for matching and notifications, bodies RJ1 (a London
// trust) and QOP (a North West ICB) with a key each, and an applicant's key.
class ClosingTimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = RedisServer::Start();
    keys_dir_.Write("matching.key", matching_key_);
    keys_dir_.Write("notifications.key", notifications_key_);
    harness_ = std::make_unique<RegistryHarness>(Options());
    harness_->MakeBody("RJ1", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON);
    harness_->MakeBody("QOP", cadre::v1::BODY_KIND_ICB, cadre::v1::REGION_NORTH_WEST);
    trust_key_ = harness_->BodyKey("RJ1");
    icb_key_ = harness_->BodyKey("QOP");
    applicant_key_ = RegisterApplicant("a1");
  }

  // The options of this test's registry (and of any replica it starts).
  registry::RegistryOptions Options() {
    registry::RegistryOptions options = TestRegistryOptions(redis_->options());
    options.service_keys_dir = keys_dir_.path();
    return options;
  }

  cadre::v1::Registry::Stub& stub() { return harness_->stub(); }
  FakeClock& clock() { return harness_->clock(); }
  absl::Time Now() { return harness_->clock().Now(); }

  std::string RegisterApplicant(const std::string& applicant) {
    const std::string secret = NewSecret();
    cadre::v1::RegisterApplicantKeyRequest request;
    request.set_applicant(applicant);
    request.set_key_sha256(Sha256Hex(secret));
    *request.mutable_expire_time() = At(Now() + absl::Hours(24 * 365));
    request.set_label("sign-in");
    cadre::v1::RegisterApplicantKeyResponse response;
    CADRE_EXPECT_OK(
        stub().RegisterApplicantKey(CallContext(matching_key_).get(), request, &response));
    return secret;
  }

  // A draft of bodies/RJ1 closing `closes_in` from now (none for InfiniteDuration), titled
  // `title`.
  Role Draft(absl::Duration closes_in, const std::string& title = "Maternity stillbirth partner") {
    Role role = ValidRole("RJ1", Now());
    role.set_title(title);
    if (closes_in == absl::InfiniteDuration()) {
      role.clear_closing_time();
    } else {
      *role.mutable_closing_time() = At(Now() + closes_in);
    }
    cadre::v1::CreateRoleRequest request;
    *request.mutable_role() = role;
    Role created;
    CADRE_EXPECT_OK(stub().CreateRole(CallContext(trust_key_).get(), request, &created));
    return created;
  }
  // ... published.
  Role Open(absl::Duration closes_in, const std::string& title = "Maternity stillbirth partner") {
    Role draft = Draft(closes_in, title);
    cadre::v1::PublishRoleRequest request;
    request.set_name(draft.name());
    Role open;
    CADRE_EXPECT_OK(stub().PublishRole(CallContext(trust_key_).get(), request, &open));
    return open;
  }

  absl::StatusOr<Role> Get(const std::string& name, const std::string& key = "") {
    cadre::v1::GetRoleRequest request;
    request.set_name(name);
    Role role;
    grpc::Status s = stub().GetRole(CallContext(key).get(), request, &role);
    if (!s.ok()) return ToAbsl(s);
    return role;
  }

  absl::StatusOr<cadre::v1::ListRolesResponse> ListPage(const cadre::v1::ListRolesRequest& request,
                                                        const std::string& key) {
    cadre::v1::ListRolesResponse response;
    grpc::Status s = stub().ListRoles(CallContext(key).get(), request, &response);
    if (!s.ok()) return ToAbsl(s);
    return response;
  }
  // The names ListRoles answers `key` with (one page), with " (closed)" after those not
  // accepting applications.
  std::vector<std::string> Listed(const std::string& key,
                                  const cadre::v1::ListRolesRequest& request = {}) {
    absl::StatusOr<cadre::v1::ListRolesResponse> page = ListPage(request, key);
    CADRE_EXPECT_OK(page.status());
    std::vector<std::string> names;
    if (!page.ok()) return names;
    for (const Role& role : page->roles()) {
      names.push_back(role.accepting_applications() ? role.name()
                                                    : absl::StrCat(role.name(), " (closed)"));
    }
    return names;
  }
  std::vector<std::string> Search(const std::string& key, const std::string& words) {
    cadre::v1::ListRolesRequest request;
    request.set_query(words);
    return Listed(key, request);
  }
  // The roles on the involvement map, and its count of open roles.
  std::vector<std::string> OnMap(int* open_roles = nullptr) {
    cadre::v1::InvolvementMap map;
    CADRE_EXPECT_OK(stub().GetInvolvementMap(CallContext().get(), {}, &map));
    std::vector<std::string> names;
    for (const auto& section : map.sections()) {
      for (const auto& body : section.bodies()) {
        for (const auto& role : body.open_roles()) names.push_back(role.name());
      }
    }
    if (open_roles != nullptr) *open_roles = map.open_roles();
    return names;
  }

  Role Update(const Role& patch, const std::string& path, const std::string& key) {
    cadre::v1::UpdateRoleRequest request;
    *request.mutable_role() = patch;
    request.mutable_update_mask()->add_paths(path);
    Role out;
    CADRE_EXPECT_OK(stub().UpdateRole(CallContext(key).get(), request, &out));
    return out;
  }
  grpc::Status End(const std::string& name, cadre::v1::RoleState to, const std::string& key,
                   Role* out) {
    cadre::v1::CloseRoleRequest request;
    request.set_name(name);
    request.set_state(to);
    request.set_reason("decided");
    return stub().CloseRole(CallContext(key).get(), request, out);
  }

  registry::ClosingSweepCounts Sweep(RegistryHarness& harness) {
    absl::StatusOr<registry::ClosingSweepCounts> counts = harness.app().SweepClosingNow();
    CADRE_EXPECT_OK(counts.status());
    return counts.ok() ? *counts : registry::ClosingSweepCounts{-1, -1};
  }
  registry::ClosingSweepCounts Sweep() { return Sweep(*harness_); }

  // Every event of `type` on the registry's stream, in order.
  std::vector<RegistryEvent> Events(RegistryEvent::Type type) {
    std::vector<RegistryEvent> events;
    auto reply = harness_->redis().Command({"XRANGE", "registry:events", "-", "+"});
    CADRE_EXPECT_OK(reply.status());
    if (!reply.ok()) return events;
    auto entries = ParseStreamEntries(*reply);
    CADRE_EXPECT_OK(entries.status());
    if (!entries.ok()) return events;
    for (const auto& entry : *entries) {
      if (entry.Field("type") != RegistryEvent::Type_Name(type)) continue;
      RegistryEvent event;
      EXPECT_TRUE(event.ParseFromString(std::string(entry.Field("pb"))));
      events.push_back(event);
    }
    return events;
  }
  std::vector<RegistryEvent> EventsFor(const std::string& name, RegistryEvent::Type type) {
    std::vector<RegistryEvent> events = Events(type);
    events.erase(std::remove_if(events.begin(), events.end(),
                                [&](const RegistryEvent& e) { return e.resource() != name; }),
                 events.end());
    return events;
  }
  RegistryEvent LastEvent(const std::string& name, RegistryEvent::Type type) {
    std::vector<RegistryEvent> events = EventsFor(name, type);
    if (events.empty()) {
      ADD_FAILURE() << "no " << RegistryEvent::Type_Name(type) << " for " << name;
      return RegistryEvent();
    }
    return events.back();
  }
  // The actors of the audit entries of `action` on `resource`.
  std::vector<std::string> AuditActors(const std::string& resource, const std::string& action) {
    std::vector<std::string> actors;
    auto reply = harness_->redis().Command({"XRANGE", "registry:audit", "-", "+"});
    if (!reply.ok()) return actors;
    auto entries = ParseStreamEntries(*reply);
    if (!entries.ok()) return actors;
    for (const auto& entry : *entries) {
      if (entry.Field("resource") == resource && entry.Field("action") == action) {
        actors.emplace_back(entry.Field("actor"));
      }
    }
    return actors;
  }

  const std::string matching_key_ = NewSecret();
  const std::string notifications_key_ = NewSecret();
  TempDir keys_dir_;
  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<RegistryHarness> harness_;
  std::string trust_key_;
  std::string icb_key_;
  std::string applicant_key_;
};

}  // namespace cadre::testing
