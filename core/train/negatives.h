#pragma once
// Negative sampling: items the user is not known to have rated, drawn uniformly.
#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "core/util/rng.h"

namespace metacf {

// One item uniform over [0, num_items) outside `known_sorted` (ascending). Rejection sampling
// is cheap because users rate a small share of the catalogue; a user who rated nearly all of it
// falls back to an exact draw over the complement. Returns -1 when no item is left.
inline std::int32_t sample_negative(Rng& rng, std::int32_t num_items,
                                    std::span<const std::int32_t> known_sorted) {
  const auto known = static_cast<std::int64_t>(known_sorted.size());
  if (known >= num_items) return -1;
  for (int attempt = 0; attempt < 64; ++attempt) {
    const auto v =
        static_cast<std::int32_t>(rng.uniform_index(static_cast<std::uint64_t>(num_items)));
    if (!std::binary_search(known_sorted.begin(), known_sorted.end(), v)) return v;
  }
  // The r-th unrated item: walk the sorted known list to skip over rated ones.
  auto r =
      static_cast<std::int64_t>(rng.uniform_index(static_cast<std::uint64_t>(num_items - known)));
  std::int64_t v = r;
  for (std::int32_t k : known_sorted) {
    if (k <= v)
      ++v;
    else
      break;
  }
  return static_cast<std::int32_t>(v);
}

// Appends `count` negatives for one user (with replacement, as in the paper's samplers).
inline void sample_negatives(Rng& rng, std::int32_t num_items,
                             std::span<const std::int32_t> known_sorted, std::int64_t count,
                             std::vector<std::int32_t>& out) {
  for (std::int64_t i = 0; i < count; ++i) {
    const std::int32_t v = sample_negative(rng, num_items, known_sorted);
    if (v < 0) return;
    out.push_back(v);
  }
}

}  // namespace metacf
