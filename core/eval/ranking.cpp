#include "core/eval/ranking.h"

#include <algorithm>
#include <cmath>

namespace metacf {
namespace {

struct Candidate {
  float score;
  std::int32_t item;
};
// "a ranks before b": higher score, then lower index.
inline bool ranks_before(const Candidate& a, const Candidate& b) {
  return a.score > b.score || (a.score == b.score && a.item < b.item);
}

}  // namespace

std::vector<std::int32_t> top_k(const Eigen::Ref<const Eigen::VectorXf>& scores, int k,
                                std::span<const std::int32_t> excluded) {
  const auto n = static_cast<std::int32_t>(scores.size());
  std::vector<char> skip;
  if (!excluded.empty()) {
    skip.assign(static_cast<std::size_t>(n), 0);
    for (auto v : excluded) {
      if (v >= 0 && v < n) skip[static_cast<std::size_t>(v)] = 1;
    }
  }
  // A min-heap (worst candidate on top) of at most k entries.
  std::vector<Candidate> heap;
  heap.reserve(static_cast<std::size_t>(std::max(k, 0)) + 1);
  if (k <= 0) return {};
  for (std::int32_t v = 0; v < n; ++v) {
    if (!skip.empty() && skip[static_cast<std::size_t>(v)]) continue;
    const Candidate c{scores[v], v};
    if (static_cast<int>(heap.size()) < k) {
      heap.push_back(c);
      std::push_heap(heap.begin(), heap.end(), ranks_before);
    } else if (ranks_before(c, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), ranks_before);
      heap.back() = c;
      std::push_heap(heap.begin(), heap.end(), ranks_before);
    }
  }
  std::sort(heap.begin(), heap.end(), ranks_before);
  std::vector<std::int32_t> out(heap.size());
  for (std::size_t i = 0; i < heap.size(); ++i) out[i] = heap[i].item;
  return out;
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
    const Candidate pos{scores[relevant[i]], relevant[i]};
    int rank = 0;  // negatives ranked before the positive
    for (auto v : negatives_per_item[i]) rank += ranks_before({scores[v], v}, pos) ? 1 : 0;
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
