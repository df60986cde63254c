// The closing sweep, through real stubs against a real redis-server, with the harness's
// FakeClock: it announces each closing once (ROLE_APPLICATIONS_CLOSED, a newer version),
// however many sweeps run at once and whatever edits come between, and closes a role left
// undecided 90 days later.

#include "tests/registry/integration/closing_time_fixture.h"

namespace cadre::testing {
namespace {

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

}  // namespace
}  // namespace cadre::testing
