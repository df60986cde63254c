#pragma once

// Talking to a running registry before the measurement: waiting until it answers,
// seeding bodies and open roles, and finding the open roles already there.
// All calls are plaintext gRPC to `target` ("127.0.0.1:PORT") with per-call deadlines.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cadre/v1/registry.pb.h"

namespace cadre::bench {

// Polls ListRoles (page_size 1, no key) until it answers OK. DEADLINE_EXCEEDED if it has
// not within `timeout`; any answer other than OK, UNAVAILABLE or DEADLINE_EXCEEDED is
// returned at once (the registry is up but refuses the call).
absl::Status WaitUntilServing(const std::string& target, absl::Duration timeout);

struct SeedOptions {
  std::string admin_key;  // sent as `authorization: Bearer <key>`
  int bodies = 12;        // 1–26
  int roles = 10000;
  int threads = 16;  // concurrent writers, each CreateRole then PublishRole in turn
  // Called on each role (BenchRole(i, ...)) before it is created, e.g. to set its places;
  // none by default.
  std::function<void(int i, cadre::v1::Role* role)> adjust;
};

// Creates the bodies (ALREADY_EXISTS counts as done, so a re-run reuses them), then
// `roles` roles (role i belongs to body i % bodies), each published. Returns the names
// ("roles/{id}") of the open roles. The first failing call's status is returned (after a few
// retries of UNAVAILABLE and RESOURCE_EXHAUSTED); PERMISSION_DENIED / UNAUTHENTICATED mean a wrong
// admin key.
absl::StatusOr<std::vector<std::string>> SeedRegistry(const std::string& target,
                                                      const SeedOptions& options);

// Names of up to `limit` open roles, paging ListRoles 100 at a time, no key.
absl::StatusOr<std::vector<std::string>> ListOpenRoleNames(const std::string& target, int limit);

// Serialised sizes of one GetRole answer and one ListRoles page, from ProbeAnswers.
struct AnswerSizes {
  size_t get_role_bytes = 0;
  size_t list_roles_bytes = 0;
};

// One GetRole of `role_name` and one ListRoles (region 1, level 1, `page_size`), no key,
// to check the answers before measuring: the role's name must match, the page must be
// full and, with `check_filters`, every role on it must have that region and level.
// The call's status if not OK; FAILED_PRECONDITION if an answer is not as expected.
absl::StatusOr<AnswerSizes> ProbeAnswers(const std::string& target, const std::string& role_name,
                                         int page_size, bool check_filters);

}  // namespace cadre::bench
