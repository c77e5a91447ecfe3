#include "core/data/inter_reader.h"

#include <array>

#include "core/data/text_fields.h"

namespace metacf {

namespace {
constexpr std::size_t kMaxColumns = 32;
constexpr const char* kExpectedHeader =
    "a header such as user_id:token<TAB>item_id:token<TAB>rating:float<TAB>timestamp:float";
}  // namespace

bool InterReader::read_header(std::string_view line, const std::string& file) {
  std::array<std::string_view, kMaxColumns> names;
  columns_ = split_fields(line, "\t", names);
  for (std::size_t c = 0; c < std::min(columns_, kMaxColumns); ++c) {
    const auto name = trim(names[c].substr(0, names[c].find(':')));
    const int column = static_cast<int>(c);
    if (name == "user_id") user_column_ = column;
    if (name == "item_id") item_column_ = column;
    if (name == "rating") rating_column_ = column;
    if (name == "timestamp") timestamp_column_ = column;
  }
  if (user_column_ < 0 || item_column_ < 0) {
    throw DataError(file, 1,
                    LineProblem{"the .inter header has no user_id or item_id column",
                                std::string(line), kExpectedHeader});
  }
  return true;
}

std::optional<LineProblem> InterReader::parse(std::string_view line, RawRecord& out) {
  std::array<std::string_view, kMaxColumns> fields;
  const auto count = split_fields(line, "\t", fields);
  if (count != columns_) {
    return LineProblem{"wrong number of fields: " + std::to_string(count) + " instead of " +
                           std::to_string(columns_) +
                           (count < columns_ ? " (missing fields or a truncated line)" : ""),
                       std::string(line),
                       std::to_string(columns_) + " tab-separated fields as in the header"};
  }
  out.user = trim(fields[static_cast<std::size_t>(user_column_)]);
  out.item = trim(fields[static_cast<std::size_t>(item_column_)]);
  if (out.user.empty()) return LineProblem{"empty user id", std::string(line), "a user id"};
  if (out.item.empty()) return LineProblem{"empty item id", std::string(line), "an item id"};
  out.rating.reset();
  out.timestamp = timestamp_column_ >= 0 ? trim(fields[static_cast<std::size_t>(timestamp_column_)])
                                         : std::string_view{};
  if (rating_column_ >= 0) {
    const auto text = fields[static_cast<std::size_t>(rating_column_)];
    out.rating = parse_number(text);
    if (!out.rating) {
      return LineProblem{"rating is not a number", std::string(text), "a number such as 4 or 3.5"};
    }
  }
  return std::nullopt;
}

}  // namespace metacf
