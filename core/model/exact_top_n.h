#pragma once
// One user's N best items by the exact float scores of DotProductItems, without scoring every
// item in float: a first pass over the 8-bit copy (quantized_items.h) gives each item an
// approximate score a_v and a radius r with |s_v - a_v| <= r. Let T be the N-th largest lower
// bound a_v - r. An item whose upper bound a_v + r is below T has N items strictly above it,
// so it is neither in the top N nor tied with one of them; the others (a few dozen for a
// top 10) are scored exactly, by the same kernel as DotProductItems::score, and ranked.
//
// The result is exactly top_k(score(p), n, excluded) (eval/ranking.h), order and ties
// included, with those scores, whichever first-pass kernel runs. Without an 8-bit copy (not
// built, D > 1024, values too large) or for a non-finite p, every item is scored in float.
#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

#include "core/model/dot_product_items.h"
#include "core/model/quantized_items.h"

namespace metacf {

struct ScoredItem {
  std::int32_t item = 0;
  float score = 0;
  bool operator==(const ScoredItem&) const = default;
};

// What the first pass left to score exactly (for tests and benchmarks).
struct TopNStats {
  bool quantized = false;         // false: every item was scored in float
  Eigen::Index candidates = 0;    // items scored exactly
  Eigen::Index exact_chunks = 0;  // float chunks (DotProductItems::kChunk items) read for them
};

// Best first; ties to the lower item index; `excluded` in any order.
[[nodiscard]] std::vector<ScoredItem> exact_top_n(const DotProductItems& items,
                                                  const Eigen::Ref<const Eigen::VectorXf>& p, int n,
                                                  std::span<const std::int32_t> excluded,
                                                  QuantizedKernel kernel = best_quantized_kernel(),
                                                  TopNStats* stats = nullptr);

}  // namespace metacf
