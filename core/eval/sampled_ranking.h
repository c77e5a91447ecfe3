#pragma once
// The sampled protocol for one user: each query item ranked against `count` distinct items she
// never rated (her support and query items are among those she rated), drawn without
// replacement; when `count` reaches the number of those items there is nothing left to sample,
// and every one of them is ranked. Ties go to the lower item index, as everywhere.
#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

#include "core/eval/ranking.h"
#include "core/util/job.h"
#include "core/util/rng.h"

namespace metacf {

// `count` distinct items drawn uniformly from [0, num_items) outside `known_sorted` (ascending,
// no repeats), in the order drawn (Floyd's algorithm: `count` draws whatever the catalogue).
// Every unrated item, in index order, when `count` is at least their number.
void sample_unrated_without_replacement(Rng& rng, std::int32_t num_items,
                                        std::span<const std::int32_t> known_sorted,
                                        std::int64_t count, std::vector<std::int32_t>& out);

struct SampledUserMetrics {
  RankingMetrics metrics;
  bool all_ranked = false;  // `count` reached her number of unrated items: all were ranked
};

// HR@top_n and NDCG@top_n of one user's query items, each against its own candidates drawn
// from `rng` (query item after query item, so the numbers do not depend on threads): the share
// of query items ranked within the top_n of (1 + candidates), and the mean of
// 1 / log2(rank + 2) over those. Returns false, with `out` incomplete, when `job` was
// cancelled (it is checked between query items: this runs inside parallel loops).
bool sampled_user_metrics(const Eigen::Ref<const Eigen::VectorXf>& scores,
                          std::span<const std::int32_t> query,
                          std::span<const std::int32_t> known_sorted, std::int64_t count, int top_n,
                          Rng& rng, const JobControl* job, SampledUserMetrics& out);

}  // namespace metacf
