// Places are never over-filled, a filled role is marked so in the registry from matching's
// outbox (retried while the registry is down, dropped when the role ended meanwhile), and
// nobody is left without an answer when a role ends: against a real Redis and a real
// in-process registry.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/matching/integration/matching_harness.h"
#include "tests/support/wait_for.h"

namespace cadre::testing {
namespace {

namespace v1 = cadre::v1;

class PlacesTest : public MatchingTest {
 protected:
  void SetUp() override {
    MatchingTest::SetUp();
    body_key_ = harness_->BodyWithKey("RXF");
  }

  MatchingHarness& h() { return *harness_; }

  // `n` people, each offered a place in `role`; their keys and applications.
  struct Offered {
    std::string key;
    std::string application;
  };
  std::vector<Offered> OfferTo(const std::string& role, int n) {
    std::vector<Offered> offered;
    for (int i = 0; i < n; ++i) {
      const v1::SignUpResponse person = h().SignUp(absl::StrCat("p", i, "@example.org"));
      const v1::Application app = h().Apply(person.key(), role);
      v1::Application out;
      EXPECT_TRUE(h().Move(body_key_, app.name(), v1::APPLICATION_STATE_SHORTLISTED, &out).ok());
      EXPECT_TRUE(h().Move(body_key_, app.name(), v1::APPLICATION_STATE_OFFERED, &out).ok());
      offered.push_back({person.key(), app.name()});
    }
    return offered;
  }

