#include "core/data/load_options_record.h"

#include <stdexcept>

namespace metacf {

std::string column_order_name(ColumnOrder order) {
  return order == ColumnOrder::kItemUser ? "item-user" : "user-item";
}

ColumnOrder parse_column_order_name(std::string_view name) {
  if (name == "user-item") return ColumnOrder::kUserItem;
  if (name == "item-user") return ColumnOrder::kItemUser;
  throw std::invalid_argument("column order '" + std::string(name) +
                              "' is not one of user-item, item-user");
}

nlohmann::json load_options_record(const LoadOptions& options) {
  nlohmann::json record = {{"column_order", column_order_name(options.column_order)},
                           {"delimiter", delimiter_name(options.delimiter)},
                           {"lenient", options.lenient}};
  if (options.rating_threshold) record["rating_threshold"] = *options.rating_threshold;
  return record;
}

}  // namespace metacf
