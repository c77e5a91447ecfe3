#include "core/data/dataset_stats.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>

namespace metacf {

CountSummary summarize_counts(std::span<const std::int64_t> counts) {
  CountSummary summary;
  if (counts.empty()) return summary;
  std::vector<std::int64_t> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end());
  const auto n = sorted.size();
  summary.min = sorted.front();
  summary.max = sorted.back();
  summary.median =
      n % 2 == 1
          ? static_cast<double>(sorted[n / 2])
          : (static_cast<double>(sorted[n / 2 - 1]) + static_cast<double>(sorted[n / 2])) / 2.0;
  summary.mean =
      static_cast<double>(std::accumulate(sorted.begin(), sorted.end(), std::int64_t{0})) /
      static_cast<double>(n);
  return summary;
}

DatasetStats compute_stats(const Dataset& data) {
  DatasetStats stats;
  stats.source_path = data.source_path;
  stats.format = data.format;
  stats.users = data.num_users();
  stats.items = data.num_items();
  stats.records = data.num_records();
  const double cells = static_cast<double>(stats.users) * static_cast<double>(stats.items);
  stats.density = cells > 0 ? static_cast<double>(stats.records) / cells : 0.0;
  stats.duplicates = data.duplicates;
  stats.skipped = data.skipped;
  stats.below_threshold = data.below_threshold;
  stats.titled_items = std::count_if(data.item_titles.begin(), data.item_titles.end(),
                                     [](const std::string& t) { return !t.empty(); });
  stats.records_per_user.resize(static_cast<std::size_t>(stats.users));
  stats.records_per_item.assign(static_cast<std::size_t>(stats.items), 0);
  for (std::int32_t u = 0; u < stats.users; ++u) {
    const auto items = data.items_of(u);
    stats.records_per_user[static_cast<std::size_t>(u)] = static_cast<std::int64_t>(items.size());
    for (const auto item : items) ++stats.records_per_item[static_cast<std::size_t>(item)];
  }
  stats.per_user = summarize_counts(stats.records_per_user);
  stats.per_item = summarize_counts(stats.records_per_item);
  return stats;
}

std::vector<HistogramBin> histogram(std::span<const std::int64_t> counts, int bins,
                                    BinScale scale) {
  if (counts.empty() || bins < 1) return {};
  const auto [min_it, max_it] = std::minmax_element(counts.begin(), counts.end());
  const double low = scale == BinScale::kLog ? std::max<double>(static_cast<double>(*min_it), 1.0)
                                             : static_cast<double>(*min_it);
  const double high = static_cast<double>(*max_it) + 1.0;  // exclusive: the max gets a bin
  // Counts are integers: a bin narrower than 1 may be empty for no reason, so cap the number of
  // bins so the narrowest (linear: every one; log: the first) is at least 1 wide.
  const double max_bins =
      scale == BinScale::kLinear ? high - low : std::log(high / low) / std::log1p(1.0 / low) + 1e-9;
  const int n = std::max(1, std::min(bins, static_cast<int>(max_bins)));
  std::vector<double> edges(static_cast<std::size_t>(n) + 1);
  for (int b = 0; b <= n; ++b) {
    const double t = static_cast<double>(b) / n;
    edges[static_cast<std::size_t>(b)] =
        scale == BinScale::kLinear ? low + t * (high - low) : low * std::pow(high / low, t);
  }
  edges.back() = high;
  std::vector<HistogramBin> result(static_cast<std::size_t>(n));
  for (int b = 0; b < n; ++b) {
    result[static_cast<std::size_t>(b)] = {edges[static_cast<std::size_t>(b)],
                                           edges[static_cast<std::size_t>(b) + 1], 0};
  }
  for (const auto c : counts) {
    const auto it = std::upper_bound(edges.begin(), edges.end(), static_cast<double>(c));
    const auto b = std::clamp<std::ptrdiff_t>(it - edges.begin() - 1, 0, n - 1);
    ++result[static_cast<std::size_t>(b)].count;
  }
  return result;
}

void to_json(nlohmann::json& j, const HistogramBin& bin) {
  j = {{"lower", bin.lower}, {"upper", bin.upper}, {"count", bin.count}};
}

namespace {
nlohmann::json summary_json(const CountSummary& s) {
  return {{"min", s.min}, {"median", s.median}, {"mean", s.mean}, {"max", s.max}};
}
}  // namespace

void to_json(nlohmann::json& j, const DatasetStats& stats) {
  j = {{"source_path", stats.source_path},
       {"format", stats.format},
       {"users", stats.users},
       {"items", stats.items},
       {"records", stats.records},
       {"density", stats.density},
       {"duplicates", stats.duplicates},
       {"skipped", stats.skipped},
       {"below_threshold", stats.below_threshold},
       {"titled_items", stats.titled_items},
       {"records_per_user", summary_json(stats.per_user)},
       {"records_per_item", summary_json(stats.per_item)},
       {"records_per_user_histogram", histogram(stats.records_per_user, 20, BinScale::kLog)},
       {"records_per_item_histogram", histogram(stats.records_per_item, 20, BinScale::kLog)}};
}

}  // namespace metacf
