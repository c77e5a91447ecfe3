#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "core/report/table.h"

namespace metacf {

// Cells with a number behind them are written as JSON numbers (what a script wants to
// compute with), empty cells as null, other cells as their text, keyed in the order of the
// columns. Emphasis is presentation and is left out.
std::string write_json(const Table& table) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& row : table.rows) {
    auto object = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < row.size(); ++i) {
      // A repeated column name would silently overwrite the earlier cell.
      std::string key = table.columns[i];
      for (int n = 2; object.contains(key); ++n) {
        key = table.columns[i] + " (" + std::to_string(n) + ")";
      }
      const Cell& cell = row[i];
      if (cell.number && std::isfinite(*cell.number)) {
        switch (cell.kind) {
          case NumberKind::kInteger:
            object[key] = std::llround(*cell.number);
            break;
          case NumberKind::kBoolean:
            object[key] = *cell.number != 0;
            break;
          case NumberKind::kReal:
            object[key] = *cell.number;
            break;
        }
      } else if (cell.text.empty()) {
        object[key] = nullptr;  // an empty cell is a missing value, not the text ""
      } else {
        object[key] = cell.text;
      }
    }
    out.push_back(std::move(object));
  }
  // As json_text(): bad UTF-8 becomes U+FFFD rather than an exception.
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace metacf
