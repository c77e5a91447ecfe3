#include "core/data/delimited_reader.h"

#include <array>

#include "core/data/text_fields.h"

namespace metacf {

namespace {
constexpr std::size_t kMaxFields = 16;

// CSV writers sometimes quote ids ("A2CX7LUOHB2NDG"); ids never contain commas or quotes.
std::string_view unquote(std::string_view field) {
  field = trim(field);
  if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
    field = field.substr(1, field.size() - 2);
  }
  return field;
}

const char* other_delimiter_in(std::string_view line, std::string_view own) {
  if (own != "\t" && line.find('\t') != line.npos) return "tabs";
  if (own != "::" && line.find("::") != line.npos) return "'::'";
  if (own != "," && line.find(',') != line.npos) return "commas";
  if (own != ";" && line.find(';') != line.npos) return "semicolons";
  return nullptr;
}
}  // namespace

DelimitedReader::DelimitedReader(Layout layout) : layout_(std::move(layout)) {}

std::size_t DelimitedReader::split(std::string_view line, std::span<std::string_view> out) const {
  return layout_.whitespace ? split_whitespace_fields(line, out)
                            : split_fields(line, layout_.delimiter, out);
}

LineProblem DelimitedReader::wrong_field_count(std::string_view line, std::size_t got) const {
  std::string reason = "wrong number of fields: " + std::to_string(got) + " instead of " +
                       std::to_string(layout_.fields);
  if (got == 1) {
    if (const char* other = other_delimiter_in(line, layout_.delimiter)) {
      reason += " (the line is separated by " + std::string(other) +
                "; choose the matching format or delimiter)";
    }
  } else if (got < layout_.fields) {
    reason += " (missing fields or a truncated line)";
  }
  const std::string order = layout_.item_first ? "item, user, rating" : "user, item, rating";
  return {reason, std::string(line),
          std::to_string(layout_.fields) + " fields separated by " + layout_.delimiter_label +
              " (" + order + (layout_.fields > 3 ? ", timestamp...)" : ")")};
}

bool DelimitedReader::read_header(std::string_view line, const std::string& /*file*/) {
  std::array<std::string_view, kMaxFields> fields;
  const auto count = split(line, fields);
  if (layout_.fields == 0) layout_.fields = std::max<std::size_t>(count, 3);
  // A header has no number in it ("userId,movieId,rating,timestamp"); a first data line with a
  // bad rating still has a numeric id or timestamp, so it is reported rather than taken as a
  // header.
  if (!layout_.header_allowed || count < 3) return false;
  for (std::size_t f = 0; f < std::min(count, kMaxFields); ++f) {
    if (parse_number(unquote(fields[f]))) return false;
  }
  return true;
}

std::optional<LineProblem> DelimitedReader::parse(std::string_view line, RawRecord& out) {
  std::array<std::string_view, kMaxFields> fields;
  const auto count = split(line, fields);
  if (count != layout_.fields) return wrong_field_count(line, count);
  out.user = unquote(fields[layout_.item_first ? 1 : 0]);
  out.item = unquote(fields[layout_.item_first ? 0 : 1]);
  if (out.user.empty()) return LineProblem{"empty user id", std::string(line), "a user id"};
  if (out.item.empty()) return LineProblem{"empty item id", std::string(line), "an item id"};
  out.rating = parse_number(unquote(fields[2]));
  if (!out.rating) {
    return LineProblem{"rating is not a number", std::string(fields[2]),
                       "a number such as 4 or 3.5"};
  }
  out.timestamp = {};
  if (count >= 4) {
    out.timestamp = unquote(fields[3]);
    if (!parse_number(out.timestamp)) {
      return LineProblem{"timestamp is not a number", std::string(fields[3]),
                         "a number such as 881250949"};
    }
  }
  return std::nullopt;
}

}  // namespace metacf
