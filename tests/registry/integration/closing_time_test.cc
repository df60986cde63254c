// A role's closing time, through real stubs against a real redis-server, with the
// harness's FakeClock: from it no public listing, search or map shows the role, while it
// stays OPEN and readable by name, and its body, admins and the matching service still
// list it (accepting_applications false); the closing sweep announces each closing once
// (ROLE_APPLICATIONS_CLOSED, a newer version), however many sweeps run at once, and
// closes a role left undecided 90 days later. Also who may read and end roles: the
// matching service reads every role and may only mark an open role filled; other
// services read as the public does; published roles stay readable by name.

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "tests/registry/integration/applicant_keys_fixture.h"

namespace cadre::testing {
namespace {

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

TEST_F(ClosingTimeTest, FromItsClosingTimeNoPublicListingShowsTheRoleButItStaysReadable) {
  const Role closing = Open(absl::Hours(1));
  const Role lasting = Open(absl::InfiniteDuration(), "Maternity voices partner");
  EXPECT_TRUE(closing.accepting_applications());
  EXPECT_TRUE(lasting.accepting_applications());
  const std::string a = closing.name();
  const std::string b = lasting.name();

  // Before the closing time: everyone lists, finds and maps both.
  for (const std::string& key :
       {std::string(), applicant_key_, notifications_key_, icb_key_, trust_key_}) {
    EXPECT_THAT(Listed(key), ElementsAre(b, a));
    EXPECT_THAT(Search(key, "maternity"), ElementsAre(b, a));
  }
  int open_roles = 0;
  EXPECT_THAT(OnMap(&open_roles), UnorderedElementsAre(a, b));  // and now cached
  EXPECT_EQ(open_roles, 2);
  absl::StatusOr<Role> seen = Get(a);
  CADRE_ASSERT_OK(seen.status());
  EXPECT_TRUE(seen->accepting_applications());

  // At the closing time, before any sweep or event: gone from every public listing,
  // search and the (cached) map, for anonymous, applicant, other service and other body
  // callers, and for the body itself when it lists every body's roles.
  clock().Advance(absl::Hours(1));
  for (const std::string& key :
       {std::string(), applicant_key_, notifications_key_, icb_key_, trust_key_}) {
    EXPECT_THAT(Listed(key), ElementsAre(b));
    EXPECT_THAT(Search(key, "maternity"), ElementsAre(b));
    EXPECT_THAT(Search(key, "stillbirth"), IsEmpty());
  }
  EXPECT_THAT(OnMap(&open_roles), ElementsAre(b));
  EXPECT_EQ(open_roles, 1);

  // Still OPEN and readable by name, by anyone, not accepting.
  for (const std::string& key : {std::string(), applicant_key_, notifications_key_, icb_key_}) {
    seen = Get(a, key);
    CADRE_ASSERT_OK(seen.status());
    EXPECT_EQ(seen->state(), cadre::v1::ROLE_STATE_OPEN);
    EXPECT_FALSE(seen->accepting_applications());
    seen = Get(b, key);
    CADRE_ASSERT_OK(seen.status());
    EXPECT_TRUE(seen->accepting_applications());
  }

  // Its own body (listing its own), admins and the matching service still list it.
  cadre::v1::ListRolesRequest own;
  own.set_body("bodies/RJ1");
  const std::string a_closed = absl::StrCat(a, " (closed)");
  EXPECT_THAT(Listed(trust_key_, own), ElementsAre(b, a_closed));
  EXPECT_THAT(Listed(kAdminKey), ElementsAre(b, a_closed));
  EXPECT_THAT(Listed(matching_key_), ElementsAre(b, a_closed));
  cadre::v1::ListRolesRequest matching_search;
  matching_search.set_query("stillbirth");
  EXPECT_THAT(Listed(matching_key_, matching_search), ElementsAre(a_closed));
  // Another body naming RJ1 sees what the public sees.
  EXPECT_THAT(Listed(icb_key_, own), ElementsAre(b));
  EXPECT_THAT(Listed("", own), ElementsAre(b));
}

TEST_F(ClosingTimeTest, TheMatchingServiceLoadsEveryOpenRolePageByPageWithItsPosition) {
  const Role first = Open(absl::Hours(1));
  const Role second = Open(absl::Hours(2));
  const Role third = Open(absl::Hours(3));
  clock().Advance(absl::Minutes(150));  // the first two closed
  std::vector<std::string> names;
  cadre::v1::ListRolesRequest request;
  request.set_state(cadre::v1::ROLE_STATE_OPEN);
  request.set_page_size(1);
  do {
    absl::StatusOr<cadre::v1::ListRolesResponse> page = ListPage(request, matching_key_);
    CADRE_ASSERT_OK(page.status());
    EXPECT_FALSE(page->view_position().empty());
    for (const Role& role : page->roles()) {
      names.push_back(absl::StrCat(role.name(), role.accepting_applications() ? "" : " (closed)"));
    }
    request.set_page_token(page->next_page_token());
  } while (!request.page_token().empty());
  EXPECT_THAT(names, ElementsAre(third.name(), absl::StrCat(second.name(), " (closed)"),
                                 absl::StrCat(first.name(), " (closed)")));
  EXPECT_THAT(Listed(notifications_key_, request), ElementsAre(third.name()));
}

TEST_F(ClosingTimeTest, ASweepAnnouncesAClosingOnceWithANewerVersionAndNothingElse) {
  const Role role = Open(absl::Hours(1));
  const Role lasting = Open(absl::InfiniteDuration());
  const Role later = Open(absl::Hours(5));
  ASSERT_EQ(role.etag(), "2");
  // The publish's event says it accepts.
  std::vector<RegistryEvent> published = EventsFor(role.name(), RegistryEvent::ROLE_PUBLISHED);
  ASSERT_EQ(published.size(), 1u);
  EXPECT_TRUE(published[0].role().accepting_applications());

  // Before its closing time nothing is due.
  clock().Advance(absl::Hours(1) - absl::Seconds(1));
  EXPECT_EQ(Sweep().applications_closed, 0);
  EXPECT_THAT(Events(RegistryEvent::ROLE_APPLICATIONS_CLOSED), IsEmpty());

  clock().Advance(absl::Seconds(1));
  registry::ClosingSweepCounts counts = Sweep();
  EXPECT_EQ(counts.applications_closed, 1);
  EXPECT_EQ(counts.closed_undecided, 0);
  std::vector<RegistryEvent> closed = Events(RegistryEvent::ROLE_APPLICATIONS_CLOSED);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].resource(), role.name());
  EXPECT_EQ(closed[0].version(), 3);
  EXPECT_EQ(closed[0].actor(), "registry");
  EXPECT_EQ(closed[0].role().name(), role.name());
  EXPECT_EQ(closed[0].role().state(), cadre::v1::ROLE_STATE_OPEN);
  EXPECT_FALSE(closed[0].role().accepting_applications());
  EXPECT_EQ(closed[0].role().title(), role.title());
  EXPECT_THAT(AuditActors(role.name(), "ROLE_APPLICATIONS_CLOSED"), ElementsAre("registry"));

