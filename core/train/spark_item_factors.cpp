#include "core/train/spark_item_factors.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/data/data_error.h"
#include "core/util/json_limits.h"
#include "core/util/json_text.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& where, const std::string& reason) {
  throw std::runtime_error(where + ": " + reason);
}

// Spark's bookkeeping: _SUCCESS, _committed_*, and the hidden .part-*.crc checksums.
bool is_bookkeeping(const std::string& name) {
  return name.empty() || name[0] == '_' || name[0] == '.' ||
         (name.size() >= 4 && name.compare(name.size() - 4, 4, ".crc") == 0);
}

void read_part(const fs::path& file, RawEmbeddings& raw) {
  std::ifstream in(file);
  if (!in) fail(file.string(), "cannot open the file");
  std::string line;
  std::int64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string where = file.string() + ":" + std::to_string(number);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const auto row = parse_bounded_json_or_discarded(line);
    if (row.is_discarded() || !row.is_object()) {
      fail(where, "expected a JSON object such as {\"id\": 42, \"features\": [0.1, ...]}, got '" +
                      printable_excerpt(line) + "'");
    }
    const auto id = row.find("id");
    if (id == row.end()) fail(where, "the object has no \"id\"");
    std::string name;
    if (id->is_number_integer())
      name = id->dump();
    else if (id->is_string())
      name = id->get<std::string>();
    else
      fail(where, "the \"id\" is neither a whole number nor a string (got " +
                      printable_excerpt(id->dump()) + ")");
    const auto features = row.find("features");
    if (features == row.end() || !features->is_array() || features->empty()) {
      fail(where, "item '" + printable_excerpt(name) + "' has no \"features\" array");
    }
    if (raw.dim == 0) raw.dim = static_cast<std::int64_t>(features->size());
    if (static_cast<std::int64_t>(features->size()) != raw.dim) {
      fail(where, "expected " + std::to_string(raw.dim) + " features, got " +
                      std::to_string(features->size()));
    }
    for (const auto& value : *features) {
      if (!value.is_number())
        fail(where, "a feature of item '" + printable_excerpt(name) + "' is not a number (got " +
                        printable_excerpt(json_text(value)) + ")");
      // Out of float's range is infinity (caught with the other non-finite values), not a cast
      // with undefined behaviour.
      const double wide = value.get<double>();
      raw.values.push_back(std::abs(wide) <= std::numeric_limits<float>::max()
                               ? static_cast<float>(wide)
                               : std::copysign(std::numeric_limits<float>::infinity(), wide));
    }
    raw.ids.push_back(std::move(name));
    raw.origins.push_back(where);
  }
}

}  // namespace

RawEmbeddings read_spark_item_factors(const std::string& dir) {
  std::vector<fs::path> parts;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (is_bookkeeping(name)) continue;
    const bool json = name.size() >= 5 && name.compare(name.size() - 5, 5, ".json") == 0;
    if (!entry.is_regular_file() || name.rfind("part-", 0) != 0 || !json) {
      fail(entry.path().string(),
           "not a part-*.json file of Spark item factors (write them uncompressed with "
           "model.itemFactors.write.json(dir))");
    }
    parts.push_back(entry.path());
  }
  if (error) fail(dir, "cannot read the folder (" + error.message() + ")");
  // Part files in name order: rows keep one order from run to run.
  std::sort(parts.begin(), parts.end());
  RawEmbeddings raw;
  for (const auto& part : parts) read_part(part, raw);
  if (raw.ids.empty())
    fail(dir,
         "no item factors in the folder (expected part-*.json files of {\"id\", \"features\"} "
         "lines)");
  return raw;
}

}  // namespace metacf
