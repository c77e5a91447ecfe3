#pragma once
// What a loaded data set looks like: sizes, sparsity and how records spread over users and
// items, for the info command and the Data page's table and histograms.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace metacf {

struct CountSummary {
  std::int64_t min = 0;
  double median = 0;  // the mean of the two middle values when the count is even
  double mean = 0;
  std::int64_t max = 0;
};

struct DatasetStats {
  std::string source_path;
  std::string format;
  std::int32_t users = 0;
  std::int32_t items = 0;
  std::int64_t records = 0;
  double density = 0;  // records / (users * items)
  std::int64_t duplicates = 0;
  std::int64_t skipped = 0;
  std::int64_t below_threshold = 0;
  std::int64_t titled_items = 0;  // items with a non-empty title
  CountSummary per_user;
  CountSummary per_item;
  std::vector<std::int64_t> records_per_user;  // indexed by dense user index
  std::vector<std::int64_t> records_per_item;  // indexed by dense item index
};

DatasetStats compute_stats(const Dataset& data);

CountSummary summarize_counts(std::span<const std::int64_t> counts);

enum class BinScale { kLinear, kLog };

struct HistogramBin {
  double lower = 0;  // counts in [lower, upper)
  double upper = 0;
  std::int64_t count = 0;
};

// Bins counts into at most `bins` bins covering [min, max]. Log bins (for heavy tails) have
// geometrically growing widths starting at max(min, 1); counts below 1 go to the first bin.
std::vector<HistogramBin> histogram(std::span<const std::int64_t> counts, int bins, BinScale scale);

// Everything but the per-user/per-item vectors, which are summarised as 20 log-scale bins each.
void to_json(nlohmann::json& j, const DatasetStats& stats);
void to_json(nlohmann::json& j, const HistogramBin& bin);

}  // namespace metacf