  // The record: a new version, the same bytes (update_time included).
  auto record = harness_->redis().Command({"HGET", "registry:role:1", "v"});
  CADRE_ASSERT_OK(record.status());
  EXPECT_EQ(record->str, "3");
  absl::StatusOr<Role> now = Get(role.name(), trust_key_);
  CADRE_ASSERT_OK(now.status());
  EXPECT_EQ(now->etag(), "3");
  EXPECT_EQ(now->state(), cadre::v1::ROLE_STATE_OPEN);
  EXPECT_EQ(now->update_time().seconds(), role.update_time().seconds());
  EXPECT_EQ(now->update_time().nanos(), role.update_time().nanos());
  EXPECT_FALSE(now->accepting_applications());

  // Swept again, and again later: nothing more.
  EXPECT_EQ(Sweep().applications_closed, 0);
  clock().Advance(absl::Hours(1));
  EXPECT_EQ(Sweep().applications_closed, 0);
  EXPECT_EQ(Events(RegistryEvent::ROLE_APPLICATIONS_CLOSED).size(), 1u);
  // The role without a closing time is never announced; the later one in its turn.
  clock().Advance(absl::Hours(3));
  EXPECT_EQ(Sweep().applications_closed, 1);
  closed = Events(RegistryEvent::ROLE_APPLICATIONS_CLOSED);
  ASSERT_EQ(closed.size(), 2u);
  EXPECT_EQ(closed[1].resource(), later.name());
  EXPECT_THAT(EventsFor(lasting.name(), RegistryEvent::ROLE_APPLICATIONS_CLOSED), IsEmpty());
}

