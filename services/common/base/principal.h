#pragma once

// Who is calling, once authenticated (services/common/auth.h reads the key), and the
// checks every handler makes with it. Pure: no gRPC, no Redis.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace cadre {

enum class PrincipalKind { kAnonymous, kAdmin, kBody, kApplicant, kService };

struct Principal {
  PrincipalKind kind = PrincipalKind::kAnonymous;
  // The body's code for kBody ("RXF"), the applicant id, the service name; empty else.
  std::string subject;
  // The key's public id ("admin" for the start-up admin key); empty when anonymous.
  std::string key_id;

  bool is_admin() const { return kind == PrincipalKind::kAdmin; }
  bool is_body(absl::string_view code) const {
    return kind == PrincipalKind::kBody && subject == code;
  }
  // For events and audit entries: "admin", "bodies/RXF", "applicants/..", "services/..";
  // a pseudonymous id, never a name.
  std::string Actor() const;
};

absl::string_view PrincipalKindName(PrincipalKind kind);

// Checks every handler makes after authenticating. PERMISSION_DENIED (UNAUTHENTICATED
// for an anonymous caller) with a message safe to show.
absl::Status RequireAdmin(const Principal& p);
absl::Status RequireAuthenticated(const Principal& p);
// Admin, or the body with this code.
absl::Status RequireAdminOrBody(const Principal& p, absl::string_view body_code);

}  // namespace cadre
