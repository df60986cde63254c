// A role's closing time, through real stubs against a real redis-server, with the
// harness's FakeClock: from it no public listing, search or map shows the role, while it
// stays OPEN and readable by name, and its body, admins and the matching service still
// list it (accepting_applications false). Also who may read and end roles: the matching
// service reads every role and may only mark an open role filled; other services read as
// the public does; published roles stay readable by name. (The sweep that announces each
// closing: closing_sweep_test.cc.)

#include "tests/registry/integration/closing_time_fixture.h"

namespace cadre::testing {
namespace {

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
