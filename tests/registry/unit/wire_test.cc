// The view's wire bytes: a role's bytes are the role as answered (etag set), made once per
// version on every path into the view; a ListRoles page written from them is byte for
// byte the ListRolesResponse built and serialised the old way. And what the bytes cost.

#include "services/registry/domain/wire.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/registry/domain/catalog.h"
#include "tests/registry/unit/test_data.h"

namespace cadre::registry {
namespace {

using cadre::v1::ListRolesResponse;
using cadre::v1::Role;
using google::protobuf::util::MessageDifferencer;
using testdata::MakeBody;
using testdata::MakeRole;

constexpr uint32_t kSeed = 20240611;

// Random text of 0..`max` characters, some of them outside ASCII (multi-byte UTF-8).
std::string Text(std::mt19937& rng, int max) {
  static const char* const kPieces[] = {"a", "dementia ", "Z", "é", "—", "board ", "ü", "7"};
  std::string out;
  const int n = std::uniform_int_distribution<int>(0, max)(rng);
  for (int i = 0; i < n; ++i) out += kPieces[rng() % 8];
  return out;
}

// A role whose sizes and optional parts vary: long and empty strings, repeated fields of
// several lengths, a closing time or none, the etag of a version.
Role RandomRole(std::mt19937& rng, int64_t id) {
  Role role = MakeRole(id, rng() % 2 ? "RXF" : "QWE");
  role.set_title(Text(rng, 60));
  role.set_summary(Text(rng, 300));
  role.clear_topics();
  for (int i = static_cast<int>(rng() % 4); i > 0; --i) role.add_topics(Text(rng, 8));
  role.set_level(static_cast<cadre::v1::InvolvementLevel>(1 + rng() % 5));
  role.mutable_location()->set_region(static_cast<cadre::v1::Region>(1 + rng() % 8));
  role.set_places(static_cast<int32_t>(rng() % 300));
  if (rng() % 3 == 0) role.clear_closing_time();
  role.mutable_time_commitment()->set_hours_per_month(static_cast<int32_t>(rng() % 201));
  role.set_etag(absl::StrCat(1 + rng() % 100000));
  return role;
}

TEST(WireTest, PagesAreTheOldResponseByteForByte) {
  std::mt19937 rng(kSeed);
  for (int round = 0; round < 300; ++round) {
    SCOPED_TRACE(absl::StrCat("seed ", kSeed, " round ", round));
    const int count = std::uniform_int_distribution<int>(0, 100)(rng);
    const bool with_token = rng() % 2 == 0;
    const std::string token = with_token ? absl::StrCat("tok", Text(rng, 40), "==") : "";
    const bool with_previous = rng() % 2 == 0;
    const std::string previous = with_previous ? absl::StrCat("prev", Text(rng, 40), "=") : "";

    ListRolesResponse old_way;
    std::vector<WirePtr> wire;
    for (int i = 0; i < count; ++i) {
      Role role = RandomRole(rng, 1000 - i);
      *old_way.add_roles() = role;
      wire.push_back(std::make_shared<const std::string>(role.SerializeAsString()));
    }
    if (with_token) old_way.set_next_page_token(token);

    // A stream id, or none (a view that has applied no event yet).
    const std::string position =
        rng() % 3 == 0 ? "" : absl::StrCat(1700000000000 + rng() % 100000, "-", rng() % 5);
    if (!position.empty()) old_way.set_view_position(position);
    if (with_previous) old_way.set_previous_page_token(previous);

    const std::string bytes = EncodeListRolesPage(wire, token, position, {}, previous);
    EXPECT_EQ(bytes, old_way.SerializeAsString());
    ListRolesResponse parsed;
    ASSERT_TRUE(parsed.ParseFromString(bytes));
    EXPECT_TRUE(MessageDifferencer::Equals(parsed, old_way));
  }
}

// accepting_applications is set at read time by appending its three bytes: that is the
// role serialised with it true, because 24 is Role's highest field number.
TEST(WireTest, AcceptingApplicationsIsTheLastFieldAndItsBytesAreAppended) {
  const google::protobuf::Descriptor* descriptor = Role::descriptor();
  int highest = 0;
  for (int i = 0; i < descriptor->field_count(); ++i) {
    highest = std::max(highest, descriptor->field(i)->number());
  }
  EXPECT_EQ(highest, Role::kAcceptingApplicationsFieldNumber);

  std::mt19937 rng(kSeed);
  for (int round = 0; round < 100; ++round) {
    Role role = RandomRole(rng, 1000 + round);
    role.set_state(cadre::v1::ROLE_STATE_OPEN);
    *role.mutable_publish_time() = role.closing_time();
    role.set_minimum_age(18);
    role.set_state_reason("x");
    const std::string without = role.SerializeAsString();
    role.set_accepting_applications(true);
    EXPECT_EQ(WithAcceptingApplications(without), role.SerializeAsString()) << round;
  }
}

TEST(WireTest, APageWritesTheRolesThatAcceptWithTheFieldSet) {
  std::mt19937 rng(kSeed + 1);
  for (int round = 0; round < 100; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    ListRolesResponse old_way;
    std::vector<WirePtr> wire;
    std::vector<bool> accepting;
    const int count = std::uniform_int_distribution<int>(0, 30)(rng);
    for (int i = 0; i < count; ++i) {
      Role role = RandomRole(rng, 1000 - i);
      if (i % 13 == 0) role.set_summary(std::string(200, 's'));  // a two-byte length
      wire.push_back(std::make_shared<const std::string>(role.SerializeAsString()));
      accepting.push_back(rng() % 2 == 0);
      role.set_accepting_applications(accepting.back());
      *old_way.add_roles() = role;
    }
    old_way.set_next_page_token("tok");
    old_way.set_view_position("1-0");
    EXPECT_EQ(EncodeListRolesPage(wire, "tok", "1-0", accepting), old_way.SerializeAsString());
  }
  // A role of 126 bytes: with the field, 129, and its length takes two bytes.
  Role role;
  role.set_name("roles/1");
  while (role.ByteSizeLong() < 126) role.mutable_summary()->push_back('s');
  ASSERT_EQ(role.ByteSizeLong(), 126u);
  const auto wire = std::make_shared<const std::string>(role.SerializeAsString());
  role.set_accepting_applications(true);
  ListRolesResponse one;
  *one.add_roles() = role;
  EXPECT_EQ(EncodeListRolesPage({wire}, "", "", {true}), one.SerializeAsString());
}

TEST(WireTest, AnEmptyPageIsNoBytes) {
  EXPECT_EQ(EncodeListRolesPage({}, ""), "");
  EXPECT_EQ(EncodeListRolesPage({}, "", ""), "");
  ListRolesResponse only_token;
  only_token.set_next_page_token("abc");
  EXPECT_EQ(EncodeListRolesPage({}, "abc"), only_token.SerializeAsString());
  ListRolesResponse only_position;
  only_position.set_view_position("1700000000000-0");
  EXPECT_EQ(EncodeListRolesPage({}, "", "1700000000000-0"), only_position.SerializeAsString());
}

// The position is field 3 (tag 0x1A), after the token; an empty one is left out.
TEST(WireTest, ViewPositionIsFieldThreeAfterTheToken) {
  Role role = MakeRole(1, "RXF");
  auto wire = std::make_shared<const std::string>(role.SerializeAsString());
  ListRolesResponse old_way;
  *old_way.add_roles() = role;
  old_way.set_next_page_token("tok");
  old_way.set_view_position("1-0");
  const std::string bytes = EncodeListRolesPage({wire}, "tok", "1-0");
  EXPECT_EQ(bytes, old_way.SerializeAsString());
  EXPECT_EQ(bytes.substr(bytes.size() - 5), std::string("\x1a\x03"
                                                        "1-0",
                                                        5));
  ListRolesResponse parsed;
  ASSERT_TRUE(parsed.ParseFromString(bytes));
  EXPECT_EQ(parsed.view_position(), "1-0");
  EXPECT_EQ(parsed.next_page_token(), "tok");
}

// The previous page's token is field 4 (tag 0x22), last; an empty one is left out, and
// it is written with or without the other fields.
TEST(WireTest, PreviousPageTokenIsFieldFourAfterThePosition) {
  Role role = MakeRole(1, "RXF");
  auto wire = std::make_shared<const std::string>(role.SerializeAsString());
  ListRolesResponse old_way;
  *old_way.add_roles() = role;
  old_way.set_next_page_token("tok");
  old_way.set_view_position("1-0");
  old_way.set_previous_page_token("back");
  const std::string bytes = EncodeListRolesPage({wire}, "tok", "1-0", {}, "back");
  EXPECT_EQ(bytes, old_way.SerializeAsString());
  EXPECT_EQ(bytes.substr(bytes.size() - 6), std::string("\x22\x04"
                                                        "back",
                                                        6));
  ListRolesResponse parsed;
  ASSERT_TRUE(parsed.ParseFromString(bytes));
  EXPECT_EQ(parsed.previous_page_token(), "back");
  EXPECT_EQ(parsed.next_page_token(), "tok");

  ListRolesResponse only_previous;
  only_previous.set_previous_page_token("back");
  EXPECT_EQ(EncodeListRolesPage({}, "", "", {}, "back"), only_previous.SerializeAsString());

  // A long token (a two-byte length) after a role that accepts applications.
  ListRolesResponse accepting;
  *accepting.add_roles() = role;
  accepting.mutable_roles(0)->set_accepting_applications(true);
  accepting.set_previous_page_token(std::string(300, 'p'));
  EXPECT_EQ(EncodeListRolesPage({wire}, "", "", {true}, std::string(300, 'p')),
            accepting.SerializeAsString());
}

// A role over 127 bytes has a length of two varint bytes, over 16 KiB three.
TEST(WireTest, LongRolesHaveLongLengths) {
  for (int size : {100, 127, 128, 16383, 16384, 200000}) {
    Role role = MakeRole(1, "RXF");
    role.set_summary(std::string(static_cast<size_t>(size), 'x'));
    ListRolesResponse old_way;
    *old_way.add_roles() = role;
    *old_way.add_roles() = role;
    old_way.set_next_page_token(std::string(static_cast<size_t>(size), 't'));
    auto wire = std::make_shared<const std::string>(role.SerializeAsString());
    EXPECT_EQ(EncodeListRolesPage({wire, wire}, old_way.next_page_token()),
              old_way.SerializeAsString())
        << size;
  }
}

TEST(CatalogWireTest, BytesAreTheRoleAsAnsweredOnEveryPath) {
  Catalog catalog;
  catalog.PutBody(MakeBody("RXF", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_LONDON), 1);
  ASSERT_TRUE(catalog.PutRole(MakeRole(7, "RXF"), 3));
  RoleAndWire found = catalog.FindRoleAndWire(7);
  ASSERT_NE(found.role, nullptr);
  ASSERT_NE(found.wire, nullptr);
  EXPECT_EQ(found.role->etag(), "3");
  EXPECT_EQ(*found.wire, found.role->SerializeAsString());

  // A newer version brings new bytes; the old ones stay valid for whoever holds them.
  Role edited = *found.role;
  edited.set_title("Edited title");
  ASSERT_TRUE(catalog.PutRole(edited, 4));
  RoleAndWire after = catalog.FindRoleAndWire(7);
  Role parsed;
  ASSERT_TRUE(parsed.ParseFromString(*after.wire));
  EXPECT_EQ(parsed.title(), "Edited title");
  EXPECT_EQ(parsed.etag(), "4");
  ASSERT_TRUE(parsed.ParseFromString(*found.wire));
  EXPECT_EQ(parsed.etag(), "3");
  // An older or equal version changes nothing, bytes included.
  EXPECT_FALSE(catalog.PutRole(MakeRole(7, "RXF"), 4));
  EXPECT_EQ(catalog.FindRoleAndWire(7).wire.get(), after.wire.get());

  // An event's snapshot (accepting_applications as at its write: the view holds every
  // role with it false, and reads set it).
  cadre::v1::RegistryEvent event;
  event.set_version(5);
  *event.mutable_role() = MakeRole(8, "RXF");
  event.mutable_role()->set_accepting_applications(true);
  ASSERT_TRUE(catalog.Apply(event));
  RoleAndWire applied = catalog.FindRoleAndWire(8);
  EXPECT_FALSE(applied.role->accepting_applications());
  EXPECT_EQ(*applied.wire, applied.role->SerializeAsString());
  EXPECT_EQ(applied.role->etag(), "5");

  // A listing's bytes are its roles', in order.
  RolePage page = catalog.QueryRoles(RoleQuery(), absl::nullopt, 10);
  ASSERT_EQ(page.roles.size(), 2u);
  ASSERT_EQ(page.wire.size(), 2u);
  for (size_t i = 0; i < page.roles.size(); ++i) {
    EXPECT_EQ(*page.wire[i], page.roles[i]->SerializeAsString());
  }

  // A page carries the view's position, read under the page's own lock.
  EXPECT_EQ(page.view_position, "");
  catalog.SetViewPosition("1700000000000-3");
  EXPECT_EQ(catalog.QueryRoles(RoleQuery(), absl::nullopt, 10).view_position, "1700000000000-3");
  EXPECT_EQ(catalog.QueryRoles(RoleQuery(), absl::nullopt, 0).view_position, "1700000000000-3");

  // A full reload takes the loaded catalog's bytes and position.
  Catalog loaded;
  loaded.SetViewPosition("1700000000001-0");
  ASSERT_TRUE(loaded.PutRole(MakeRole(9, "RXF"), 2));
  catalog.ReplaceWith(loaded);
  EXPECT_EQ(catalog.FindRoleAndWire(7).wire, nullptr);
  EXPECT_EQ(catalog.view_position(), "1700000000001-0");
  RoleAndWire reloaded = catalog.FindRoleAndWire(9);
  ASSERT_NE(reloaded.wire, nullptr);
  EXPECT_EQ(*reloaded.wire, reloaded.role->SerializeAsString());
}

// What the byte cache costs for the demo-like role: printed for BENCHMARKS.md.
TEST(CatalogWireTest, BytesPerRoleOfTheCache) {
  Catalog catalog;
  constexpr int kRoles = 1000;
  for (int64_t id = 1000; id < 1000 + kRoles; ++id) {
    ASSERT_TRUE(catalog.PutRole(MakeRole(id, "RXF"), 100));
  }
  // Ids 1000–9999 and etag "100", so that every role is as long as the last.
  const size_t serialised = catalog.FindRoleAndWire(kRoles + 999).wire->size();
  const size_t per_role = catalog.WireBytesForTest() / kRoles;
  std::printf("wire bytes: %zu serialised, %zu bytes per role held\n", serialised, per_role);
  // The string's block, the string and its pointer; nothing else.
  EXPECT_GE(per_role, serialised + sizeof(std::string) + sizeof(WirePtr));
  EXPECT_LE(per_role, 2 * serialised + sizeof(std::string) + sizeof(WirePtr) + 1);
}

}  // namespace
}  // namespace cadre::registry
