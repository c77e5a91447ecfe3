#include "core/data/data_format.h"

#include <array>
#include <fstream>
#include <stdexcept>

#include "core/data/data_error.h"
#include "core/data/line_source.h"
#include "core/data/regular_file.h"
#include "core/data/text_fields.h"

namespace metacf {

namespace {
constexpr std::array<std::pair<DataFormat, std::string_view>, 5> kNames{{
    {DataFormat::kAuto, "auto"},
    {DataFormat::kMl100k, "ml100k"},
    {DataFormat::kMl1m, "ml1m"},
    {DataFormat::kCsv, "csv"},
    {DataFormat::kInter, "inter"},
}};

// The first line that is not blank, without BOM and line end.
std::string_view first_content_line(std::string_view sample) {
  if (sample.starts_with("\xEF\xBB\xBF")) sample.remove_prefix(3);
  while (!sample.empty()) {
    const auto end = sample.find('\n');
    auto line = sample.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!trim(line).empty()) return line;
    if (end == std::string_view::npos) break;
    sample.remove_prefix(end + 1);
  }
  return {};
}

bool is_inter_header(std::string_view line) {
  // RecBole headers type each column ("user_id:token"); untyped ones still name user_id/item_id.
  return line.find('\t') != line.npos &&
         (line.find(":token") != line.npos || line.find(":float") != line.npos ||
          (line.find("user_id") != line.npos && line.find("item_id") != line.npos));
}

std::size_t count_fields(std::string_view line, std::string_view delimiter) {
  std::array<std::string_view, 1> ignored;
  return split_fields(line, delimiter, ignored);
}
}  // namespace

std::string format_name(DataFormat format) {
  for (const auto& [f, name] : kNames) {
    if (f == format) return std::string(name);
  }
  return "unknown";
}

DataFormat parse_format_name(std::string_view name) {
  for (const auto& [f, n] : kNames) {
    if (n == name) return f;
  }
  throw std::invalid_argument("unknown data format '" + std::string(name) +
                              "' (expected auto, ml100k, ml1m, csv or inter)");
}

bool semicolon_separated(std::string_view sample) {
  const auto line = first_content_line(sample);
  if (line.find(',') != line.npos && count_fields(line, ",") >= 3) return false;
  return line.find(';') != line.npos && count_fields(line, ";") >= 3;
}

DataFormat detect_format_from_text(std::string_view sample, const std::string& name) {
  if (looks_binary(sample)) {
    throw DataError(name, 0,
                    LineProblem{"not a text file", std::string(sample.substr(0, 40)),
                                "a text file of ratings, one per line"});
  }
  const auto line = first_content_line(sample);
  if (line.empty()) throw DataError(name, 0, "the file is empty (no ratings found)");
  if (is_inter_header(line)) return DataFormat::kInter;
  if (line.find("::") != line.npos && count_fields(line, "::") >= 3) return DataFormat::kMl1m;
  if (line.find('\t') != line.npos && count_fields(line, "\t") >= 3) return DataFormat::kMl100k;
  if (line.find(',') != line.npos && count_fields(line, ",") >= 3) return DataFormat::kCsv;
  if (semicolon_separated(sample)) return DataFormat::kCsv;
  throw DataError(name, 1,
                  LineProblem{"cannot tell the format of the ratings file", std::string(line),
                              "user, item and rating separated by tabs (ml100k, .inter), '::' "
                              "(ml1m), commas or semicolons (csv)"});
}

DataFormat detect_format(const std::string& path) {
  require_regular_file(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path, 0, "cannot open the file");
  LineSource source(in, path);
  return detect_format_from_text(source.peek(64 * 1024), path);
}

}  // namespace metacf
