// Page tokens: a cursor bound to the filters of the request that made it.

#include "services/common/base/page_token.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/escaping.h"
#include "cadre/v1/registry.pb.h"
#include "tests/support/status_matchers.h"

namespace cadre {
namespace {

using ::cadre::testing::InvalidAt;
using cadre::v1::ListRolesRequest;

ListRolesRequest Filters() {
  ListRolesRequest r;
  r.set_region(cadre::v1::REGION_LONDON);
  r.set_topic("dementia");
  r.set_remote(true);
  return r;
}

TEST(PageTokenTest, RoundTripsTheCursor) {
  const std::string fp = FilterFingerprint(Filters());
  for (const char* cursor : {"42", "RXF", "9007199254740992"}) {
    SCOPED_TRACE(cursor);
    const std::string token = EncodePageToken(cursor, fp);
    absl::StatusOr<std::string> decoded = DecodePageToken(token, fp);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, cursor);
  }
}

TEST(PageTokenTest, TokenIsUrlSafe) {
  const std::string token = EncodePageToken("123456789", FilterFingerprint(Filters()));
  EXPECT_EQ(token.find_first_of("+/= "), std::string::npos) << token;
}

TEST(PageTokenTest, TamperedTokenIsRefused) {
  const std::string fp = FilterFingerprint(Filters());
  const std::string token = EncodePageToken("42", fp);
  std::string flipped = token;
  flipped[flipped.size() / 2] = flipped[flipped.size() / 2] == 'A' ? 'B' : 'A';
  for (const std::string& bad :
       {flipped, token.substr(0, token.size() - 3), std::string("not a token!"),
        std::string("@@@@"), absl::WebSafeBase64Escape("v2|42|" + fp),
        absl::WebSafeBase64Escape("v1||" + fp), absl::WebSafeBase64Escape("v1|42"),
        absl::WebSafeBase64Escape("v1|4|2|" + fp), std::string(600, 'A')}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(DecodePageToken(bad, fp), InvalidAt("page_token"));
  }
}

TEST(PageTokenTest, TokenForOtherFiltersIsRefused) {
  ListRolesRequest first = Filters();
  const std::string token = EncodePageToken("42", FilterFingerprint(first));
  ListRolesRequest changed = first;
  changed.set_topic("diabetes");
  EXPECT_THAT(DecodePageToken(token, FilterFingerprint(changed)), InvalidAt("page_token"));
  ListRolesRequest unset = first;
  unset.clear_remote();
  EXPECT_THAT(DecodePageToken(token, FilterFingerprint(unset)), InvalidAt("page_token"));
}

TEST(PageTokenTest, FingerprintDependsOnFiltersOnly) {
  ListRolesRequest a = Filters();
  ListRolesRequest b = Filters();
  b.set_page_size(77);
  b.set_page_token("anything");
  EXPECT_EQ(FilterFingerprint(a), FilterFingerprint(b));
  EXPECT_EQ(FilterFingerprint(a), FilterFingerprint(Filters()));  // stable

  ListRolesRequest remote_false = Filters();
  remote_false.set_remote(false);  // set to false differs from unset and from true
  ListRolesRequest remote_unset = Filters();
  remote_unset.clear_remote();
  EXPECT_NE(FilterFingerprint(a), FilterFingerprint(remote_false));
  EXPECT_NE(FilterFingerprint(remote_false), FilterFingerprint(remote_unset));
}

TEST(PageTokenTest, NextPageRequestCarryingItsTokenStillMatches) {
  // The second call carries the token and maybe another page size; the token must fit.
  ListRolesRequest first = Filters();
  first.set_page_size(10);
  const std::string token = EncodePageToken("42", FilterFingerprint(first));
  ListRolesRequest second = Filters();
  second.set_page_size(25);
  second.set_page_token(token);
  absl::StatusOr<std::string> cursor = DecodePageToken(token, FilterFingerprint(second));
  ASSERT_TRUE(cursor.ok()) << cursor.status();
  EXPECT_EQ(*cursor, "42");
}

TEST(PageTokenTest, TokenFromAnotherListingIsRefused) {
  // A ListAvenues token (cursor: an avenue id) handed to ListRoles must not be taken as a
  // role id: the two unfiltered requests must not share a fingerprint.
  const std::string avenues_token =
      EncodePageToken("5", FilterFingerprint(cadre::v1::ListAvenuesRequest()));
  EXPECT_THAT(DecodePageToken(avenues_token, FilterFingerprint(ListRolesRequest())),
              InvalidAt("page_token"));
}

}  // namespace
}  // namespace cadre
