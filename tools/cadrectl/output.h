#pragma once

// Human output (aligned tables, "key: value" blocks) and machine output (JSON).

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace cadre::cadrectl {

// Columns separated by two spaces, each as wide as its widest cell; the last column is
// not padded. Cells longer than `max_cell` characters are cut with "...".
class Table {
 public:
  explicit Table(std::vector<std::string> headers, size_t max_cell = 48);
  void AddRow(std::vector<std::string> cells);  // missing cells print as ""
  size_t rows() const { return rows_.size(); }
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
  size_t max_cell_;
};

// "label:  value" lines with the values aligned. Empty values are left out.
class Fields {
 public:
  void Add(absl::string_view label, std::string value);
  void Print(std::ostream& out) const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// The message as JSON (proto3 JSON mapping, indented), then a newline. INTERNAL if it
// cannot be converted.
absl::Status PrintJson(const google::protobuf::Message& message, std::ostream& out);

// "-" for an empty string, the string otherwise: a table cell that is never blank.
std::string OrDash(std::string value);

// "a, b, c".
std::string JoinTags(const google::protobuf::RepeatedPtrField<std::string>& tags);

}  // namespace cadre::cadrectl
