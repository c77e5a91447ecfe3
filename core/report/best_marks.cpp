#include "core/report/best_marks.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <vector>

namespace metacf {
namespace {

// The value as the reader sees it, in units of the last shown decimal.
std::optional<long long> shown_value(const Table& table, std::size_t row, std::size_t column,
                                     int decimals) {
  const auto& cells = table.rows[row];
  if (column >= cells.size() || !cells[column].number) return std::nullopt;
  const double value = *cells[column].number;
  if (!std::isfinite(value)) return std::nullopt;
  return std::llround(value * std::pow(10.0, decimals));
}

}  // namespace

void mark_best(Table& table, std::size_t column, std::span<const std::size_t> rows, int decimals) {
  std::vector<long long> values;
  for (std::size_t row : rows) {
    if (auto v = shown_value(table, row, column, decimals)) values.push_back(*v);
  }
  if (values.size() < 2) return;
  std::sort(values.begin(), values.end(), std::greater<>());
  const long long best = values.front();
  const auto below =
      std::find_if(values.begin(), values.end(), [&](long long v) { return v < best; });
  const bool has_second = below != values.end();
  const long long second = has_second ? *below : best;
  for (std::size_t row : rows) {
    const auto v = shown_value(table, row, column, decimals);
    if (!v) continue;
    Cell& cell = table.rows[row][column];
    if (*v == best) {
      cell.emphasis = Emphasis::kBold;
    } else if (has_second && *v == second) {
      cell.emphasis = Emphasis::kUnderline;
    }
  }
}

void mark_best(Table& table, std::size_t column, int decimals) {
  std::vector<std::size_t> rows(table.rows.size());
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  mark_best(table, column, rows, decimals);
}

}  // namespace metacf
