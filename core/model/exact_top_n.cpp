#include "core/model/exact_top_n.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace metacf {
namespace {

constexpr Eigen::Index kLanes = QuantizedItems::kLanes;
constexpr Eigen::Index kBlockChunks = 64;  // 1,024 approximate scores on the stack at a time
constexpr float kNoThreshold = -std::numeric_limits<float>::infinity();

struct Candidate {
  float upper;
  std::int32_t item;
};

// The n largest lower bounds a_v - r seen so far; threshold() is the n-th of them.
class LowerBounds {
 public:
  explicit LowerBounds(int n) : n_(static_cast<std::size_t>(n)) { heap_.reserve(n_); }
  [[nodiscard]] float threshold() const { return heap_.size() == n_ ? heap_.front() : kNoThreshold; }
  void offer(float lower) {
    if (heap_.size() < n_) {
      heap_.push_back(lower);
      std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
    } else if (lower > heap_.front()) {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
      heap_.back() = lower;
      std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
    }
  }

 private:
  std::size_t n_;
  std::vector<float> heap_;  // a min-heap
};

// The bounded heap of top_k (eval/ranking.cpp), step for step, so that items offered in
// ascending order give its list even where the order between scores is not total (NaN).
class BestN {
 public:
  explicit BestN(int n) : n_(static_cast<std::size_t>(n)) { heap_.reserve(n_ + 1); }
  void offer(ScoredItem c) {
    if (heap_.size() == n_ && c.score < heap_.front().score) return;
    if (heap_.size() < n_) {
      heap_.push_back(c);
      std::push_heap(heap_.begin(), heap_.end(), ranks_before);
    } else if (ranks_before(c, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), ranks_before);
      heap_.back() = c;
      std::push_heap(heap_.begin(), heap_.end(), ranks_before);
    }
  }
  std::vector<ScoredItem> take() {
    std::sort(heap_.begin(), heap_.end(), ranks_before);
    return std::move(heap_);
  }

 private:
  static bool ranks_before(const ScoredItem& a, const ScoredItem& b) {
    return a.score > b.score || (a.score == b.score && a.item < b.item);
  }
  std::size_t n_;
  std::vector<ScoredItem> heap_;
};

// Advances `next` over the sorted excluded items below v; true when v is one of them.
bool is_excluded(std::span<const std::int32_t>::iterator& next,
                 std::span<const std::int32_t>::iterator end, Eigen::Index v) {
  while (next != end && *next < v) ++next;
  return next != end && *next == v;
}

// Every item in float: no 8-bit copy, or a user the bound cannot take.
std::vector<ScoredItem> score_all(const DotProductItems& items,
                                  const Eigen::Ref<const Eigen::VectorXf>& p, int n,
                                  std::span<const std::int32_t> skip, TopNStats& stats) {
  Eigen::VectorXf scores(items.num_items());
  items.score(p, scores);
  BestN best(n);
  auto next = skip.begin();
  for (Eigen::Index v = 0; v < items.num_items(); ++v) {
    if (is_excluded(next, skip.end(), v)) continue;
    best.offer({static_cast<std::int32_t>(v), scores[v]});
    ++stats.candidates;
  }
  stats.exact_chunks = (items.num_items() + DotProductItems::kChunk - 1) / DotProductItems::kChunk;
  return best.take();
}

// The first pass: every item whose upper bound reaches the running threshold (which only
// rises, so the final threshold rejects at least as much), in ascending item order.
std::vector<Candidate> first_pass(const QuantizedItems& quantized, const QuantizedUser& user,
                                  std::span<const std::int32_t> skip, QuantizedKernel kernel,
                                  LowerBounds& lower) {
  std::vector<Candidate> candidates;
  alignas(64) float approx[kBlockChunks * kLanes];
  float maxima[kBlockChunks];
  auto next = skip.begin();
  float threshold = kNoThreshold;
  for (Eigen::Index first = 0; first < quantized.chunks(); first += kBlockChunks) {
    const Eigen::Index count = std::min(kBlockChunks, quantized.chunks() - first);
    quantized.approximate(user, first, count, approx, maxima, kernel);
    for (Eigen::Index c = 0; c < count; ++c) {
      const float radius = quantized.radius(user, first + c);
      if (maxima[c] + radius < threshold) continue;  // most chunks, once a few items are seen
      const Eigen::Index end = std::min(quantized.num_items(), (first + c + 1) * kLanes);
      for (Eigen::Index v = (first + c) * kLanes; v < end; ++v) {
        const float a = approx[(v - first * kLanes)];
        if (a + radius < threshold || is_excluded(next, skip.end(), v)) continue;
        candidates.push_back({a + radius, static_cast<std::int32_t>(v)});
        lower.offer(a - radius);
        threshold = lower.threshold();
      }
    }
  }
  return candidates;
}

// Exact scores for the candidates that reach the final threshold, read chunk by chunk with
// DotProductItems' own kernel so they are the very numbers score() gives.
std::vector<ScoredItem> rescore(const DotProductItems& items,
                                const Eigen::Ref<const Eigen::VectorXf>& p, int n,
                                const std::vector<Candidate>& candidates, float threshold,
                                TopNStats& stats) {
  constexpr Eigen::Index kChunk = DotProductItems::kChunk;
  float exact[kChunk];
  Eigen::Index scored_chunk = -1;
  BestN best(n);
  for (const Candidate& c : candidates) {
    if (c.upper < threshold) continue;
    const Eigen::Index chunk = c.item / kChunk;
    if (chunk != scored_chunk) {
      const Eigen::Index count = std::min(kChunk, items.num_items() - chunk * kChunk);
      items.score_block(p, chunk * kChunk, count, Eigen::Map<Eigen::MatrixXf>(exact, count, 1));
      scored_chunk = chunk;
      ++stats.exact_chunks;
    }
    ++stats.candidates;
    best.offer({c.item, exact[c.item - chunk * kChunk]});
  }
  return best.take();
}

}  // namespace

std::vector<ScoredItem> exact_top_n(const DotProductItems& items,
                                    const Eigen::Ref<const Eigen::VectorXf>& p, int n,
                                    std::span<const std::int32_t> excluded,
                                    QuantizedKernel kernel, TopNStats* stats) {
  if (p.size() != items.dim()) {
    throw std::invalid_argument("exact_top_n: a " + std::to_string(items.dim()) +
                                "-dim user was expected, not " + std::to_string(p.size()));
  }
  TopNStats local;
  TopNStats& out = stats != nullptr ? *stats : local;
  out = {};
  if (n <= 0) return {};
  std::vector<std::int32_t> sorted(excluded.begin(), excluded.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  const std::span<const std::int32_t> skip(sorted);
  const QuantizedItems& quantized = items.quantized();
  if (quantized.empty()) return score_all(items, p, n, skip, out);
  const QuantizedUser user = quantized.quantize(p);
  if (!user.usable) return score_all(items, p, n, skip, out);
  out.quantized = true;
  LowerBounds lower(n);
  const auto candidates = first_pass(quantized, user, skip, kernel, lower);
  return rescore(items, p, n, candidates, lower.threshold(), out);
}

}  // namespace metacf
