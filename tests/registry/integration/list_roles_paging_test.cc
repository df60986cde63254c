// ListRoles paged both ways through the real stub, against a real redis-server: read
// back with previous_page_token, the pages are the pages read forwards, in reverse; with
// filters too; a role published or closed between calls is neither skipped nor repeated
// relative to the cursor; a token is bound to its filters; and a token made before
// previous pages existed (a bare role id) still reads on.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/page_token.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/status_matchers.h"

namespace cadre::testing {
namespace {

using ::cadre::v1::ListRolesRequest;
using ::cadre::v1::ListRolesResponse;
using ::cadre::v1::Role;
using ::testing::ElementsAreArray;

constexpr int kRoles = 45;
constexpr int kPageSize = 10;

std::vector<std::string> Names(const ListRolesResponse& page) {
  std::vector<std::string> names;
  for (const Role& role : page.roles()) names.push_back(role.name());
  return names;
}

class ListRolesPagingTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    trust_key_ = harness_->BodyKey("RJ1");
    icb_key_ = harness_->BodyKey("QOP");
    // Role i: by RJ1 in London (even i) or QOP in the North West (odd i); every third
    // one's title has the word "panel". Each is published; names newest last.
    for (int i = 0; i < kRoles; ++i) {
      Role role = ValidRole(i % 2 ? "QOP" : "RJ1", harness_->clock().Now());
      if (i % 2) role.mutable_location()->set_region(cadre::v1::REGION_NORTH_WEST);
      role.set_title(absl::StrCat(i % 3 == 0 ? "Reading panel member " : "Lay member ", i));
      published_.push_back(Publish(role));
    }
  }

