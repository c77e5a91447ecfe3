#include "core/data/column_order.h"

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

}  // namespace metacf
