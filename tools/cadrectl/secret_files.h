#pragma once

// Secrets on the command line. Passwords are read from a file or from stdin, never from
// a flag's value (which `ps` shows to everyone on the machine). Keys and exports that a
// person asks to have written go to a file only they can read (mode 600).

#include <istream>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tools/cadrectl/args.h"

namespace cadre::cadrectl {

// The password that flag `file_flag` (a file, e.g. "password-file") or flag `stdin_flag`
// (e.g. "password-stdin": the next line of `in`, read without echo after a prompt on
// stderr when `in` is a terminal's stdin) gives. A file holds one line; its line
// end is not part of the password. Usage errors name the flags: neither or both given,
// a file that cannot be read, is empty or holds more than one line, nothing left on
// stdin. No message ever holds the password.
absl::StatusOr<std::string> ReadPassword(const ParsedArgs& args, absl::string_view file_flag,
                                         absl::string_view stdin_flag, std::istream& in);

// The flags that give a password (--password-file FILE, --password-stdin) and the one that
// writes a new key to a private file (--key-out FILE), as every command that takes them
// describes them.
FlagSpec PasswordFileFlag();
FlagSpec PasswordStdinFlag();
FlagSpec KeyOutFlag();

// A file created (or emptied) for writing with mode 600, opened before a call so that a
// path that cannot be written fails before anything happens. Not copyable.
class PrivateFile {
 public:
  // Usage error naming `flag` if `path` cannot be opened for writing.
  static absl::StatusOr<PrivateFile> Open(absl::string_view flag, const std::string& path);
  PrivateFile(PrivateFile&& other) noexcept;
  PrivateFile& operator=(PrivateFile&& other) noexcept;
  ~PrivateFile();

  // Writes `contents` and closes the file. UNKNOWN (exit status 1) if that fails.
  absl::Status WriteAndClose(absl::string_view contents);
  const std::string& path() const { return path_; }

 private:
  PrivateFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}

  std::string path_;
  int fd_ = -1;
};

}  // namespace cadre::cadrectl
