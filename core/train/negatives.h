#pragma once
// Negative sampling: items the user is not known to have rated, drawn uniformly.
#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "core/util/rng.h"

namespace metacf {

// The r-th item (from 0) of [0, num_items) outside `known_sorted` (ascending, distinct).
// known_sorted[j] - j is how many unrated items lie below known_sorted[j], which never falls
// as j grows, so a binary search finds how many rated items come before the answer.
inline std::int32_t nth_unknown_item(std::int64_t r, std::span<const std::int32_t> known_sorted) {
  std::size_t below = 0;
  std::size_t above = known_sorted.size();
  while (below < above) {
    const std::size_t mid = below + (above - below) / 2;
    if (known_sorted[mid] - static_cast<std::int64_t>(mid) <= r) {
      below = mid + 1;
    } else {
      above = mid;
    }
  }
  return static_cast<std::int32_t>(r + static_cast<std::int64_t>(below));
}

// Whether `v` is in `sorted` (ascending), as std::binary_search answers, by a binary search
// without branches: the rejection test of every negative drawn, whose branchy search was
// mispredicted on about every other step and was half the time of pretraining's own loop.
inline bool contains_sorted(std::span<const std::int32_t> sorted, std::int32_t v) {
  std::size_t n = sorted.size();
  if (n == 0) return false;
  const std::int32_t* base = sorted.data();
  while (n > 1) {
    const std::size_t half = n / 2;
    base = base[half] < v ? base + half : base;  // a conditional move
    n -= half;
  }
  // base is the last entry below v, or the first entry: the lower bound is it or the next.
  const std::int32_t* bound = base + (*base < v ? 1 : 0);
  return bound != sorted.data() + sorted.size() && *bound == v;
}

// One item uniform over [0, num_items) outside `known_sorted` (ascending). A user who rated at
// most half of the catalogue is served by rejection (under two draws on average; these are the
// draws results have always been made with); one who rated more by one exact draw over the
// complement, as rejection would spend ever more draws on her, without bound as she nears the
// whole catalogue. Either way a negative costs O(log known). Returns -1 when no item is left.
// `is_known(v)` answers whether v is in known_sorted, by whatever means the caller has.
template <class IsKnown>
inline std::int32_t sample_negative_with(Rng& rng, std::int32_t num_items,
                                         std::span<const std::int32_t> known_sorted,
                                         IsKnown is_known) {
  const auto known = static_cast<std::int64_t>(known_sorted.size());
  if (known >= num_items) return -1;
  if (2 * known <= num_items) {
    for (int attempt = 0; attempt < 64; ++attempt) {
      const auto v =
          static_cast<std::int32_t>(rng.uniform_index(static_cast<std::uint64_t>(num_items)));
      if (!is_known(v)) return v;
    }
  }
  const auto r = rng.uniform_index(static_cast<std::uint64_t>(num_items - known));
  return nth_unknown_item(static_cast<std::int64_t>(r), known_sorted);
}

inline std::int32_t sample_negative(Rng& rng, std::int32_t num_items,
                                    std::span<const std::int32_t> known_sorted) {
  return sample_negative_with(rng, num_items, known_sorted,
                              [&](std::int32_t v) { return contains_sorted(known_sorted, v); });
}

// Whether bit v is set in `bits` (bit v % 64 of word v / 64).
inline bool has_bit(std::span<const std::uint64_t> bits, std::int32_t v) {
  return (bits[static_cast<std::size_t>(v) >> 6] >> (static_cast<unsigned>(v) & 63u)) & 1u;
}

// As sample_negative; `known_bits`, when not empty, holds the same known items one bit per item
// (KnownItemBits): each rejection test is then one load instead of a binary search, and the
// draws are the same.
inline std::int32_t sample_negative(Rng& rng, std::int32_t num_items,
                                    std::span<const std::int32_t> known_sorted,
                                    std::span<const std::uint64_t> known_bits) {
  if (known_bits.empty()) return sample_negative(rng, num_items, known_sorted);
  return sample_negative_with(rng, num_items, known_sorted,
                              [&](std::int32_t item) { return has_bit(known_bits, item); });
}

// Appends `count` negatives for one user (with replacement, as in the paper's samplers), with
// `known_bits` as sample_negative takes them.
inline void sample_negatives(Rng& rng, std::int32_t num_items,
                             std::span<const std::int32_t> known_sorted, std::int64_t count,
                             std::vector<std::int32_t>& out,
                             std::span<const std::uint64_t> known_bits = {}) {
  for (std::int64_t i = 0; i < count; ++i) {
    const std::int32_t v = sample_negative(rng, num_items, known_sorted, known_bits);
    if (v < 0) return;
    out.push_back(v);
  }
}

}  // namespace metacf
