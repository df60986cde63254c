// Matching's view of the registry's open roles against a real registry in process and a
// real redis-server: it loads every page, follows every change on every replica, skips
// events older than what it holds, reloads when the stream was trimmed past it, waits for
// a registry that is down, and calls as the matching service without logging its key.

#include "services/matching/view/role_view.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "cadre/v1/registry_events.pb.h"
#include "services/common/logging.h"
#include "services/matching/view/open_roles.h"
#include "tests/matching/view/view_fixture.h"
#include "tests/support/stderr_capture.h"
#include "tests/support/wait_for.h"

namespace cadre::testing {
namespace {

using matching::RoleIdOf;
using matching::RoleView;

int64_t IdOf(const cadre::v1::Role& role) { return RoleIdOf(role.name()).value_or(0); }

class RoleViewTest : public MatchingViewTest {
 protected:
  std::unique_ptr<RoleView> StartView(matching::RoleViewOptions options) {
    auto view = std::make_unique<RoleView>(redis_.get(), std::move(options));
    view->Start();
    return view;
  }
  std::unique_ptr<RoleView> StartView() { return StartView(ViewOptions()); }

  // Appends an event to the registry's stream as the registry writes it.
  void AppendEvent(cadre::v1::RegistryEvent::Type type, const cadre::v1::Role& role,
                   int64_t version) {
    cadre::v1::RegistryEvent event;
    event.set_type(type);
    event.set_resource(role.name());
    event.set_version(version);
    event.set_actor("admin");
    *event.mutable_role() = role;
    event.mutable_role()->clear_etag();
    ASSERT_TRUE(
        redis_
            ->Command({"XADD", "registry:events", "*", "type",
                       cadre::v1::RegistryEvent::Type_Name(type), "pb", event.SerializeAsString()})
            .ok());
  }
};

TEST_F(RoleViewTest, LoadsEveryPageAndHoldsExactlyTheRegistrysOpenRoles) {
  for (int i = 0; i < 12; ++i) CreateOpenRole();
  const cadre::v1::Role draft = CreateDraftRole();
  const cadre::v1::Role closed = CloseRole(CreateOpenRole());
  matching::RoleViewOptions options = ViewOptions();
  options.page_size = 5;  // three pages

  auto view = StartView(std::move(options));
  ASSERT_TRUE(view->WaitUntilLoaded(absl::Seconds(10)));
  EXPECT_TRUE(view->IsFresh());
  EXPECT_EQ(view->roles().Size(), 12u);
  EXPECT_TRUE(MatchesRegistry(*view));
  EXPECT_TRUE(view->roles().Find(IdOf(draft)) == nullptr);
  EXPECT_TRUE(view->roles().Find(IdOf(closed)) == nullptr);
}

TEST_F(RoleViewTest, PublishUpdateAndCloseReachEveryReplica) {
  const cadre::v1::Role before = CreateOpenRole();
  auto first = StartView();
  auto second = StartView();
  ASSERT_TRUE(first->WaitUntilLoaded(absl::Seconds(10)));
  ASSERT_TRUE(second->WaitUntilLoaded(absl::Seconds(10)));

  const cadre::v1::Role published = CreateOpenRole();
  const cadre::v1::Role updated = UpdateTitle(before, "Patient panel member, stroke services");
  const cadre::v1::Role filled = CloseRole(published, cadre::v1::ROLE_STATE_FILLED);
  const cadre::v1::Role later = CreateOpenRole();
  for (RoleView* view : {first.get(), second.get()}) {
    EXPECT_TRUE(WaitFor([&] {
      auto role = view->roles().Find(IdOf(before));
      return role != nullptr && role->etag() == updated.etag();
    }));
    EXPECT_EQ(view->roles().Find(IdOf(before))->title(), "Patient panel member, stroke services");
    EXPECT_TRUE(WaitFor([&] { return view->roles().Find(IdOf(later)) != nullptr; }));
    // Events are applied in order: by now the filled role is gone.
    EXPECT_TRUE(view->roles().Find(IdOf(filled)) == nullptr);
    EXPECT_TRUE(MatchesRegistry(*view));
  }
}

TEST_F(RoleViewTest, EventOlderThanTheHeldVersionIsSkipped) {
  const cadre::v1::Role published = CreateOpenRole("Original title");
  const cadre::v1::Role updated = UpdateTitle(published, "Current title");  // version 3
  const cadre::v1::Role to_close = CreateOpenRole();
  auto view = StartView();
  ASSERT_TRUE(view->WaitUntilLoaded(absl::Seconds(10)));
  const cadre::v1::Role closed = CloseRole(to_close);  // version 3, read as an event
  ASSERT_TRUE(WaitFor([&] { return view->roles().Find(IdOf(closed)) == nullptr; }));

  // Replays of older versions, as a duplicate delivery would leave them: the held version
  // (from a page) and the closed role's tombstone (from its event) both win.
  AppendEvent(cadre::v1::RegistryEvent::ROLE_PUBLISHED, published, 2);
  ASSERT_EQ(to_close.state(), cadre::v1::ROLE_STATE_OPEN);  // as published, at version 2
  AppendEvent(cadre::v1::RegistryEvent::ROLE_PUBLISHED, to_close, 2);
  // A later change, to know the view has read past both.
  const cadre::v1::Role marker = CreateOpenRole();
  ASSERT_TRUE(WaitFor([&] { return view->roles().Find(IdOf(marker)) != nullptr; }));

  ASSERT_TRUE(view->roles().Find(IdOf(updated)) != nullptr);
  EXPECT_EQ(view->roles().Find(IdOf(updated))->title(), "Current title");
  EXPECT_EQ(view->roles().Find(IdOf(updated))->etag(), updated.etag());
  EXPECT_TRUE(view->roles().Find(IdOf(closed)) == nullptr);
  EXPECT_TRUE(MatchesRegistry(*view));
}

TEST_F(RoleViewTest, StreamTrimmedPastAStoppedReplicaMakesItLoadAgain) {
  log::Init("matching", "info");
  const cadre::v1::Role to_close = CreateOpenRole();
  const cadre::v1::Role to_update = CreateOpenRole();
  auto view = StartView();
  ASSERT_TRUE(view->WaitUntilLoaded(absl::Seconds(10)));
  ASSERT_EQ(view->loads(), 1);
  view->Stop();

  // While it is stopped: changes it will never read as events, then the trim.
  CloseRole(to_close);
  UpdateTitle(to_update, "Updated while the replica was away");
  const cadre::v1::Role missed = CreateOpenRole();
  ASSERT_TRUE(redis_->Command({"XTRIM", "registry:events", "MAXLEN", "0"}).ok());
  const cadre::v1::Role after_trim = CreateOpenRole();

  StderrCapture capture;
  view->Start();
  EXPECT_TRUE(WaitFor([&] { return view->loads() >= 2 && MatchesRegistry(*view); }));
  const std::string warning = capture.WaitForLineWith("fell behind the registry's event stream");
  capture.Restore();
  EXPECT_NE(warning.find("last_applied_event"), std::string::npos) << warning;
  EXPECT_NE(warning.find("stream_first_event"), std::string::npos) << warning;
  EXPECT_TRUE(view->roles().Find(IdOf(to_close)) == nullptr);
  EXPECT_TRUE(view->roles().Find(IdOf(missed)) != nullptr);
  EXPECT_TRUE(view->roles().Find(IdOf(after_trim)) != nullptr);
  EXPECT_TRUE(view->WaitUntilFresh(absl::Seconds(10)));
}

TEST_F(RoleViewTest, RedisOutageMakesTheViewStaleUntilItReadsTheStreamAgain) {
  const cadre::v1::Role role = CreateOpenRole();
  auto view = StartView();
  ASSERT_TRUE(view->WaitUntilLoaded(absl::Seconds(10)));
  ASSERT_TRUE(view->WaitUntilFresh(absl::Seconds(10)));

  redis_server_->Stop();
  EXPECT_TRUE(WaitFor([&] { return !view->IsFresh(); }));
  EXPECT_TRUE(view->IsLoaded());  // the roles it has stay readable
  EXPECT_TRUE(view->roles().Find(IdOf(role)) != nullptr);

  redis_server_->Restart();
  EXPECT_TRUE(view->WaitUntilFresh(absl::Seconds(20)));
  const cadre::v1::Role later = CreateOpenRole();
  EXPECT_TRUE(WaitFor([&] { return view->roles().Find(IdOf(later)) != nullptr; }));
  // Its position held through the outage: it carried on, with no second load.
  EXPECT_EQ(view->loads(), 1);
}

TEST_F(RoleViewTest, NotLoadedWhileTheRegistryIsDownAndLoadsWhenItComesUp) {
  const cadre::v1::Role role = CreateOpenRole();
  StopRegistry();
  auto view = StartView();
  ASSERT_TRUE(WaitFor([&] { return view->failed_loads() >= 2; }));
  EXPECT_FALSE(view->IsLoaded());
  EXPECT_FALSE(view->IsFresh());

  StartRegistry();
  ASSERT_TRUE(view->WaitUntilLoaded(absl::Seconds(20)));
  EXPECT_TRUE(view->roles().Find(IdOf(role)) != nullptr);
  const cadre::v1::Role later = CreateOpenRole();
  EXPECT_TRUE(WaitFor([&] { return view->roles().Find(IdOf(later)) != nullptr; }));
  EXPECT_TRUE(MatchesRegistry(*view));
}

TEST_F(RoleViewTest, StopReturnsWhileTheRegistryIsUnreachable) {
  StopRegistry();
  auto view = StartView();
  ASSERT_TRUE(WaitFor([&] { return view->failed_loads() >= 1; }));
  view->Stop();  // returns: the test would time out otherwise
  EXPECT_FALSE(view->IsLoaded());
}

TEST_F(RoleViewTest, CallsAsTheMatchingServiceAndNeverLogsTheKey) {
  log::Init("matching", "info");
  CreateOpenRole();
  StderrCapture capture;
  matching::RoleViewOptions refused = ViewOptions();
  // Shaped like an issued key, never issued.
  refused.service_key = "cadre_0123456789abcdef0123456789abcdef0123456789abcdef";
  auto stranger = StartView(refused);
  ASSERT_TRUE(WaitFor([&] { return stranger->failed_loads() >= 2; }));
  EXPECT_FALSE(stranger->IsLoaded());
  const std::string why = capture.WaitForLineWith("cannot load the registry's open roles");
  EXPECT_NE(why.find("UNAUTHENTICATED"), std::string::npos) << why;
  stranger->Stop();

  auto view = StartView();
  ASSERT_TRUE(view->WaitUntilLoaded(absl::Seconds(10)));
  EXPECT_TRUE(MatchesRegistry(*view));
  capture.Restore();
  for (const std::string& line : capture.Lines()) {
    EXPECT_EQ(line.find(refused.service_key), std::string::npos) << line;
    EXPECT_EQ(line.find(service_key_), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace cadre::testing
