// TopK passes over groups of eight scores that all fall below its worst kept one. The lists
// must be those of offering every item one by one, ties, NaNs, exclusions and pieces included.
#include "core/model/top_k.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "core/util/rng.h"

namespace metacf {
namespace {

TEST(TopKTest, OfferingInPiecesEqualsOfferingEveryItemOneByOne) {
  Rng rng(31);
  const int n = 5003;
  for (const int k : {1, 10, 57}) {
    for (const bool with_nan : {false, true}) {
      std::vector<float> scores(n);
      for (auto& s : scores) s = static_cast<float>(std::round(8 * rng.normal()) / 8);  // ties
      if (with_nan) {
        for (int v = 17; v < n; v += 611) scores[static_cast<std::size_t>(v)] = std::nanf("");
      }
      std::vector<std::int32_t> excluded;
      for (int v = 3; v < n; v += 97) excluded.push_back(v);
      TopK one_by_one(k);
      std::size_t next = 0;
      for (int v = 0; v < n; ++v) {
        if (next < excluded.size() && excluded[next] == v) {
          ++next;
          continue;
        }
        one_by_one.offer_one(v, scores[static_cast<std::size_t>(v)]);
      }
      const auto want = one_by_one.take();
      for (const int piece : {n, 256, 13}) {
        TopK pieces(k);
        for (int first = 0; first < n; first += piece) {
          const int count = std::min(piece, n - first);
          pieces.offer(
              std::span<const float>(scores.data() + first, static_cast<std::size_t>(count)), first,
              excluded);
        }
        EXPECT_EQ(pieces.take(), want) << k << " " << with_nan << " " << piece;
      }
    }
  }
}

}  // namespace
}  // namespace metacf
