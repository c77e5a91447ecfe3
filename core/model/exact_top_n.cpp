#include "core/model/exact_top_n.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "core/model/top_k.h"

namespace metacf {
namespace {

constexpr Eigen::Index kLanes = QuantizedItems::kLanes;
constexpr float kNoThreshold = -std::numeric_limits<float>::infinity();

struct Candidate {
  float upper;
  std::int32_t item;
};

// Buffers kept between calls on one thread: once warm, serving a user allocates only its list.
struct Scratch {
  std::vector<std::int32_t> skip;
  QuantizedUser user;
  std::vector<float> approx, maxima, radius, seeds, run_best, lower;
  std::vector<Candidate> candidates;
};

Scratch& scratch() {
  thread_local Scratch buffers;
  return buffers;
}

// The n largest lower bounds a_v - r offered so far; threshold() is the n-th of them.
class LowerBounds {
 public:
  LowerBounds(int n, std::vector<float>& heap) : n_(static_cast<std::size_t>(n)), heap_(heap) {
    heap_.clear();
  }
  [[nodiscard]] float threshold() const {
    return heap_.size() == n_ ? heap_.front() : kNoThreshold;
  }
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
  std::vector<float>& heap_;  // a min-heap
};

// The kept items of `best` as the list serve_top_n returns.
std::vector<ScoredItem> take_list(TopK& best) {
  std::vector<ScoredItem> out;
  for (const TopK::Candidate& c : best.take_scored()) out.push_back({c.item, c.score});
  return out;
}

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
  TopK best(n);
  auto next = skip.begin();
  for (Eigen::Index v = 0; v < items.num_items(); ++v) {
    if (is_excluded(next, skip.end(), v)) continue;
    best.offer_one(static_cast<std::int32_t>(v), scores[v]);
    ++stats.candidates;
  }
  stats.exact_chunks = (items.num_items() + DotProductItems::kChunk - 1) / DotProductItems::kChunk;
  return take_list(best);
}

// A first threshold from each whole chunk's best item, skipping chunks that hold an excluded
// item: the chunks fall into 4n runs, and the n-th largest of the runs' best lower bounds is
// reached by n distinct items, so it is at most the final threshold, and the scan that follows
// looks inside only the chunks that can reach it. Runs instead of single chunks keep the
// selection to 4n values (a heap over every chunk was 15% of serving a user on 1,682 items).
float seed_threshold(const QuantizedItems& quantized, std::span<const std::int32_t> skip, int n,
                     Scratch& s) {
  const Eigen::Index whole = quantized.num_items() / kLanes;  // no padding item can be a seed
  const Eigen::Index runs = std::min<Eigen::Index>(whole, 4 * static_cast<Eigen::Index>(n));
  if (runs < n) return kNoThreshold;
  s.seeds.resize(static_cast<std::size_t>(whole));
  for (Eigen::Index c = 0; c < whole; ++c) {
    const auto i = static_cast<std::size_t>(c);
    s.seeds[i] = s.maxima[i] - s.radius[i];
  }
  for (const std::int32_t v : skip) {
    if (v >= 0 && v / kLanes < whole) s.seeds[static_cast<std::size_t>(v / kLanes)] = kNoThreshold;
  }
  s.run_best.resize(static_cast<std::size_t>(runs));
  for (Eigen::Index r = 0; r < runs; ++r) {
    float best = kNoThreshold;
    for (Eigen::Index c = whole * r / runs; c < whole * (r + 1) / runs; ++c) {
      best = std::max(best, s.seeds[static_cast<std::size_t>(c)]);
    }
    s.run_best[static_cast<std::size_t>(r)] = best;
  }
  const auto nth = s.run_best.begin() + (n - 1);
  std::nth_element(s.run_best.begin(), nth, s.run_best.end(), std::greater<>());
  return *nth;
}

// The first pass: every item whose upper bound reaches the running threshold (which only
// rises, so the final threshold rejects at least as much), in ascending item order.
void first_pass(const QuantizedItems& quantized, std::span<const std::int32_t> skip, int n,
                QuantizedKernel kernel, LowerBounds& lower, Scratch& s) {
  const auto chunks = static_cast<std::size_t>(quantized.chunks());
  s.approx.resize(chunks * kLanes);
  s.maxima.resize(chunks);
  s.radius.resize(chunks);
  quantized.approximate(s.user, 0, quantized.chunks(), s.approx.data(), s.maxima.data(), kernel);
  for (std::size_t c = 0; c < chunks; ++c) s.radius[c] = quantized.radius(s.user, c);
  const float seed = seed_threshold(quantized, skip, n, s);
  float threshold = seed;
  s.candidates.clear();
  auto next = skip.begin();
  for (std::size_t c = 0; c < chunks; ++c) {
    const float radius = s.radius[c];
    if (s.maxima[c] + radius < threshold) continue;  // nearly every chunk
    const auto end = std::min<std::size_t>(quantized.num_items(), (c + 1) * kLanes);
    for (auto v = c * kLanes; v < end; ++v) {
      const float a = s.approx[v];
      if (a + radius < threshold || is_excluded(next, skip.end(), v)) continue;
      s.candidates.push_back({a + radius, static_cast<std::int32_t>(v)});
      lower.offer(a - radius);
      threshold = std::max(seed, lower.threshold());
    }
  }
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
  TopK best(n);
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
    best.offer_one(c.item, exact[c.item - chunk * kChunk]);
  }
  return take_list(best);
}

}  // namespace

std::vector<ScoredItem> exact_top_n(const DotProductItems& items,
                                    const Eigen::Ref<const Eigen::VectorXf>& p, int n,
                                    std::span<const std::int32_t> excluded, QuantizedKernel kernel,
                                    TopNStats* stats) {
  if (p.size() != items.dim()) {
    throw std::invalid_argument("exact_top_n: a " + std::to_string(items.dim()) +
                                "-dim user was expected, not " + std::to_string(p.size()));
  }
  TopNStats local;
  TopNStats& out = stats != nullptr ? *stats : local;
  out = {};
  if (n <= 0) return {};
  Scratch& s = scratch();
  s.skip.assign(excluded.begin(), excluded.end());
  std::sort(s.skip.begin(), s.skip.end());
  s.skip.erase(std::unique(s.skip.begin(), s.skip.end()), s.skip.end());
  const std::span<const std::int32_t> skip(s.skip);
  const QuantizedItems& quantized = items.quantized();
  if (quantized.empty()) return score_all(items, p, n, skip, out);
  quantized.quantize(p, s.user);
  if (!s.user.usable) return score_all(items, p, n, skip, out);
  out.quantized = true;
  LowerBounds lower(n, s.lower);
  first_pass(quantized, skip, n, kernel, lower, s);
  return rescore(items, p, n, s.candidates, lower.threshold(), out);
}

}  // namespace metacf
