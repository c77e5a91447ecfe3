#pragma once
// Top-K selection and the ranking metrics of the protocol.
//
// Ties: items with equal scores are ordered by item index (lower first), so that every list is
// deterministic and the same in the studio, the CLI and the tests.
#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

namespace metacf {

// The k best items by score, best first, skipping `excluded` (any order). Partial selection
// with a bounded heap: O(N log k), never a full sort.
std::vector<std::int32_t> top_k(const Eigen::Ref<const Eigen::VectorXf>& scores, int k,
                                std::span<const std::int32_t> excluded = {});

// The bounded heap behind top_k, fed in pieces: a user's scores may arrive one item block at
// a time. Higher score first, ties to the lower item index; the k best under that strict order
// are the same whatever the order the items are offered in.
class TopK {
 public:
  explicit TopK(int k);
  void clear() { heap_.clear(); }
  // Offers items first, first + 1, ... with these scores, skipping every item in
  // excluded_sorted (ascending; items outside the range are ignored).
  void offer(std::span<const float> scores, std::int32_t first,
             std::span<const std::int32_t> excluded_sorted);
  // The kept items, best first; the heap is left empty.
  std::vector<std::int32_t> take();

  struct Candidate {
    float score;
    std::int32_t item;
  };
  // "a ranks before b": higher score, then lower index.
  static bool ranks_before(const Candidate& a, const Candidate& b) {
    return a.score > b.score || (a.score == b.score && a.item < b.item);
  }

 private:
  void push(Candidate c);

  int k_;
  std::vector<Candidate> heap_;  // a min-heap: the worst kept candidate on top
};

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
