#include "core/data/known_items.h"

#include <algorithm>

namespace metacf {

std::vector<std::vector<std::int32_t>> sorted_items_by_user(const Dataset& data) {
  std::vector<std::vector<std::int32_t>> known(static_cast<std::size_t>(data.num_users()));
  for (std::int32_t u = 0; u < data.num_users(); ++u) {
    const auto items = data.items_of(u);
    auto& row = known[static_cast<std::size_t>(u)];
    row.assign(items.begin(), items.end());
    std::sort(row.begin(), row.end());
  }
  return known;
}

}  // namespace metacf
