#include "core/eval/sampled_ranking.h"

#include <cmath>
#include <unordered_set>

namespace metacf {
namespace {

// The r-th unrated item (from 0): r plus the number of rated items below it. known[j] - j is
// the number of unrated items below known[j], which never decreases with j.
std::int32_t unrated_at(std::int64_t r, std::span<const std::int32_t> known_sorted) {
  std::size_t lo = 0;
  std::size_t hi = known_sorted.size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (known_sorted[mid] - static_cast<std::int64_t>(mid) <= r) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return static_cast<std::int32_t>(r + static_cast<std::int64_t>(lo));
}

void every_unrated(std::int32_t num_items, std::span<const std::int32_t> known_sorted,
                   std::vector<std::int32_t>& out) {
  auto next = known_sorted.begin();
  for (std::int32_t v = 0; v < num_items; ++v) {
    if (next != known_sorted.end() && *next == v) {
      ++next;
    } else {
      out.push_back(v);
    }
  }
}

// Candidates ranked before the positive.
std::int64_t rank_among(const Eigen::Ref<const Eigen::VectorXf>& scores, std::int32_t positive,
                        std::span<const std::int32_t> candidates) {
  const TopK::Candidate pos{scores[positive], positive};
  std::int64_t rank = 0;
  for (auto v : candidates) rank += TopK::ranks_before({scores[v], v}, pos) ? 1 : 0;
  return rank;
}

}  // namespace

void sample_unrated_without_replacement(Rng& rng, std::int32_t num_items,
                                        std::span<const std::int32_t> known_sorted,
                                        std::int64_t count, std::vector<std::int32_t>& out) {
  out.clear();
  const std::int64_t unrated = num_items - static_cast<std::int64_t>(known_sorted.size());
  if (unrated <= 0 || count <= 0) return;
  if (count >= unrated) {
    out.reserve(static_cast<std::size_t>(unrated));
    every_unrated(num_items, known_sorted, out);
    return;
  }
  // Floyd: the j-th draw takes a uniform index in [0, j], or j itself when that one was taken;
  // every subset of `count` indices comes out equally likely.
  std::unordered_set<std::int64_t> taken;
  taken.reserve(static_cast<std::size_t>(count));
  out.reserve(static_cast<std::size_t>(count));
  for (std::int64_t j = unrated - count; j < unrated; ++j) {
    auto t = static_cast<std::int64_t>(rng.uniform_index(static_cast<std::uint64_t>(j) + 1));
    if (!taken.insert(t).second) {
      t = j;
      taken.insert(j);
    }
    out.push_back(unrated_at(t, known_sorted));
  }
}

bool sampled_user_metrics(const Eigen::Ref<const Eigen::VectorXf>& scores,
                          std::span<const std::int32_t> query,
                          std::span<const std::int32_t> known_sorted, std::int64_t count, int top_n,
                          Rng& rng, const JobControl* job, SampledUserMetrics& out) {
  out = SampledUserMetrics{};
  const std::int64_t unrated = scores.size() - static_cast<std::int64_t>(known_sorted.size());
  out.all_ranked = count >= unrated;
  if (query.empty()) return true;
  const auto num_items = static_cast<std::int32_t>(scores.size());
  std::vector<std::int32_t> candidates;
  // Every query item then meets the same candidates, all of them: listed once.
  if (out.all_ranked)
    sample_unrated_without_replacement(rng, num_items, known_sorted, count, candidates);
  for (const auto positive : query) {
    if (job && job->cancelled()) return false;
    if (!out.all_ranked) {
      sample_unrated_without_replacement(rng, num_items, known_sorted, count, candidates);
    }
    const std::int64_t rank = rank_among(scores, positive, candidates);
    if (rank < top_n) {
      out.metrics.hr += 1.0;
      out.metrics.ndcg += 1.0 / std::log2(static_cast<double>(rank) + 2.0);
    }
  }
  out.metrics.hr /= static_cast<double>(query.size());
  out.metrics.ndcg /= static_cast<double>(query.size());
  return true;
}

}  // namespace metacf