// Several sweeps at once, on one replica (two threads) and on two replicas: each closing
// is announced exactly once.
TEST_F(ClosingTimeTest, SweepsRunningAtOnceAnnounceEachClosingOnce) {
  RegistryHarness replica(Options());
  std::vector<std::string> names;
  constexpr int kRounds = 4;
  constexpr int kRolesPerRound = 6;
  int announced = 0;
  for (int round = 0; round < kRounds; ++round) {
    for (int i = 0; i < kRolesPerRound; ++i) names.push_back(Open(absl::Minutes(10)).name());
    clock().Advance(absl::Minutes(10));
    replica.clock().Set(Now());
    registry::ClosingSweepCounts counts[3];
    std::thread one([&] { counts[0] = Sweep(); });
    std::thread two([&] { counts[1] = Sweep(); });
    std::thread three([&] { counts[2] = Sweep(replica); });
    one.join();
    two.join();
    three.join();
    announced += counts[0].applications_closed + counts[1].applications_closed +
                 counts[2].applications_closed;
    EXPECT_EQ(announced, (round + 1) * kRolesPerRound) << "round " << round;
  }
  for (const std::string& name : names) {
    std::vector<RegistryEvent> events = EventsFor(name, RegistryEvent::ROLE_APPLICATIONS_CLOSED);
    ASSERT_EQ(events.size(), 1u) << name;
    EXPECT_EQ(events[0].version(), 3) << name;
  }
  EXPECT_EQ(Sweep().applications_closed + Sweep(replica).applications_closed, 0);
  EXPECT_EQ(Events(RegistryEvent::ROLE_APPLICATIONS_CLOSED).size(), names.size());
}

TEST_F(ClosingTimeTest, ALaterClosingTimeAcceptsAgainAndIsAnnouncedAgain) {
  const Role role = Open(absl::Hours(1));
  clock().Advance(absl::Hours(1));
  EXPECT_EQ(Sweep().applications_closed, 1);
  EXPECT_THAT(Listed(""), IsEmpty());

  // An edit after the closing time: still not accepting, and not announced again.
  Role patch;
  patch.set_name(role.name());
  patch.set_summary("Now with a longer summary.");
  Role edited = Update(patch, "summary", trust_key_);
  EXPECT_FALSE(edited.accepting_applications());
  EXPECT_EQ(Sweep().applications_closed, 0);

  // A later closing time: it accepts again at once, and its new closing is announced.
  *patch.mutable_closing_time() = At(Now() + absl::Hours(2));
  Role reopened = Update(patch, "closing_time", trust_key_);
  EXPECT_TRUE(reopened.accepting_applications());
  EXPECT_TRUE(LastEvent(role.name(), RegistryEvent::ROLE_UPDATED).role().accepting_applications());
  EXPECT_THAT(Listed(""), ElementsAre(role.name()));
  EXPECT_THAT(OnMap(), ElementsAre(role.name()));
  EXPECT_EQ(Sweep().applications_closed, 0);
  clock().Advance(absl::Hours(2));
  EXPECT_THAT(Listed(""), IsEmpty());
  EXPECT_EQ(Sweep().applications_closed, 1);
  std::vector<RegistryEvent> closed =
      EventsFor(role.name(), RegistryEvent::ROLE_APPLICATIONS_CLOSED);
  ASSERT_EQ(closed.size(), 2u);
  EXPECT_GT(closed[1].version(), closed[0].version());
  EXPECT_EQ(closed[1].version(), std::stoll(reopened.etag()) + 1);
  EXPECT_EQ(Sweep().applications_closed, 0);
}

TEST_F(ClosingTimeTest, AnEarlierClosingTimeEndsApplicationsAtOnceAndIsAnnounced) {
  const Role role = Open(absl::Hours(5));
  const Role lasting = Open(absl::InfiniteDuration());
  // Both moved to a closing time that has just passed.
  clock().Advance(absl::Minutes(10));
  Role patch;
  *patch.mutable_closing_time() = At(Now() - absl::Minutes(1));
  patch.set_name(role.name());
  EXPECT_FALSE(Update(patch, "closing_time", trust_key_).accepting_applications());
  patch.set_name(lasting.name());
  EXPECT_FALSE(Update(patch, "closing_time", trust_key_).accepting_applications());
  EXPECT_THAT(Listed(""), IsEmpty());
  EXPECT_EQ(Sweep().applications_closed, 2);
  EXPECT_EQ(EventsFor(role.name(), RegistryEvent::ROLE_APPLICATIONS_CLOSED).size(), 1u);
  EXPECT_EQ(EventsFor(lasting.name(), RegistryEvent::ROLE_APPLICATIONS_CLOSED).size(), 1u);
  EXPECT_EQ(Sweep().applications_closed, 0);
}

