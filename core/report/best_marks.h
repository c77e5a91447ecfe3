#pragma once
// The one rule that marks the best and second-best values of a results table column, used by
// Table 2, the K sweep and the support-size sweep alike (CLI, exports and studio).
//
// The rule: the highest value is bold, and every cell equal to it is bold too (ties share the
// mark). The runner-up is the highest value strictly below the best; every cell equal to it is
// underlined. Values are compared as they are shown (rounded to the column's decimals), so two
// cells that read the same always carry the same mark. Cells without a number take no part,
// and a column with fewer than two numbers gets no marks (there is nothing to compare).
#include <cstddef>
#include <span>

#include "core/report/table.h"

namespace metacf {

// The decimals every mean in the results tables is shown with.
inline constexpr int kResultDecimals = 4;

// Marks `column` among `rows` (indices into table.rows).
void mark_best(Table& table, std::size_t column, std::span<const std::size_t> rows,
               int decimals = kResultDecimals);
// Marks `column` among all rows.
void mark_best(Table& table, std::size_t column, int decimals = kResultDecimals);

}  // namespace metacf