  // Creates and publishes `role` (by its own body); its name.
  std::string Publish(const Role& role) {
    const std::string& key = role.body() == "bodies/QOP" ? icb_key_ : trust_key_;
    cadre::v1::CreateRoleRequest create;
    *create.mutable_role() = role;
    Role created;
    grpc::Status s =
        harness_->stub().CreateRole(RegistryHarness::Context(key).get(), create, &created);
    EXPECT_TRUE(s.ok()) << s.error_message();
    cadre::v1::PublishRoleRequest publish;
    publish.set_name(created.name());
    Role out;
    s = harness_->stub().PublishRole(RegistryHarness::Context(key).get(), publish, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out.name();
  }

  void Close(const std::string& name) {
    cadre::v1::CloseRoleRequest close;
    close.set_name(name);
    close.set_state(cadre::v1::ROLE_STATE_FILLED);
    Role out;
    CADRE_ASSERT_OK(
        harness_->stub().CloseRole(RegistryHarness::Context(kAdminKey).get(), close, &out));
  }

  grpc::Status Call(const ListRolesRequest& request, ListRolesResponse* response) {
    return harness_->stub().ListRoles(RegistryHarness::Context().get(), request, response);
  }

  // The page `token` gives for `request`'s filters; fails the test on error.
  ListRolesResponse List(ListRolesRequest request, const std::string& token = "") {
    request.set_page_token(token);
    ListRolesResponse response;
    grpc::Status s = Call(request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return response;
  }

  // Every page forwards from the first.
  std::vector<ListRolesResponse> Forwards(const ListRolesRequest& request) {
    std::vector<ListRolesResponse> pages = {List(request)};
    while (!pages.back().next_page_token().empty() && pages.size() < 100) {
      pages.push_back(List(request, pages.back().next_page_token()));
    }
    return pages;
  }

  // Pages forwards, then back from the last page with previous_page_token: the same
  // pages (roles and both tokens) in reverse, the first with no previous page. Returns
  // the names forwards.
  std::vector<std::string> ExpectBackIsForwardsReversed(const ListRolesRequest& request) {
    const std::vector<ListRolesResponse> forwards = Forwards(request);
    EXPECT_TRUE(forwards.front().previous_page_token().empty());
    EXPECT_TRUE(forwards.back().next_page_token().empty());
    std::vector<std::string> all;
    for (const auto& page : forwards) {
      EXPECT_LE(page.roles_size(), kPageSize);
      for (const auto& name : Names(page)) all.push_back(name);
    }
    for (size_t k = forwards.size() - 1; k > 0; --k) {
      SCOPED_TRACE(absl::StrCat("back from page ", k));
      EXPECT_FALSE(forwards[k].previous_page_token().empty());
      ListRolesResponse back = List(request, forwards[k].previous_page_token());
      EXPECT_EQ(Names(back), Names(forwards[k - 1]));
      EXPECT_EQ(back.next_page_token(), forwards[k - 1].next_page_token());
      EXPECT_EQ(back.previous_page_token(), forwards[k - 1].previous_page_token());
    }
    return all;
  }

  std::string trust_key_;
  std::string icb_key_;
  std::vector<std::string> published_;  // oldest first
};

TEST_F(ListRolesPagingTest, BackFromTheLastPageGivesTheSamePagesInReverse) {
  ListRolesRequest request;
  request.set_page_size(kPageSize);
  const std::vector<std::string> all = ExpectBackIsForwardsReversed(request);
  EXPECT_THAT(all, ElementsAreArray(published_.rbegin(), published_.rend()));
  EXPECT_EQ(Forwards(request).size(), 5u);  // 10, 10, 10, 10, 5
}

TEST_F(ListRolesPagingTest, WithFiltersTheSameHolds) {
  ListRolesRequest region;
  region.set_page_size(kPageSize);
  region.set_region(cadre::v1::REGION_NORTH_WEST);  // 22 roles: 3 pages
  std::vector<std::string> want;
  for (int i = kRoles - 1; i >= 0; --i) {
    if (i % 2) want.push_back(published_[i]);
  }
  EXPECT_THAT(ExpectBackIsForwardsReversed(region), ElementsAreArray(want));

  ListRolesRequest words;
  words.set_page_size(4);
  words.set_query("panel");  // 15 roles: 4 pages
  want.clear();
  for (int i = kRoles - 1; i >= 0; --i) {
    if (i % 3 == 0) want.push_back(published_[i]);
  }
  EXPECT_THAT(ExpectBackIsForwardsReversed(words), ElementsAreArray(want));

  words.set_body("bodies/RJ1");  // and a body: 8 roles, 2 pages
  want.clear();
  for (int i = kRoles - 1; i >= 0; --i) {
    if (i % 6 == 0) want.push_back(published_[i]);
  }
  EXPECT_THAT(ExpectBackIsForwardsReversed(words), ElementsAreArray(want));
}

// A role published after page 1 was read is newer than every page: reading on, it is
// not listed; reading back, pages 2 and 1 are as they were, and before page 1 comes the
// first page as it is now, the new role first (topped up to a full page with page 1's
// newest roles). A role closed between calls just drops out of the page it was on.
TEST_F(ListRolesPagingTest, RolesWrittenBetweenCallsAreNeitherSkippedNorRepeated) {
  ListRolesRequest request;
  request.set_page_size(kPageSize);
  const ListRolesResponse page1 = List(request);
  const std::string late = Publish(ValidRole("RJ1", harness_->clock().Now()));
  const ListRolesResponse page2 = List(request, page1.next_page_token());
  const ListRolesResponse page3 = List(request, page2.next_page_token());
  std::vector<std::string> want(published_.rbegin() + 10, published_.rbegin() + 20);
  EXPECT_THAT(Names(page2), ElementsAreArray(want));

  EXPECT_EQ(Names(List(request, page3.previous_page_token())), Names(page2));
  const ListRolesResponse back1 = List(request, page2.previous_page_token());
  EXPECT_EQ(Names(back1), Names(page1));
  EXPECT_EQ(back1.next_page_token(), page1.next_page_token());
  ASSERT_FALSE(back1.previous_page_token().empty());  // the late role is newer
  const ListRolesResponse first = List(request, back1.previous_page_token());
  want.assign(published_.rbegin(), published_.rbegin() + 9);
  want.insert(want.begin(), late);
  EXPECT_THAT(Names(first), ElementsAreArray(want));
  EXPECT_TRUE(first.previous_page_token().empty());
  EXPECT_EQ(Names(first), Names(List(request)));

  // Closed between calls: page 2's newest role. Back from page 3, page 2 is the rest of
  // it and the role nearest it from page 1 (nothing of page 3, nothing twice).
  Close(page2.roles(0).name());
  const ListRolesResponse back2 = List(request, page3.previous_page_token());
  want.assign(published_.rbegin() + 9, published_.rbegin() + 20);
  want.erase(want.begin() + 1);
  EXPECT_THAT(Names(back2), ElementsAreArray(want));
  // And forwards from there, page 3 as it was.
  EXPECT_EQ(Names(List(request, back2.next_page_token())), Names(page3));
}

TEST_F(ListRolesPagingTest, APreviousTokenIsBoundToItsFilters) {
  ListRolesRequest request;
  request.set_page_size(kPageSize);
  request.set_region(cadre::v1::REGION_LONDON);
  const ListRolesResponse page1 = List(request);
  const ListRolesResponse page2 = List(request, page1.next_page_token());
  ASSERT_FALSE(page2.previous_page_token().empty());
  for (auto change : {+[](ListRolesRequest& r) { r.set_region(cadre::v1::REGION_NORTH_WEST); },
                      +[](ListRolesRequest& r) { r.clear_region(); },
                      +[](ListRolesRequest& r) { r.set_query("panel"); }}) {
    ListRolesRequest other = request;
    change(other);
    other.set_page_token(page2.previous_page_token());
    ListRolesResponse response;
    EXPECT_THAT(Call(other, &response), StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "page_token"));
  }
  // The page size is not a filter: a token reads on at another size.
  request.set_page_size(3);
  EXPECT_EQ(List(request, page2.previous_page_token()).roles_size(), 3);
}

TEST_F(ListRolesPagingTest, MalformedTokensAreRefused) {
  ListRolesRequest request;
  const std::string fingerprint = FilterFingerprint(request);
  for (const char* cursor : {"p", "px", "p-3", "q12", "12p", "-5"}) {
    request.set_page_token(EncodePageToken(cursor, fingerprint));
    ListRolesResponse response;
    EXPECT_THAT(Call(request, &response),
                StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "page_token"))
        << cursor;
  }
}