// An edit between the closing time and the sweep: the closing is still announced, once.
TEST_F(ClosingTimeTest, AnEditBeforeTheSweepDoesNotLoseTheAnnouncement) {
  const Role role = Open(absl::Hours(1));
  clock().Advance(absl::Hours(2));
  Role patch;
  patch.set_name(role.name());
  patch.set_summary("Edited after the closing time.");
  Role edited = Update(patch, "summary", trust_key_);
  EXPECT_FALSE(edited.accepting_applications());
  EXPECT_FALSE(LastEvent(role.name(), RegistryEvent::ROLE_UPDATED).role().accepting_applications());
  EXPECT_EQ(Sweep().applications_closed, 1);
  std::vector<RegistryEvent> closed =
      EventsFor(role.name(), RegistryEvent::ROLE_APPLICATIONS_CLOSED);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].version(), std::stoll(edited.etag()) + 1);
  EXPECT_EQ(closed[0].role().summary(), "Edited after the closing time.");
  EXPECT_EQ(Sweep().applications_closed, 0);
}

TEST_F(ClosingTimeTest, NinetyDaysAfterItsClosingTimeTheRegistryClosesAnUndecidedRole) {
  const Role undecided = Open(absl::Hours(1));
  const Role filled = Open(absl::Hours(1));
  const Role lasting = Open(absl::InfiniteDuration());
  clock().Advance(absl::Hours(1));
  EXPECT_EQ(Sweep().applications_closed, 2);
  Role out;
  CADRE_ASSERT_OK(End(filled.name(), cadre::v1::ROLE_STATE_FILLED, trust_key_, &out));

  clock().Advance(kNinetyDays - absl::Seconds(1));
  EXPECT_EQ(Sweep().closed_undecided, 0);
  absl::StatusOr<Role> seen = Get(undecided.name());
  CADRE_ASSERT_OK(seen.status());
  EXPECT_EQ(seen->state(), cadre::v1::ROLE_STATE_OPEN);

  clock().Advance(absl::Seconds(1));
  registry::ClosingSweepCounts counts = Sweep();
  EXPECT_EQ(counts.closed_undecided, 1);
  EXPECT_EQ(counts.applications_closed, 0);
  seen = Get(undecided.name());
  CADRE_ASSERT_OK(seen.status());
  EXPECT_EQ(seen->state(), cadre::v1::ROLE_STATE_CLOSED);
  EXPECT_EQ(seen->state_reason(), "no decision within 90 days");
  std::vector<RegistryEvent> events = EventsFor(undecided.name(), RegistryEvent::ROLE_CLOSED);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor(), "registry");
  EXPECT_EQ(events[0].role().state(), cadre::v1::ROLE_STATE_CLOSED);
  EXPECT_EQ(events[0].role().state_reason(), "no decision within 90 days");
  EXPECT_THAT(AuditActors(undecided.name(), "ROLE_CLOSED"), ElementsAre("registry"));
  // The filled role and the one without a closing time are left as they are.
  seen = Get(filled.name());
  CADRE_ASSERT_OK(seen.status());
  EXPECT_EQ(seen->state(), cadre::v1::ROLE_STATE_FILLED);
  seen = Get(lasting.name());
  CADRE_ASSERT_OK(seen.status());
  EXPECT_EQ(seen->state(), cadre::v1::ROLE_STATE_OPEN);

  // Once only, on either replica.
  RegistryHarness replica(Options());
  replica.clock().Set(Now());
  EXPECT_EQ(Sweep().closed_undecided + Sweep(replica).closed_undecided, 0);
  EXPECT_EQ(Events(RegistryEvent::ROLE_CLOSED).size(), 1u);
}

