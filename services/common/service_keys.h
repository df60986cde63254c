#pragma once

// Service keys: how Cadre's services know one another. Each service has its own key, of
// the issued-key shape ("cadre_" + 48 lower-case hex digits), in a directory that every
// service is given at start-up (`--service_keys_dir`, or CADRE_SERVICE_KEYS_DIR; never
// the key itself on the command line, which `ps` shows):
//
//   <dir>/matching.key        one key a file (trailing white space ignored), mode 600
//   <dir>/notifications.key   ...
//
// The file's name without ".key" is the service's subject: 1–64 characters of a-z, 0-9
// and '-'. A service recognises a caller holding any of these keys as
// Principal{kService, subject, key_id "service:<subject>"} (Authenticator keeps only the
// keys' SHA-256 hashes), and calls others with its own key, ReadOwnServiceKey.
// Entries whose names start with '.' (Kubernetes secret mounts add "..data" and the
// like) and entries not ending in ".key" are ignored.
//
// `make run` makes such a directory (.run/service-keys/) with scripts/new_key.sh.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cadre {

inline constexpr size_t kMaxServiceSubjectLength = 64;  // characters
inline constexpr absl::string_view kServiceKeyFileSuffix = ".key";
// The matching service's subject: the only caller that may register applicants' keys.
inline constexpr absl::string_view kMatchingService = "matching";

// 1–64 characters of a-z, 0-9 and '-'.
bool IsServiceSubject(absl::string_view subject);

// What a service keeps of another's key: never the key.
struct ServiceKeyHash {
  std::string subject;  // "matching"
  std::string sha256;   // lower-case hex SHA-256 of the key
};

// The hashes of every key in `dir`, by subject in name order. INVALID_ARGUMENT
// "service_keys_dir: ..." naming the directory or the file (never a key) when the
// directory cannot be listed, a file cannot be read, a name is not a subject, a file does
// not hold one key of the issued shape, or two files hold the same key.
absl::StatusOr<std::vector<ServiceKeyHash>> LoadServiceKeyHashes(const std::string& dir);

// This service's own key, `<dir>/<subject>.key`, for calls to the other services.
// INVALID_ARGUMENT naming the file (never the key) when it is missing, unreadable or not a
// key of the issued shape.
absl::StatusOr<std::string> ReadOwnServiceKey(const std::string& dir, absl::string_view subject);

}  // namespace cadre
