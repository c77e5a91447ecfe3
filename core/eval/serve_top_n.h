#pragma once
// One adapted user's top N as a server gives it. For a learner whose scores are inner products
// with the items (Learner::dot_product_items) this is exact_top_n, which reads the 8-bit copy
// first; for the others, score() over every item and top_k. Either way the list is
// top_k(score(state), n, excluded), with those exact scores: the evaluator's metrics, which
// rank in float, and a served list never disagree.
#include <Eigen/Core>
#include <span>
#include <vector>

#include "core/model/exact_top_n.h"
#include "core/model/learner.h"

namespace metacf {

// scratch: one entry per item, the scores of a learner that is scored item by item.
[[nodiscard]] std::vector<ScoredItem> serve_top_n(const Learner& learner, const UserState& state,
                                                  int n, std::span<const std::int32_t> excluded,
                                                  Eigen::Ref<Eigen::VectorXf> scratch);

}  // namespace metacf