// The wait is --close_undecided_after, and the reason says it.
TEST_F(ClosingTimeTest, TheWaitBeforeClosingAnUndecidedRoleIsAnOption) {
  harness_.reset();
  registry::RegistryOptions options = Options();
  options.close_undecided_after = absl::Hours(24 * 30);
  harness_ = std::make_unique<RegistryHarness>(options);
  trust_key_ = harness_->BodyKey("RJ1");
  const Role role = Open(absl::Hours(1));
  clock().Advance(absl::Hours(1) + absl::Hours(24 * 30));
  registry::ClosingSweepCounts counts = Sweep();
  EXPECT_EQ(counts.applications_closed, 1);  // announced first, in the same sweep
  EXPECT_EQ(counts.closed_undecided, 1);
  absl::StatusOr<Role> seen = Get(role.name());
  CADRE_ASSERT_OK(seen.status());
  EXPECT_EQ(seen->state(), cadre::v1::ROLE_STATE_CLOSED);
  EXPECT_EQ(seen->state_reason(), "no decision within 30 days");
  EXPECT_EQ(EventsFor(role.name(), RegistryEvent::ROLE_APPLICATIONS_CLOSED).size(), 1u);
}

TEST_F(ClosingTimeTest, ThePeriodicSweepAnnouncesByItself) {
  harness_.reset();
  registry::RegistryOptions options = Options();
  options.closing_sweep_every = absl::Milliseconds(50);
  harness_ = std::make_unique<RegistryHarness>(options);
  trust_key_ = harness_->BodyKey("RJ1");
  const Role role = Open(absl::Hours(1));
  clock().Advance(absl::Hours(1));
  EXPECT_TRUE(WaitFor(
      [&] { return EventsFor(role.name(), RegistryEvent::ROLE_APPLICATIONS_CLOSED).size() == 1; }));
  EXPECT_EQ(Sweep().applications_closed, 0);
}

