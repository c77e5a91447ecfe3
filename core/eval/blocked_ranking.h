#pragma once
// Full ranking for a block of users of a dot-product learner: their vectors (D x B) are scored
// against one block of items at a time and each user keeps a bounded top-n heap, so memory is
// items-per-block x B, never users x items. Same lists as top_k() over score(): the scores are
// bit-identical (see DotProductItems) and the heaps use top_k's order.
#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

#include "core/model/dot_product_items.h"

namespace metacf {

// top[b] = the n best items for column b of users, best first, skipping excluded_sorted[b]
// (ascending).
void rank_users_blocked(const DotProductItems& items,
                        const Eigen::Ref<const Eigen::MatrixXf>& users,
                        std::span<const std::span<const std::int32_t>> excluded_sorted, int n,
                        std::vector<std::vector<std::int32_t>>& top);

}  // namespace metacf
