#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "core/report/table.h"
#include "core/util/json_text.h"

namespace metacf {

// Cells with a number behind them are written as JSON numbers (what a script wants to
// compute with); other cells as their text. Emphasis is presentation and is left out.
std::string write_json(const Table& table) {
  auto out = nlohmann::json::array();
  for (const auto& row : table.rows) {
    auto object = nlohmann::json::object();
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
      } else {
        object[key] = cell.text;
      }
    }
    out.push_back(std::move(object));
  }
  return json_text(out, 2) + "\n";
}

}  // namespace metacf
