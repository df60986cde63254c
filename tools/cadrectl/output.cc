#include "tools/cadrectl/output.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"

namespace cadre::cadrectl {
namespace {

std::string Cut(std::string text, size_t max) {
  if (text.size() <= max || max < 4) return text;
  // Cut on a UTF-8 character boundary so that names such as "Sainte-Thérèse" stay valid.
  size_t end = max - 3;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return absl::StrCat(text, "...");
}

// Characters, not bytes, so that accented names keep the columns aligned.
size_t Width(absl::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

Table::Table(std::vector<std::string> headers, size_t max_cell)
    : headers_(std::move(headers)), max_cell_(max_cell) {}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  for (std::string& cell : cells) cell = Cut(std::move(cell), max_cell_);
  rows_.push_back(std::move(cells));
}

void Table::Print(std::ostream& out) const {
  std::vector<size_t> widths(headers_.size());
  for (size_t c = 0; c < headers_.size(); ++c) {
    widths[c] = Width(headers_[c]);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], Width(row[c]));
  }
  auto print_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) {
      absl::StrAppend(&line, cells[c]);
      if (c + 1 < cells.size()) line.append(widths[c] - Width(cells[c]) + 2, ' ');
    }
    out << line << "\n";
  };
  print_row(headers_);
  for (const auto& row : rows_) print_row(row);
}

void Fields::Add(absl::string_view label, std::string value) {
  if (!value.empty()) fields_.emplace_back(std::string(label), std::move(value));
}

void Fields::Print(std::ostream& out) const {
  size_t width = 0;
  for (const auto& [label, value] : fields_) width = std::max(width, Width(label));
  for (const auto& [label, value] : fields_) {
    out << label << ":" << std::string(width - Width(label) + 2, ' ') << value << "\n";
  }
}

absl::Status PrintJson(const google::protobuf::Message& message, std::ostream& out) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("cannot print as JSON: ", status.ToString()));
  }
  out << json;
  if (json.empty() || json.back() != '\n') out << "\n";
  return absl::OkStatus();
}

std::string OrDash(std::string value) {
  return value.empty() ? std::string("-") : std::move(value);
}

std::string JoinTags(const google::protobuf::RepeatedPtrField<std::string>& tags) {
  return absl::StrJoin(tags, ", ");
}

}  // namespace cadre::cadrectl
