#pragma once
// Lists typed as text, such as K values "1,2,3,4,5", support sizes "1-5" or seeds "1 2 3":
// numbers separated by commas or spaces, and inclusive ranges a-b.
#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

namespace metacf::ui {

// Each value must lie in [lo, hi]; order is kept. With `distinct` a value given twice (also
// through overlapping ranges, "1-3, 2") is an error: seeds or K values listed twice would count
// the same users twice. On a bad entry returns nothing and sets `error` to what was wrong
// ("'x' is not a whole number", "2 is listed more than once").
std::optional<std::vector<std::int64_t>> parse_number_list(const QString& text, std::int64_t lo,
                                                           std::int64_t hi, QString* error,
                                                           bool distinct = true);

// "1, 2, 3".
QString format_number_list(const std::vector<std::int64_t>& values);

}  // namespace metacf::ui
