#pragma once
// Top-K selection and the ranking metrics of the protocol.
//
// Ties: items with equal scores are ordered by item index (lower first), so that every list is
// deterministic and the same in the studio, the CLI and the tests.
#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

#include "core/model/top_k.h"

namespace metacf {

// The k best items by score, best first, skipping `excluded` (any order). Partial selection
// with a bounded heap: O(N log k), never a full sort.
std::vector<std::int32_t> top_k(const Eigen::Ref<const Eigen::VectorXf>& scores, int k,
                                std::span<const std::int32_t> excluded = {});

struct RankingMetrics {
  double hr = 0;  // |topK ∩ relevant| / min(K, |relevant|): a recall, as the authors' code has it
  double ndcg = 0;  // binary gains, IDCG over min(|relevant|, K) hits
};

// Metrics of one ranked list (best first, already cut to K) against the relevant items.
RankingMetrics ranking_metrics(std::span<const std::int32_t> ranked,
                               std::span<const std::int32_t> relevant, int k);

// The sampled protocol: each relevant item ranked against its own sampled negatives.
// HR@K = share of relevant items ranked within the top K of (1 + negatives); NDCG = mean of
// 1 / log2(rank + 2) over those hits. Ties go to the lower item index, as above.
RankingMetrics sampled_metrics(const Eigen::Ref<const Eigen::VectorXf>& scores,
                               std::span<const std::int32_t> relevant,
                               std::span<const std::vector<std::int32_t>> negatives_per_item,
                               int k);

}  // namespace metacf
