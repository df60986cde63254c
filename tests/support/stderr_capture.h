#pragma once

// Sends stderr to a temporary file while alive, so tests can read the JSON log lines.

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "tests/support/wait_for.h"

namespace cadre::testing {

class StderrCapture {
 public:
  StderrCapture() {
    char tmpl[] = "/tmp/cadre_stderr_XXXXXX";
    fd_ = mkstemp(tmpl);
    path_ = tmpl;
    saved_ = dup(STDERR_FILENO);
    dup2(fd_, STDERR_FILENO);
  }
  ~StderrCapture() {
    Restore();
    close(fd_);
    std::filesystem::remove(path_);
  }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;

  // Every line written so far; capturing goes on.
  std::vector<std::string> Lines() const {
    std::ifstream in(path_);
    std::stringstream contents;
    contents << in.rdbuf();
    return absl::StrSplit(contents.str(), '\n', absl::SkipEmpty());
  }
  // The first line so far that contains `needle`, or "".
  std::string FirstLineWith(absl::string_view needle) const {
    for (const std::string& line : Lines()) {
      if (absl::StrContains(line, needle)) return line;
    }
    return "";
  }
  // How many lines so far contain `needle`.
  int CountLinesWith(absl::string_view needle) const {
    int n = 0;
    for (const std::string& line : Lines()) n += absl::StrContains(line, needle) ? 1 : 0;
    return n;
  }
  // Waits (up to `timeout`) for a line that contains `needle`; "" if none came.
  std::string WaitForLineWith(absl::string_view needle,
                              std::chrono::milliseconds timeout = std::chrono::seconds(10)) const {
    std::string line;
    WaitFor([&] { return !(line = FirstLineWith(needle)).empty(); }, timeout);
    return line;
  }

  // Stops capturing (stderr goes back where it was).
  void Restore() {
    if (saved_ >= 0) {
      dup2(saved_, STDERR_FILENO);
      close(saved_);
      saved_ = -1;
    }
  }

 private:
  int fd_ = -1;
  int saved_ = -1;
  std::string path_;
};

}  // namespace cadre::testing
