// GetRole and ListRoles answer from the view's bytes: every answer, read through the real
// stub, is the message the old path built from the records (the role as written, etag
// set; a page of those roles newest first, with the tokens the old path made, next and
// previous, read forwards and back), for random catalogues, filters, callers and page
// sizes; and pages read while another thread writes list only versions that were
// written, never skipping or repeating a role.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/common/base/page_token.h"
#include "tests/registry/integration/registry_harness.h"
#include "tests/support/status_matchers.h"

namespace cadre::testing {
namespace {

using ::cadre::v1::ListRolesRequest;
using ::cadre::v1::ListRolesResponse;
using ::cadre::v1::Role;
using ::google::protobuf::util::MessageDifferencer;

constexpr uint32_t kSeed = 424242;
constexpr const char* kBodies[] = {"RJ1", "QOP", "RXF"};
constexpr const char* kTopics[] = {"maternity", "diabetes", "dementia", "stroke"};
constexpr cadre::v1::Region kRegions[] = {cadre::v1::REGION_LONDON, cadre::v1::REGION_NORTH_WEST,
                                          cadre::v1::REGION_MIDLANDS};
constexpr cadre::v1::AttendanceMode kModes[] = {cadre::v1::ATTENDANCE_MODE_IN_PERSON,
                                                cadre::v1::ATTENDANCE_MODE_REMOTE,
                                                cadre::v1::ATTENDANCE_MODE_HYBRID};

int64_t IdOf(const Role& role) {
  int64_t id = 0;
  EXPECT_TRUE(absl::SimpleAtoi(role.name().substr(role.name().find('/') + 1), &id)) << role.name();
  return id;
}

std::string Diff(const google::protobuf::Message& got, const google::protobuf::Message& want) {
  std::string report;
  MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&report);
  return differencer.Compare(got, want) ? std::string() : report;
}

class WireEquivalenceTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    harness_->MakeBody("RXF", cadre::v1::BODY_KIND_TRUST, cadre::v1::REGION_MIDLANDS);
    for (const char* code : kBodies) keys_[code] = harness_->BodyKey(code);
  }

  cadre::v1::Registry::Stub& stub() { return harness_->stub(); }
  // Who calls with `key`, for failure messages (which never show a key).
  std::string Caller(const std::string& key) {
    if (key.empty()) return "anonymous";
    if (key == kAdminKey) return "admin";
    for (const auto& [code, body_key] : keys_) {
      if (body_key == key) return absl::StrCat("bodies/", code);
    }
    return "?";
  }
  const std::string& KeyOf(const Role& role) { return keys_[role.body().substr(7)]; }

  // Records `role`, the answer of a write, as the latest version of itself and as one of
  // its versions.
  void Record(const Role& role) {
    std::lock_guard<std::mutex> lock(mu_);
    latest_[IdOf(role)] = role;
    versions_[role.name()].push_back(role.SerializeAsString());
  }

  Role RandomRole(std::mt19937& rng, int n) {
    Role role = ValidRole(kBodies[rng() % 3], harness_->clock().Now());
    role.set_title(absl::StrCat("Member of group ", n, rng() % 2 ? " — héalth" : ""));
    role.set_level(static_cast<cadre::v1::InvolvementLevel>(1 + rng() % 4));
    role.mutable_location()->set_region(kRegions[rng() % 3]);
    role.mutable_location()->set_mode(kModes[rng() % 3]);
    role.clear_topics();
    role.add_topics(kTopics[rng() % 4]);
    if (rng() % 2) role.add_topics(kTopics[rng() % 4]);
    if (role.topics_size() == 2 && role.topics(0) == role.topics(1)) {
      role.mutable_topics()->RemoveLast();
    }
    if (rng() % 3 == 0) role.set_summary(std::string(200 + rng() % 700, 'w'));
    return role;
  }

  // Creates, and mostly publishes, edits or closes, a role; records every answer.
  void WriteRandomRole(std::mt19937& rng, int n) {
    cadre::v1::CreateRoleRequest create;
    *create.mutable_role() = RandomRole(rng, n);
    const std::string& key = KeyOf(create.role());
    Role role;
    CADRE_ASSERT_OK(stub().CreateRole(RegistryHarness::Context(key).get(), create, &role));
    Record(role);
    ExpectGetAnswers(role);
    if (rng() % 10 < 7) {
      cadre::v1::PublishRoleRequest publish;
      publish.set_name(role.name());
      CADRE_ASSERT_OK(stub().PublishRole(RegistryHarness::Context(key).get(), publish, &role));
      Record(role);
    }
    if (rng() % 3 == 0) Edit(role, key, absl::StrCat("edited at first ", n));
    if (role.state() == cadre::v1::ROLE_STATE_OPEN && rng() % 8 == 0) {
      cadre::v1::CloseRoleRequest close;
      close.set_name(role.name());
      close.set_state(cadre::v1::ROLE_STATE_FILLED);
      CADRE_ASSERT_OK(stub().CloseRole(RegistryHarness::Context(key).get(), close, &role));
      Record(role);
    }
  }

  // A new version of `role` with `summary`; recorded, and read back at once.
  Role Edit(const Role& role, const std::string& key, const std::string& summary) {
    cadre::v1::UpdateRoleRequest update;
    update.mutable_role()->set_name(role.name());
    update.mutable_role()->set_summary(summary);
    update.mutable_update_mask()->add_paths("summary");
    Role out;
    grpc::Status s = stub().UpdateRole(RegistryHarness::Context(key).get(), update, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    if (!s.ok()) return role;
    EXPECT_NE(out.etag(), role.etag());
    Record(out);
    ExpectGetAnswers(out);
    return out;
  }

  // GetRole of `role` (its latest version) by every kind of caller: the role itself to
  // whoever may see it (anyone, once it has been published), NOT_FOUND to the others.
  void ExpectGetAnswers(const Role& role) {
    const bool published = role.state() == cadre::v1::ROLE_STATE_OPEN || role.has_publish_time();
    std::vector<std::pair<std::string, bool>> callers = {{"", published}, {kAdminKey, true}};
    for (const char* code : kBodies) {
      callers.emplace_back(keys_[code], published || role.body() == absl::StrCat("bodies/", code));
    }
    for (const auto& [key, sees] : callers) {
      cadre::v1::GetRoleRequest request;
      request.set_name(role.name());
      Role got;
      grpc::Status s = stub().GetRole(RegistryHarness::Context(key).get(), request, &got);
      if (!sees) {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << role.name();
        continue;
      }
      ASSERT_TRUE(s.ok()) << role.name() << ": " << s.error_message();
      EXPECT_EQ(Diff(got, role), "") << role.name();
      EXPECT_EQ(got.SerializeAsString(), role.SerializeAsString()) << role.name();
    }
  }

  // The old path, from the records: the roles `request` lists, newest first.
  std::vector<Role> Matching(const ListRolesRequest& r) {
    const auto state =
        r.state() == cadre::v1::ROLE_STATE_UNSPECIFIED ? cadre::v1::ROLE_STATE_OPEN : r.state();
    std::vector<Role> out;
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& entry : latest_) {
      const Role& role = entry.second;
      if (role.state() != state) continue;
      if (!r.body().empty() && role.body() != r.body()) continue;
      if (r.level() != 0 && role.level() != r.level()) continue;
      if (r.region() != 0 && role.location().region() != r.region()) continue;
      if (!r.topic().empty() &&
          std::find(role.topics().begin(), role.topics().end(), r.topic()) == role.topics().end()) {
        continue;
      }
      const bool remote = role.location().mode() != cadre::v1::ATTENDANCE_MODE_IN_PERSON;
      if (r.has_remote() && remote != r.remote()) continue;
      out.push_back(role);
    }
    std::reverse(out.begin(), out.end());  // newest first
    return out;
  }

  static std::string NextToken(const ListRolesRequest& request, int64_t id) {
    return EncodePageToken(absl::StrCat(id), FilterFingerprint(request));
  }
  static std::string PreviousToken(const ListRolesRequest& request, int64_t id) {
    return EncodePageToken(absl::StrCat("p", id), FilterFingerprint(request));
  }
  static int PageSize(const ListRolesRequest& request) {
    return request.page_size() == 0 ? 20 : request.page_size();
  }

  // The page the old path built for `request` (after its token's cursor, 0 for none),
  // with the previous page's token when a role newer than its first (or than the cursor,
  // on an empty page) matches.
  ListRolesResponse OldPage(const ListRolesRequest& request, int64_t after_id) {
    const int size = PageSize(request);
    const std::vector<Role> matching = Matching(request);
    ListRolesResponse page;
    for (const Role& role : matching) {
      if (after_id != 0 && IdOf(role) >= after_id) continue;
      if (page.roles_size() == size) {
        page.set_next_page_token(NextToken(request, IdOf(page.roles(size - 1))));
        break;
      }
      *page.add_roles() = role;
    }
    const int64_t first = page.roles_size() > 0 ? IdOf(page.roles(0)) : after_id;
    if (after_id != 0 && !matching.empty() && IdOf(matching.front()) > first) {
      page.set_previous_page_token(PreviousToken(request, first));
    }
    return page;
  }

  // The page before `before_id` from the records: the `size` matching roles above it
  // nearest to it, newest first; the first page when no more than `size` are above it.
  ListRolesResponse OldPageBefore(const ListRolesRequest& request, int64_t before_id) {
    const int size = PageSize(request);
    const std::vector<Role> matching = Matching(request);  // newest first
    const auto above =
        static_cast<int>(std::count_if(matching.begin(), matching.end(),
                                       [&](const Role& role) { return IdOf(role) > before_id; }));
    if (above <= size) return OldPage(request, 0);
    ListRolesResponse page;
    for (int i = above - size; i < above; ++i) *page.add_roles() = matching[i];
    if (above < static_cast<int>(matching.size())) {
      page.set_next_page_token(NextToken(request, IdOf(page.roles(size - 1))));
    }
    page.set_previous_page_token(PreviousToken(request, IdOf(page.roles(0))));
    return page;
  }

  ListRolesRequest RandomQuery(std::mt19937& rng, std::string* key) {
    ListRolesRequest r;
    *key = rng() % 2 ? "" : keys_[kBodies[rng() % 3]];
    if (rng() % 3 == 0) r.set_region(kRegions[rng() % 3]);
    if (rng() % 3 == 0) r.set_level(static_cast<cadre::v1::InvolvementLevel>(1 + rng() % 4));
    if (rng() % 3 == 0) r.set_body(absl::StrCat("bodies/", kBodies[rng() % 3]));
    if (rng() % 3 == 0) r.set_topic(kTopics[rng() % 4]);
    if (rng() % 4 == 0) r.set_remote(rng() % 2 == 0);
    if (rng() % 4 == 0) {
      // Roles not open: their own body lists them (or an admin).
      static constexpr cadre::v1::RoleState kStates[] = {
          cadre::v1::ROLE_STATE_DRAFT, cadre::v1::ROLE_STATE_FILLED, cadre::v1::ROLE_STATE_OPEN};
      r.set_state(kStates[rng() % 3]);
      if (rng() % 4 == 0) {
        *key = kAdminKey;
      } else {
        const char* code = kBodies[rng() % 3];
        r.set_body(absl::StrCat("bodies/", code));
        *key = keys_[code];
      }
    }
    static constexpr int kSizes[] = {0, 1, 2, 3, 7, 20, 100};
    r.set_page_size(kSizes[rng() % 7]);
    return r;
  }

  std::map<std::string, std::string> keys_;
  std::mutex mu_;
  std::map<int64_t, Role> latest_;                            // by id; guarded by mu_
  std::map<std::string, std::vector<std::string>> versions_;  // serialised; guarded by mu_
};