// Tokens made before previous pages existed held the bare id of the last role listed:
// that is still the next page's token, byte for byte, and one made by hand reads on.
TEST_F(ListRolesPagingTest, OldForwardTokensStillReadOn) {
  ListRolesRequest request;
  request.set_page_size(kPageSize);
  const ListRolesResponse page1 = List(request);
  const std::string& last = page1.roles(kPageSize - 1).name();
  const std::string id = last.substr(last.find('/') + 1);
  const std::string old_token =
      absl::WebSafeBase64Escape(absl::StrCat("v1|", id, "|", FilterFingerprint(request)));
  EXPECT_EQ(page1.next_page_token(), old_token);
  const ListRolesResponse page2 = List(request, old_token);
  std::vector<std::string> want(published_.rbegin() + 10, published_.rbegin() + 20);
  EXPECT_THAT(Names(page2), ElementsAreArray(want));
  EXPECT_FALSE(page2.previous_page_token().empty());
  EXPECT_EQ(Names(List(request, page2.previous_page_token())), Names(page1));
}

// With nothing to list, no token either way.
TEST_F(ListRolesPagingTest, AnEmptyListingHasNoTokens) {
  ListRolesRequest request;
  request.set_topic("no-such-topic");
  const ListRolesResponse page = List(request);
  EXPECT_EQ(page.roles_size(), 0);
  EXPECT_TRUE(page.next_page_token().empty());
  EXPECT_TRUE(page.previous_page_token().empty());
}

}  // namespace
}  // namespace cadre::testing
