#pragma once
// The words for LoadOptions::column_order (the schema of load options, config/, uses them).
#include <string>
#include <string_view>

#include "core/data/load_options.h"

namespace metacf {

// "user-item" or "item-user", as `--column-order` takes them.
std::string column_order_name(ColumnOrder order);
// The inverse; throws std::invalid_argument naming the accepted words.
ColumnOrder parse_column_order_name(std::string_view name);

}  // namespace metacf
