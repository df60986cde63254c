#include "tools/cadrectl/secret_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/errors.h"

namespace cadre::cadrectl {
namespace {

// Longest password file read, in bytes: the service takes up to 128 characters (each at
// most 4 bytes in UTF-8), and a line end.
constexpr std::streamsize kMaxPasswordFile = 1024;

absl::StatusOr<std::string> PasswordFromFile(absl::string_view flag, const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return UsageError(absl::StrCat("--", flag, ": cannot read '", path, "'"));
  std::string text(kMaxPasswordFile + 1, '\0');
  file.read(text.data(), kMaxPasswordFile + 1);
  text.resize(static_cast<size_t>(file.gcount()));
  if (static_cast<std::streamsize>(text.size()) > kMaxPasswordFile) {
    return UsageError(absl::StrCat("--", flag, ": '", path, "' is too long for a password"));
  }
  absl::string_view password = text;
  if (absl::ConsumeSuffix(&password, "\n")) absl::ConsumeSuffix(&password, "\r");
  if (absl::StrContains(password, '\n')) {
    return UsageError(absl::StrCat("--", flag, ": '", path, "' holds more than one line"));
  }
  if (password.empty()) return UsageError(absl::StrCat("--", flag, ": '", path, "' is empty"));
  return std::string(password);
}

// While alive, a person typing at the terminal sees a prompt on stderr and no echo of
// what they type. Does nothing when `in` is not the process's stdin or stdin is not a
// terminal (a pipe, a file, a test's stream).
class QuietTerminal {
 public:
  QuietTerminal(std::istream& in, absl::string_view flag) {
    if (&in != &std::cin || ::isatty(STDIN_FILENO) == 0) return;
    if (::tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    std::cerr << "password (--" << flag << "): " << std::flush;
    active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  ~QuietTerminal() {
    if (!active_) return;
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    std::cerr << "\n";
  }
  QuietTerminal(const QuietTerminal&) = delete;
  QuietTerminal& operator=(const QuietTerminal&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

absl::StatusOr<std::string> PasswordFromStdin(absl::string_view flag, std::istream& in) {
  std::string line;
  const QuietTerminal quiet(in, flag);
  if (!std::getline(in, line)) {
    return UsageError(absl::StrCat("--", flag, ": no line left to read on stdin"));
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) return UsageError(absl::StrCat("--", flag, ": the line read is empty"));
  return line;
}

}  // namespace

absl::StatusOr<std::string> ReadPassword(const ParsedArgs& args, absl::string_view file_flag,
                                         absl::string_view stdin_flag, std::istream& in) {
  const bool from_file = args.Has(file_flag);
  bool from_stdin = false;
  if (args.Has(stdin_flag)) {
    CADRE_ASSIGN_OR_RETURN(from_stdin, BoolFlag(args, stdin_flag));
  }
  if (from_file && from_stdin) {
    return UsageError(
        absl::StrCat("--", file_flag, ": give --", file_flag, " or --", stdin_flag, ", not both"));
  }
  if (from_file) return PasswordFromFile(file_flag, args.Get(file_flag));
  if (from_stdin) return PasswordFromStdin(stdin_flag, in);
  return UsageError(absl::StrCat("--", file_flag, ": required (or --", stdin_flag,
                                 "); a password is never given as a flag's value"));
}

absl::StatusOr<PrivateFile> PrivateFile::Open(absl::string_view flag, const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    return UsageError(
        absl::StrCat("--", flag, ": cannot write '", path, "': ", std::strerror(errno)));
  }
  // An existing file keeps its mode on open: make it private too.
  if (::fchmod(fd, 0600) != 0) {
    const int error = errno;
    ::close(fd);
    return UsageError(absl::StrCat("--", flag, ": cannot make '", path,
                                   "' private (mode 600): ", std::strerror(error)));
  }
  return PrivateFile(path, fd);
}

PrivateFile::PrivateFile(PrivateFile&& other) noexcept
    : path_(std::move(other.path_)), fd_(other.fd_) {
  other.fd_ = -1;
}

PrivateFile& PrivateFile::operator=(PrivateFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(other.path_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

PrivateFile::~PrivateFile() {
  if (fd_ >= 0) ::close(fd_);
}

absl::Status PrivateFile::WriteAndClose(absl::string_view contents) {
  while (!contents.empty()) {
    const ssize_t written = ::write(fd_, contents.data(), contents.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      return absl::UnknownError(absl::StrCat("cannot write '", path_, "': ", std::strerror(errno)));
    }
    contents.remove_prefix(static_cast<size_t>(written));
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    return absl::UnknownError(absl::StrCat("cannot write '", path_, "': ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

FlagSpec PasswordFileFlag() {
  return {"password-file", "FILE",
          "read the password from FILE (one line); never give it as a flag's value"};
}

FlagSpec PasswordStdinFlag() {
  return {"password-stdin", "", "read the password from stdin's first line"};
}

FlagSpec KeyOutFlag() {
  return {"key-out", "FILE", "write the new key to FILE (mode 600) instead of printing it"};
}

}  // namespace cadre::cadrectl