  v1::RoleState RegistryState(const std::string& role) {
    v1::GetRoleRequest get;
    get.set_name(role);
    v1::Role out;
    grpc::Status s = h().registry().GetRole(CallContext(kAdminKey).get(), get, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out.state();
  }

  std::string body_key_;
};

TEST_F(PlacesTest, FiftyConcurrentAcceptancesForThreePlacesMakeExactlyThreePlacements) {
  const std::string role = h().OpenRole(body_key_, MatchingHarness::RoleFor("RXF", 3));
  const std::vector<Offered> offered = OfferTo(role, 50);
  std::atomic<int> accepted{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (const Offered& o : offered) {
    threads.emplace_back([&, o] {
      v1::Application out;
      grpc::Status s = h().Move(o.key, o.application, v1::APPLICATION_STATE_ACCEPTED, &out);
      if (s.ok()) {
        ++accepted;
      } else if (s.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(accepted.load(), 3);
  EXPECT_EQ(refused.load(), 47);
  EXPECT_EQ(other.load(), 0);
  v1::ListPlacementsRequest list;
  list.set_role(role);
  v1::ListPlacementsResponse placements;
  ASSERT_TRUE(h().stub().ListPlacements(CallContext(body_key_).get(), list, &placements).ok());
  EXPECT_EQ(placements.placements_size(), 3);

  // The last place taken, matching marks the role filled; the registry's event then
  // answers everyone else ("role filled").
  EXPECT_TRUE(WaitFor([&] { return RegistryState(role) == v1::ROLE_STATE_FILLED; }));
  EXPECT_TRUE(WaitFor([&] {
    v1::ListApplicationsRequest req;
    req.set_role(role);
    req.set_state(v1::APPLICATION_STATE_UNSUCCESSFUL);
    req.set_page_size(100);
    v1::ListApplicationsResponse resp;
    return h().stub().ListApplications(CallContext(body_key_).get(), req, &resp).ok() &&
           resp.applications_size() == 47;
  }));
  for (const Offered& o : offered) {
    const v1::Application app = h().Read(o.application);
    if (app.state() == v1::APPLICATION_STATE_UNSUCCESSFUL) {
      EXPECT_EQ(app.unsuccessful_reason(), v1::UNSUCCESSFUL_REASON_ROLE_FILLED);
    } else {
      EXPECT_EQ(app.state(), v1::APPLICATION_STATE_ACCEPTED);
    }
  }
}

TEST_F(PlacesTest, ClosingARoleAnswersEveryUndecidedApplicationOnceEvenWhenTheEventComesTwice) {
  const std::string role = h().OpenRole(body_key_, MatchingHarness::RoleFor("RXF", 2));
  const std::vector<Offered> offered = OfferTo(role, 2);
  const v1::SignUpResponse waiting = h().SignUp("waiting@example.org");
  const v1::Application submitted = h().Apply(waiting.key(), role);
  v1::Application out;
  ASSERT_TRUE(
      h().Move(offered[0].key, offered[0].application, v1::APPLICATION_STATE_DECLINED, &out).ok());

  v1::CloseRoleRequest close;
  close.set_name(role);
  close.set_state(v1::ROLE_STATE_CLOSED);
  close.set_reason("the programme was paused");
  v1::Role closed;
  ASSERT_TRUE(h().registry().CloseRole(CallContext(body_key_).get(), close, &closed).ok());
  ASSERT_TRUE(WaitFor([&] {
    return h().Read(submitted.name()).state() == v1::APPLICATION_STATE_UNSUCCESSFUL &&
           h().Read(offered[1].application).state() == v1::APPLICATION_STATE_UNSUCCESSFUL;
  }));
  EXPECT_EQ(h().Read(submitted.name()).unsuccessful_reason(), v1::UNSUCCESSFUL_REASON_ROLE_CLOSED);
  EXPECT_EQ(h().Read(offered[0].application).state(), v1::APPLICATION_STATE_DECLINED);
  const std::string version = h().Read(submitted.name()).etag();

  // The same event again (a redelivery) changes nothing.
  auto last = h().redis().Command({"XREVRANGE", "registry:events", "+", "-", "COUNT", "1"});
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->elements.size(), 1u);
  std::vector<std::string> xadd = {"XADD", "registry:events", "*"};
  for (const RedisReply& field : last->elements[0].elements[1].elements) xadd.push_back(field.str);
  const int64_t handled = h().app().RegistryEventsHandled();
  ASSERT_TRUE(h().redis().Command(xadd).ok());
  ASSERT_TRUE(WaitFor([&] { return h().app().RegistryEventsHandled() > handled; }));
  EXPECT_EQ(h().Read(submitted.name()).etag(), version);
  // And a closed role takes nothing more.
  EXPECT_EQ(h().Move(offered[1].key, offered[1].application, v1::APPLICATION_STATE_ACCEPTED, &out)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(PlacesTest, TheFilledCallWaitsInTheOutboxWhileTheRegistryIsDown) {
  const std::string role = h().OpenRole(body_key_, MatchingHarness::RoleFor("RXF", 1));
  const std::vector<Offered> offered = OfferTo(role, 1);
  h().StopRegistry();
  v1::Application out;
  // The role is in matching's view: the acceptance does not need the registry.
  ASSERT_TRUE(
      h().Move(offered[0].key, offered[0].application, v1::APPLICATION_STATE_ACCEPTED, &out).ok());
  EXPECT_EQ(*h().app().RunFillQueueNow(), 0);
  h().StartRegistry();
  // Time passes: past the lease and each retry (the channel may take a moment to
  // reconnect, so a retry or two can fail first).
  EXPECT_TRUE(WaitFor([&] {
    h().clock().Advance(absl::Seconds(10));
    return RegistryState(role) == v1::ROLE_STATE_FILLED;
  }));
}

TEST_F(PlacesTest, AFilledCallForARoleClosedMeanwhileIsDroppedNotRetried) {
  const std::string role = h().OpenRole(body_key_, MatchingHarness::RoleFor("RXF", 1));
  const std::vector<Offered> offered = OfferTo(role, 1);
  h().StopRegistry();
  v1::Application out;
  ASSERT_TRUE(
      h().Move(offered[0].key, offered[0].application, v1::APPLICATION_STATE_ACCEPTED, &out).ok());
  EXPECT_EQ(*h().app().RunFillQueueNow(), 0);
  h().StartRegistry();
  v1::CloseRoleRequest close;
  close.set_name(role);
  close.set_state(v1::ROLE_STATE_CANCELLED);
  v1::Role cancelled;
  // The registry has just come back: wait for the connection (gRPC shares the
  // subchannel, which may still be backing off from the refusals while it was down).
  std::unique_ptr<grpc::ClientContext> context = CallContext(body_key_);
  context->set_wait_for_ready(true);
  grpc::Status closed = h().registry().CloseRole(context.get(), close, &cancelled);
  ASSERT_TRUE(closed.ok()) << closed.error_message();
  EXPECT_TRUE(WaitFor([&] {
    h().clock().Advance(absl::Seconds(10));
    auto queued = h().redis().Command({"ZCARD", "matching:fill-queue"});
    return queued.ok() && queued->integer == 0;
  }));
  EXPECT_EQ(RegistryState(role), v1::ROLE_STATE_CANCELLED);
}

}  // namespace
}  // namespace cadre::testing
