#pragma once
// Lists typed as text, such as K values "1,2,3,4,5", support sizes "1-5" or seeds "1 2 3":
// numbers separated by commas or spaces, and inclusive ranges a-b.
#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

namespace metacf::ui {

// Each value must lie in [lo, hi]; duplicates are kept out, order is kept. On a bad entry
// returns nothing and sets `error` to what was wrong ("'x' is not a whole number").
std::optional<std::vector<std::int64_t>> parse_number_list(const QString& text, std::int64_t lo,
                                                           std::int64_t hi, QString* error);

// "1, 2, 3".
QString format_number_list(const std::vector<std::int64_t>& values);

}  // namespace metacf::ui
