#pragma once
// How a ratings file was read, as a run records it (DataSource::load) and as `metacf run`'s
// flags restate it. Every front end records its loads through here, so a copied command line
// reads the same data set as the run it was copied from.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/data/load_options.h"

namespace metacf {

// "user-item" or "item-user", as `--column-order` takes them.
std::string column_order_name(ColumnOrder order);
// The inverse; throws std::invalid_argument naming the accepted words.
ColumnOrder parse_column_order_name(std::string_view name);

// {"column_order", "delimiter", "lenient"} and "rating_threshold" when one is set. The format is
// not in it: a run records the format the loader found.
nlohmann::json load_options_record(const LoadOptions& options);

}  // namespace metacf