TEST_F(WireEquivalenceTest, EveryAnswerIsTheOldAnswer) {
  SCOPED_TRACE(absl::StrCat("seed ", kSeed));
  std::mt19937 rng(kSeed);
  for (int n = 0; n < 90; ++n) {
    WriteRandomRole(rng, n);
    if (HasFatalFailure()) return;
  }
  // Every role's latest version, to every caller.
  for (const auto& [id, role] : std::map<int64_t, Role>(latest_)) ExpectGetAnswers(role);

  for (int q = 0; q < 150; ++q) {
    std::string key;
    ListRolesRequest request = RandomQuery(rng, &key);
    SCOPED_TRACE(absl::StrCat("query ", q, ": ", request.ShortDebugString(), " by ", Caller(key)));
    int64_t after_id = 0;
    std::vector<ListRolesResponse> forwards;
    for (int pages = 0; pages < 200; ++pages) {
      ListRolesResponse got;
      grpc::Status s = stub().ListRoles(RegistryHarness::Context(key).get(), request, &got);
      ASSERT_TRUE(s.ok()) << s.error_message();
      // The view's position is the replica's own (view_position_test.cc checks it); the
      // rest is the old answer, and the bytes are protobuf's with the position in them.
      ListRolesResponse want = OldPage(request, after_id);
      want.set_view_position(got.view_position());
      ASSERT_EQ(Diff(got, want), "") << "page " << pages;
      EXPECT_EQ(got.SerializeAsString(), want.SerializeAsString());
      forwards.push_back(got);
      if (got.next_page_token().empty()) break;
      after_id = IdOf(got.roles(got.roles_size() - 1));
      request.set_page_token(got.next_page_token());
    }
    // Back from the last page: each page before, as the records give it and as it was
    // read forwards (nothing was written since), down to the first, which has no
    // previous page.
    for (size_t k = forwards.size() - 1; k > 0; --k) {
      ASSERT_FALSE(forwards[k].previous_page_token().empty()) << "page " << k;
      request.set_page_token(forwards[k].previous_page_token());
      ListRolesResponse got;
      grpc::Status s = stub().ListRoles(RegistryHarness::Context(key).get(), request, &got);
      ASSERT_TRUE(s.ok()) << s.error_message();
      ListRolesResponse want = OldPageBefore(request, IdOf(forwards[k].roles(0)));
      want.set_view_position(got.view_position());
      ASSERT_EQ(Diff(got, want), "") << "back from page " << k;
      EXPECT_EQ(got.SerializeAsString(), want.SerializeAsString());
      want = forwards[k - 1];
      want.set_view_position(got.view_position());
      EXPECT_EQ(Diff(got, want), "") << "back from page " << k;
    }
    EXPECT_EQ(forwards.front().previous_page_token(), "");
    // An edit between queries: the next answers carry the new version.
    if (q % 10 == 0) {
      std::vector<Role> listed = Matching(ListRolesRequest());
      if (!listed.empty()) {
        const Role& role = listed[rng() % listed.size()];
        Edit(role, KeyOf(role), absl::StrCat("edited between queries ", q));
      }
    }
  }
}

