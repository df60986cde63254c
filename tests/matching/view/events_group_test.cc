// Matching's consumer group on the registry's events, against a real registry in process
// and a real redis-server: each event is handled once across replicas, a restarted group
// resumes where it was, and a group whose position was trimmed away reconciles first.

#include "services/matching/view/events_group.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "services/common/logging.h"
#include "tests/matching/view/view_fixture.h"
#include "tests/support/stderr_capture.h"
#include "tests/support/wait_for.h"

namespace cadre::testing {
namespace {

using matching::RegistryEventsGroup;
using ::testing::ElementsAreArray;
using ::testing::UnorderedElementsAreArray;

// The entry ids a handler was given, in order, across consumers. Thread-safe.
class Handled {
 public:
  void Add(const std::string& id) {
    absl::MutexLock lock(&mu_);
    ids_.push_back(id);
  }
  std::vector<std::string> ids() const {
    absl::MutexLock lock(&mu_);
    return ids_;
  }
  size_t size() const {
    absl::MutexLock lock(&mu_);
    return ids_.size();
  }
  bool Has(const std::string& id) const {
    absl::MutexLock lock(&mu_);
    return std::find(ids_.begin(), ids_.end(), id) != ids_.end();
  }

 private:
  mutable absl::Mutex mu_;
  std::vector<std::string> ids_;
};

class EventsGroupTest : public MatchingViewTest {
 protected:
  std::unique_ptr<RegistryEventsGroup> StartGroup(
      const std::string& consumer, Handled& handled,
      RegistryEventsGroup::Reconcile reconcile = [] { return absl::OkStatus(); }) {
    matching::RegistryEventsGroupOptions options;
    options.consumer = consumer;
    options.block = std::chrono::milliseconds(200);
    options.retry_backoff = std::chrono::milliseconds(50);
    options.batch = 3;  // small, so that tests cross batch boundaries
    auto group = std::make_unique<RegistryEventsGroup>(
        *redis_, options,
        [&handled](const cadre::v1::RegistryEvent& event, const std::string& entry_id) {
          EXPECT_FALSE(event.resource().empty());
          handled.Add(entry_id);
          return absl::OkStatus();
        },
        std::move(reconcile));
    group->Start();
    return group;
  }

