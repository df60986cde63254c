#include "services/common/service_keys.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/auth.h"
#include "services/common/secret_file.h"

namespace cadre {
namespace {

absl::Status Bad(absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("service_keys_dir: ", what));
}

// The key held in `path`, checked for shape. Errors name the file, never its contents.
absl::StatusOr<std::string> ReadKeyFile(const std::string& path) {
  absl::StatusOr<std::string> key = ReadSecretFile(path);
  if (!key.ok()) return Bad(key.status().message());
  if (!IsIssuedKeyShape(*key)) {
    return Bad(absl::StrCat(path, ": must hold one key, \"", kIssuedKeyPrefix,
                            "\" and 48 lower-case hex digits (make one with "
                            "scripts/new_key.sh --issued FILE)"));
  }
  return key;
}

}  // namespace

bool IsServiceSubject(absl::string_view subject) {
  return !subject.empty() && subject.size() <= kMaxServiceSubjectLength &&
         absl::c_all_of(subject, [](char c) {
           return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-';
         });
}

absl::StatusOr<std::vector<ServiceKeyHash>> LoadServiceKeyHashes(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  fs::directory_iterator it(dir, error);
  if (error) return Bad(absl::StrCat("cannot list ", dir, ": ", error.message()));
  std::vector<std::string> names;
  for (; it != fs::directory_iterator(); it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (absl::StartsWith(name, ".") || !absl::EndsWith(name, kServiceKeyFileSuffix)) continue;
    names.push_back(name);
  }
  if (error) return Bad(absl::StrCat("cannot list ", dir, ": ", error.message()));
  std::sort(names.begin(), names.end());

  std::vector<ServiceKeyHash> hashes;
  absl::flat_hash_map<std::string, std::string> file_of_hash;
  for (const std::string& name : names) {
    const std::string path = (fs::path(dir) / name).string();
    const std::string subject = name.substr(0, name.size() - kServiceKeyFileSuffix.size());
    if (!IsServiceSubject(subject)) {
      return Bad(absl::StrCat(path, ": the name must be <service>.key, the service 1 to ",
                              kMaxServiceSubjectLength, " of a-z, 0-9 and '-'"));
    }
    absl::StatusOr<std::string> key = ReadKeyFile(path);
    if (!key.ok()) return key.status();
    std::string sha256 = Sha256Hex(*key);
    if (auto [at, added] = file_of_hash.emplace(sha256, path); !added) {
      return Bad(absl::StrCat(path, " holds the same key as ", at->second,
                              "; each service needs its own"));
    }
    hashes.push_back({subject, std::move(sha256)});
  }
  return hashes;
}

absl::StatusOr<std::string> ReadOwnServiceKey(const std::string& dir, absl::string_view subject) {
  if (!IsServiceSubject(subject)) return Bad(absl::StrCat("no such service: ", subject));
  return ReadKeyFile(
      (std::filesystem::path(dir) / absl::StrCat(subject, kServiceKeyFileSuffix)).string());
}

}  // namespace cadre
