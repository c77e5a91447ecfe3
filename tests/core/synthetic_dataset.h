#pragma once
// Small data sets built in code for the pipeline tests.
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/util/rng.h"

namespace metacf::testing {

inline Dataset dataset_from_rows(const std::vector<std::vector<std::int32_t>>& rows,
                                 std::int32_t num_items) {
  Dataset d;
  d.format = "synthetic";
  for (std::size_t u = 0; u < rows.size(); ++u) {
    d.user_ids.push_back("u" + std::to_string(u));
    d.user_items.insert(d.user_items.end(), rows[u].begin(), rows[u].end());
    d.user_offsets.push_back(static_cast<std::int64_t>(d.user_items.size()));
  }
  for (std::int32_t v = 0; v < num_items; ++v) d.item_ids.push_back(std::to_string(v));
  return d;
}

// Users who each like one of `clusters` blocks of items, with a popularity skew inside blocks.
inline Dataset clustered_dataset(int users, int items, int clusters, int min_records,
                                 int max_records, std::uint64_t seed) {
  Rng rng(seed);
  const int block = items / clusters;
  std::vector<std::vector<std::int32_t>> rows(static_cast<std::size_t>(users));
  for (int u = 0; u < users; ++u) {
    const int c = static_cast<int>(rng.uniform_index(static_cast<std::uint64_t>(clusters)));
    const auto n = rng.uniform_int(min_records, max_records);
    std::vector<char> seen(static_cast<std::size_t>(items), 0);
    auto& row = rows[static_cast<std::size_t>(u)];
    while (static_cast<std::int64_t>(row.size()) < n) {
      // Squaring a uniform skews picks toward the block's first (popular) items.
      const double x = rng.uniform();
      const int offset = static_cast<int>(x * x * block);
      const int v = rng.uniform() < 0.9
                        ? c * block + offset
                        : static_cast<int>(rng.uniform_index(static_cast<std::uint64_t>(items)));
      if (!seen[static_cast<std::size_t>(v)]) {
        seen[static_cast<std::size_t>(v)] = 1;
        row.push_back(v);
      }
    }
  }
  return dataset_from_rows(rows, items);
}

}  // namespace metacf::testing