  // Events from the registry: a role created and published, twice.
  void MakeEvents() {
    CreateOpenRole();
    CreateOpenRole();
  }
};

TEST_F(EventsGroupTest, EachEventIsHandledOnceAcrossTwoReplicas) {
  Handled handled;
  auto first = StartGroup("replica-a", handled);
  auto second = StartGroup("replica-b", handled);
  ASSERT_TRUE(WaitFor([&] { return first->IsConsuming() && second->IsConsuming(); }));
  const std::string before = LastEventId();
  for (int i = 0; i < 5; ++i) MakeEvents();
  const std::vector<std::string> expected = EventIdsAfter(before);
  ASSERT_EQ(expected.size(), 20u);

  ASSERT_TRUE(WaitFor([&] { return handled.size() >= expected.size(); }));
  // Both have read past the last event; nothing more comes.
  ASSERT_TRUE(WaitFor(
      [&] { return first->acknowledged() + second->acknowledged() >= int64_t(expected.size()); }));
  EXPECT_THAT(handled.ids(), UnorderedElementsAreArray(expected));
  EXPECT_EQ(first->reconciles() + second->reconciles(), 0);
}

TEST_F(EventsGroupTest, RestartedGroupResumesFromItsPosition) {
  Handled before_restart;
  auto group = StartGroup("replica-a", before_restart);
  ASSERT_TRUE(WaitFor([&] { return group->IsConsuming(); }));
  const std::string start = LastEventId();
  MakeEvents();
  const std::vector<std::string> first_events = EventIdsAfter(start);
  ASSERT_TRUE(WaitFor([&] { return before_restart.size() >= first_events.size(); }));
  group.reset();  // stops

  // Written while no replica runs: the group hands them over after the restart, and only them.
  const std::string stopped_at = LastEventId();
  MakeEvents();
  const std::vector<std::string> missed = EventIdsAfter(stopped_at);
  Handled after_restart;
  auto restarted = StartGroup("replica-b", after_restart);
  ASSERT_TRUE(WaitFor([&] { return after_restart.size() >= missed.size(); }));
  EXPECT_THAT(after_restart.ids(), ElementsAreArray(missed));
  EXPECT_EQ(restarted->reconciles(), 0);
  EXPECT_THAT(before_restart.ids(), ElementsAreArray(first_events));
}

TEST_F(EventsGroupTest, GroupWhosePositionWasTrimmedAwayReconcilesThenContinues) {
  log::Init("matching", "info");
  Handled handled;
  auto group = StartGroup("replica-a", handled);
  ASSERT_TRUE(WaitFor([&] { return group->IsConsuming(); }));
  MakeEvents();
  ASSERT_TRUE(WaitFor([&] { return handled.size() >= 4; }));
  group.reset();

  // While no replica runs, more events than the stream keeps: trimmed to the newest one.
  MakeEvents();
  ASSERT_TRUE(redis_->Command({"XTRIM", "registry:events", "MAXLEN", "1"}).ok());
  const std::string survivor = LastEventId();

  StderrCapture capture;
  int reconciled = 0;
  Handled after;
  bool handled_before_reconcile = false;
  auto restarted = StartGroup("replica-a", after, [&] {
    ++reconciled;
    handled_before_reconcile = after.size() > 0;
    return absl::OkStatus();
  });
  ASSERT_TRUE(WaitFor([&] { return restarted->IsConsuming(); }));
  const std::string warning = capture.WaitForLineWith("reconciling from the current records");
  capture.Restore();
  EXPECT_EQ(reconciled, 1);
  EXPECT_EQ(restarted->reconciles(), 1);
  EXPECT_FALSE(handled_before_reconcile);
  EXPECT_NE(warning.find("group_last_delivered"), std::string::npos) << warning;
  EXPECT_NE(warning.find(survivor), std::string::npos) << warning;

  // It continues after what reconcile covered: the surviving event is not handed over, new
  // ones are.
  const std::string from = LastEventId();
  MakeEvents();
  const std::vector<std::string> later = EventIdsAfter(from);
  ASSERT_TRUE(WaitFor([&] { return after.size() >= later.size(); }));
  EXPECT_THAT(after.ids(), ElementsAreArray(later));
  EXPECT_FALSE(after.Has(survivor));

  // Its position is sound again: the next start does not reconcile.
  restarted.reset();
  Handled again;
  int reconciled_again = 0;
  auto third = StartGroup("replica-a", again, [&] {
    ++reconciled_again;
    return absl::OkStatus();
  });
  ASSERT_TRUE(WaitFor([&] { return third->IsConsuming(); }));
  EXPECT_EQ(reconciled_again, 0);
}

TEST_F(EventsGroupTest, FailedReconcileIsRetriedBeforeAnyEventIsHandled) {
  Handled handled;
  auto group = StartGroup("replica-a", handled);
  ASSERT_TRUE(WaitFor([&] { return group->IsConsuming(); }));
  group.reset();
  MakeEvents();
  ASSERT_TRUE(redis_->Command({"XTRIM", "registry:events", "MAXLEN", "0"}).ok());

  std::atomic<int> attempts{0};
  Handled after;
  auto restarted = StartGroup("replica-a", after, [&] {
    return ++attempts < 3 ? absl::UnavailableError("matching's store is down") : absl::OkStatus();
  });
  ASSERT_TRUE(WaitFor([&] { return restarted->IsConsuming(); }));
  EXPECT_EQ(attempts.load(), 3);
  EXPECT_EQ(restarted->reconciles(), 1);
  const std::string from = LastEventId();
  MakeEvents();
  const std::vector<std::string> later = EventIdsAfter(from);
  ASSERT_TRUE(WaitFor([&] { return after.size() >= later.size(); }));
  EXPECT_THAT(after.ids(), ElementsAreArray(later));
}

}  // namespace
}  // namespace cadre::testing