TEST_F(ClosingTimeTest, TheMatchingServiceMayMarkAnOpenRoleFilledAndNothingElse) {
  const Role open = Open(absl::Hours(1));
  const Role other = Open(absl::Hours(1));
  const Role draft = Draft(absl::Hours(1));
  clock().Advance(absl::Hours(2));  // selection goes on after the closing time
  Role out;
  for (cadre::v1::RoleState to : {cadre::v1::ROLE_STATE_CLOSED, cadre::v1::ROLE_STATE_CANCELLED,
                                  cadre::v1::ROLE_STATE_OPEN}) {
    EXPECT_THAT(End(other.name(), to, matching_key_, &out),
                StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  }
  EXPECT_THAT(End("roles/999", cadre::v1::ROLE_STATE_CLOSED, matching_key_, &out),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  // Another service may not, whatever the state.
  EXPECT_THAT(End(open.name(), cadre::v1::ROLE_STATE_FILLED, notifications_key_, &out),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  // FILLED only from OPEN.
  EXPECT_THAT(End(draft.name(), cadre::v1::ROLE_STATE_FILLED, matching_key_, &out),
              StatusIs(grpc::StatusCode::FAILED_PRECONDITION));
  EXPECT_THAT(End("roles/999", cadre::v1::ROLE_STATE_FILLED, matching_key_, &out),
              StatusIs(grpc::StatusCode::NOT_FOUND));

  CADRE_ASSERT_OK(End(open.name(), cadre::v1::ROLE_STATE_FILLED, matching_key_, &out));
  EXPECT_EQ(out.state(), cadre::v1::ROLE_STATE_FILLED);
  EXPECT_FALSE(out.accepting_applications());
  EXPECT_THAT(AuditActors(open.name(), "ROLE_FILLED"), ElementsAre("services/matching"));
  EXPECT_EQ(EventsFor(open.name(), RegistryEvent::ROLE_FILLED).size(), 1u);
  // Terminal: not filled twice, nor moved on by its body.
  EXPECT_THAT(End(open.name(), cadre::v1::ROLE_STATE_FILLED, matching_key_, &out),
              StatusIs(grpc::StatusCode::FAILED_PRECONDITION));
  EXPECT_THAT(End(open.name(), cadre::v1::ROLE_STATE_CLOSED, trust_key_, &out),
              StatusIs(grpc::StatusCode::FAILED_PRECONDITION));

  // No other write.
  cadre::v1::UpdateRoleRequest update;
  update.mutable_role()->set_name(other.name());
  update.mutable_role()->set_summary("by matching");
  update.mutable_update_mask()->add_paths("summary");
  EXPECT_THAT(stub().UpdateRole(CallContext(matching_key_).get(), update, &out),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  cadre::v1::CreateRoleRequest create;
  *create.mutable_role() = ValidRole("RJ1", Now());
  EXPECT_THAT(stub().CreateRole(CallContext(matching_key_).get(), create, &out),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  cadre::v1::PublishRoleRequest publish;
  publish.set_name(draft.name());
  EXPECT_THAT(stub().PublishRole(CallContext(matching_key_).get(), publish, &out),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  absl::StatusOr<Role> still = Get(other.name());
  CADRE_ASSERT_OK(still.status());
  EXPECT_EQ(still->state(), cadre::v1::ROLE_STATE_OPEN);
  EXPECT_EQ(still->etag(), other.etag());
}

TEST_F(ClosingTimeTest, TheMatchingServiceReadsEveryRoleOtherServicesReadAsThePublic) {
  const Role draft = Draft(absl::Hours(1));
  const Role filled = Open(absl::Hours(1));
  Role out;
  CADRE_ASSERT_OK(End(filled.name(), cadre::v1::ROLE_STATE_FILLED, trust_key_, &out));

  CADRE_EXPECT_OK(Get(draft.name(), matching_key_).status());
  EXPECT_THAT(Get(draft.name(), notifications_key_), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Get(draft.name(), applicant_key_), StatusIs(absl::StatusCode::kNotFound));

  for (cadre::v1::RoleState state : {cadre::v1::ROLE_STATE_DRAFT, cadre::v1::ROLE_STATE_FILLED}) {
    SCOPED_TRACE(cadre::v1::RoleState_Name(state));
    cadre::v1::ListRolesRequest request;
    request.set_state(state);
    absl::StatusOr<cadre::v1::ListRolesResponse> page = ListPage(request, matching_key_);
    CADRE_ASSERT_OK(page.status());
    ASSERT_EQ(page->roles_size(), 1);
    EXPECT_EQ(page->roles(0).name(),
              state == cadre::v1::ROLE_STATE_DRAFT ? draft.name() : filled.name());
    EXPECT_FALSE(page->roles(0).accepting_applications());
    EXPECT_FALSE(page->view_position().empty());
    for (const std::string& key : {notifications_key_, applicant_key_, std::string()}) {
      EXPECT_THAT(ListPage(request, key), StatusIs(absl::StatusCode::kPermissionDenied));
    }
    request.set_body("bodies/RJ1");
    EXPECT_THAT(ListPage(request, notifications_key_),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
}

TEST_F(ClosingTimeTest, PublishedRolesStayReadableByNameByAnyoneDraftsStayPrivate) {
  const Role closed = Open(absl::Hours(1));
  const Role filled = Open(absl::Hours(1));
  const Role cancelled = Open(absl::Hours(1));
  const Role draft = Draft(absl::Hours(1));
  const Role cancelled_draft = Draft(absl::Hours(1));
  Role out;
  CADRE_ASSERT_OK(End(closed.name(), cadre::v1::ROLE_STATE_CLOSED, trust_key_, &out));
  CADRE_ASSERT_OK(End(filled.name(), cadre::v1::ROLE_STATE_FILLED, trust_key_, &out));
  CADRE_ASSERT_OK(End(cancelled.name(), cadre::v1::ROLE_STATE_CANCELLED, trust_key_, &out));
  CADRE_ASSERT_OK(End(cancelled_draft.name(), cadre::v1::ROLE_STATE_CANCELLED, trust_key_, &out));

  for (const std::string& key : {std::string(), applicant_key_, notifications_key_, icb_key_}) {
    for (const auto& [role, state] : {std::pair{closed, cadre::v1::ROLE_STATE_CLOSED},
                                      std::pair{filled, cadre::v1::ROLE_STATE_FILLED},
                                      std::pair{cancelled, cadre::v1::ROLE_STATE_CANCELLED}}) {
      absl::StatusOr<Role> seen = Get(role.name(), key);
      CADRE_ASSERT_OK(seen.status()) << role.name();
      EXPECT_EQ(seen->state(), state);
      EXPECT_FALSE(seen->accepting_applications());
      EXPECT_EQ(seen->state_reason(), "decided");
    }
    // Never published: private.
    EXPECT_THAT(Get(draft.name(), key), StatusIs(absl::StatusCode::kNotFound));
    EXPECT_THAT(Get(cancelled_draft.name(), key), StatusIs(absl::StatusCode::kNotFound));
    // And none of them is listed publicly.
    EXPECT_THAT(Listed(key), IsEmpty());
  }
  CADRE_EXPECT_OK(Get(draft.name(), trust_key_).status());
  CADRE_EXPECT_OK(Get(cancelled_draft.name(), kAdminKey).status());
}

}  // namespace
}  // namespace cadre::testing
