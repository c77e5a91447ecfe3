#include "core/eval/ranking.h"

#include <algorithm>
#include <cmath>

namespace metacf {

std::vector<std::int32_t> top_k(const Eigen::Ref<const Eigen::VectorXf>& scores, int k,
                                std::span<const std::int32_t> excluded) {
  std::vector<std::int32_t> skip(excluded.begin(), excluded.end());
  std::sort(skip.begin(), skip.end());
  TopK top(k);
  top.offer(std::span<const float>(scores.data(), static_cast<std::size_t>(scores.size())), 0,
            skip);
  return top.take();
}

RankingMetrics ranking_metrics(std::span<const std::int32_t> ranked,
                               std::span<const std::int32_t> relevant, int k) {
  RankingMetrics m;
  if (relevant.empty() || k <= 0) return m;
  const int cut = std::min<int>(k, static_cast<int>(ranked.size()));
  int hits = 0;
  double dcg = 0;
  for (int i = 0; i < cut; ++i) {
    if (std::find(relevant.begin(), relevant.end(), ranked[i]) != relevant.end()) {
      ++hits;
      dcg += 1.0 / std::log2(i + 2.0);
    }
  }
  const int ideal = std::min<int>(k, static_cast<int>(relevant.size()));
  double idcg = 0;
  for (int i = 0; i < ideal; ++i) idcg += 1.0 / std::log2(i + 2.0);
  m.hr = static_cast<double>(hits) / ideal;
  m.ndcg = dcg / idcg;
  return m;
}

RankingMetrics sampled_metrics(const Eigen::Ref<const Eigen::VectorXf>& scores,
                               std::span<const std::int32_t> relevant,
                               std::span<const std::vector<std::int32_t>> negatives_per_item,
                               int k) {
  RankingMetrics m;
  if (relevant.empty()) return m;
  for (std::size_t i = 0; i < relevant.size(); ++i) {
    const TopK::Candidate pos{scores[relevant[i]], relevant[i]};
    int rank = 0;  // negatives ranked before the positive
    for (auto v : negatives_per_item[i]) rank += TopK::ranks_before({scores[v], v}, pos) ? 1 : 0;
    if (rank < k) {
      m.hr += 1.0;
      m.ndcg += 1.0 / std::log2(rank + 2.0);
    }
  }
  m.hr /= static_cast<double>(relevant.size());
  m.ndcg /= static_cast<double>(relevant.size());
  return m;
}

}  // namespace metacf
