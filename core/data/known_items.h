#pragma once
// Every user's items in ascending order: the "known items" a run builds once per data set, so
// that drawing negatives outside a user's items is a binary search.
#include <cstdint>
#include <vector>

#include "core/data/dataset.h"

namespace metacf {

[[nodiscard]] std::vector<std::vector<std::int32_t>> sorted_items_by_user(const Dataset& data);

}  // namespace metacf