TEST_F(WireEquivalenceTest, PagesReadWhileAnotherThreadWritesListWrittenVersionsOnce) {
  SCOPED_TRACE(absl::StrCat("seed ", kSeed));
  std::mt19937 rng(kSeed + 1);
  for (int n = 0; n < 60; ++n) {
    WriteRandomRole(rng, n);
    if (HasFatalFailure()) return;
  }
  ListRolesRequest query;
  query.set_page_size(3);
  const std::vector<Role> at_start = Matching(query);
  ASSERT_GT(at_start.size(), 10u);

  // The writer edits every matching role in turn (a new version of each, still
  // matching) and adds new roles, while the reader pages.
  // The reader waits for a few writes between pages, so that pages and writes interleave
  // however fast either side runs.
  std::atomic<bool> stop{false};
  std::atomic<int> writes{0};
  std::thread writer([&] {
    std::mt19937 writer_rng(kSeed + 2);
    for (int n = 0; !stop.load() && n < 1000; ++n) {
      const Role& role = at_start[static_cast<size_t>(n) % at_start.size()];
      Edit(role, KeyOf(role), absl::StrCat("edited while paging ", n));
      if (n % 5 == 0) WriteRandomRole(writer_rng, 1000 + n);
      ++writes;
    }
  });
  std::vector<Role> seen;
  int pages = 0;
  for (; pages < 1000; ++pages) {
    ListRolesResponse got;
    grpc::Status s = stub().ListRoles(RegistryHarness::Context().get(), query, &got);
    ASSERT_TRUE(s.ok()) << s.error_message();
    seen.insert(seen.end(), got.roles().begin(), got.roles().end());
    if (got.next_page_token().empty()) break;
    query.set_page_token(got.next_page_token());
    const int target = writes.load() + 3;
    EXPECT_TRUE(WaitFor([&] { return writes.load() >= target; }));
  }
  stop = true;
  writer.join();
  EXPECT_GT(pages, 3);

  // Each listed role is, byte for byte, a version the test wrote.
  std::set<std::string> names;
  for (const Role& role : seen) {
    const auto& written = versions_[role.name()];
    EXPECT_NE(std::find(written.begin(), written.end(), role.SerializeAsString()), written.end())
        << role.ShortDebugString();
    EXPECT_EQ(role.state(), cadre::v1::ROLE_STATE_OPEN);
    EXPECT_TRUE(names.insert(role.name()).second) << "listed twice: " << role.name();
  }
  // Newest first, and every role that matched throughout was listed.
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_GT(IdOf(seen[i - 1]), IdOf(seen[i]));
  for (const Role& role : at_start) EXPECT_EQ(names.count(role.name()), 1u) << role.name();
}

}  // namespace
}  // namespace cadre::testing
