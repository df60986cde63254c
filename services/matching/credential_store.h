#pragma once

// Redis persistence of the credentials bodies grant people: the only code that knows
// their key names (see applicant_store.h for the rest of the layout).
//
//   matching:credentials:{id}       hash {n: Credential bytes, without its name}
//   matching:seq:credential:{id}    the applicant's last credential number
//
// A grant and a revocation are each one outbox script: the credential, the event
// (CREDENTIAL_GRANTED / CREDENTIAL_REVOKED, ids only) and the audit entry together.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/redis_client.h"
#include "services/matching/applicant_store.h"

namespace cadre::matching {

// Thread-safe (the RedisClient is).
class CredentialStore {
 public:
  explicit CredentialStore(RedisClient* redis) : redis_(redis) {}

  // A new number for the applicant's next credential (gaps are harmless).
  absl::StatusOr<int64_t> NextNumber(const std::string& applicant_id);
  // Stores credential `n` of the applicant. kNotFound if the applicant does not exist
  // (or is not active), kTooMany at `max_per_person`, kDuplicate for a request id used
  // before (prior_resource names what it granted).
  absl::StatusOr<StoreResult> Grant(const std::string& applicant_id, int64_t n,
                                    const cadre::v1::Credential& credential,
                                    const std::string& request_id, int max_per_person,
                                    const Change& change);
  // Replaces credential `n` if it still holds `expected` (kStale otherwise; kNotFound if
  // it is gone).
  absl::StatusOr<StoreResult> Replace(const std::string& applicant_id, int64_t n,
                                      const cadre::v1::Credential& expected,
                                      const cadre::v1::Credential& revoked, const Change& change);
  // One credential, named, or nullopt.
  absl::StatusOr<absl::optional<cadre::v1::Credential>> Get(const std::string& applicant_id,
                                                            int64_t n);
  // Every credential of the applicant, named, newest first.
  absl::StatusOr<std::vector<cadre::v1::Credential>> List(const std::string& applicant_id);
  // List as one command and its parse, for reads pipelined with others'.
  static std::vector<std::string> ListCommand(const std::string& applicant_id);
  static absl::StatusOr<std::vector<cadre::v1::Credential>> ParseList(
      const RedisReply& reply, const std::string& applicant_id);

 private:
  RedisClient* redis_;
};

std::string CredentialsKey(const std::string& applicant_id);
std::string CredentialSeqKey(const std::string& applicant_id);

}  // namespace cadre::matching
