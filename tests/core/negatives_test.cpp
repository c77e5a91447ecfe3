// Negatives are drawn uniformly outside the items a user rated, in O(log rated) each, however
// much of the catalogue she rated; users who rated at most half of it get the very draws they
// always did.
#include "core/train/negatives.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <vector>

#include "core/train/known_item_bits.h"

namespace metacf {
namespace {

constexpr std::int32_t kItems = 2000;

// Every item but each 200th (199, 399, ...): 1,990 of 2,000 rated.
std::vector<std::int32_t> near_complete_user() {
  std::vector<std::int32_t> known;
  for (std::int32_t v = 0; v < kItems; ++v) {
    if (v % 200 != 199) known.push_back(v);
  }
  return known;
}

std::vector<std::int32_t> complement(const std::vector<std::int32_t>& known, std::int32_t items) {
  std::vector<std::int32_t> out;
  for (std::int32_t v = 0; v < items; ++v) {
    if (!std::binary_search(known.begin(), known.end(), v)) out.push_back(v);
  }
  return out;
}

TEST(NegativesTest, BranchlessMembershipAnswersAsBinarySearch) {
  Rng rng(5);
  for (int trial = 0; trial < 2000; ++trial) {
    const auto items = static_cast<std::int32_t>(1 + rng.uniform_index(70));
    const double density = rng.uniform();
    std::vector<std::int32_t> known;
    for (std::int32_t v = 0; v < items; ++v) {
      if (rng.uniform() < density) known.push_back(v);
    }
    for (std::int32_t v = -1; v <= items; ++v) {
      EXPECT_EQ(contains_sorted(known, v), std::binary_search(known.begin(), known.end(), v))
          << "item " << v << " of " << items << ", " << known.size() << " known";
    }
  }
}

TEST(NegativesTest, TheNthUnknownItemIsTheNthOfTheComplement) {
  Rng rng(3);
  for (int trial = 0; trial < 200; ++trial) {
    const auto items = static_cast<std::int32_t>(1 + rng.uniform_index(60));
    const double density = rng.uniform();
    std::vector<std::int32_t> known;
    for (std::int32_t v = 0; v < items; ++v) {
      if (rng.uniform() < density) known.push_back(v);
    }
    const auto unknown = complement(known, items);
    for (std::size_t r = 0; r < unknown.size(); ++r) {
      EXPECT_EQ(nth_unknown_item(static_cast<std::int64_t>(r), known), unknown[r])
          << "trial " << trial << ", r " << r;
    }
  }
}

TEST(NegativesTest, ANearCompleteUserCostsOneDrawPerNegative) {
  const auto known = near_complete_user();
  Rng sampler(11);
  Rng one_draw_each = sampler;
  constexpr int kNegatives = 3 * 1990;  // what one pretraining epoch draws for her
  for (int i = 0; i < kNegatives; ++i) {
    (void)sample_negative(sampler, kItems, known);
    (void)one_draw_each.uniform_index(kItems - known.size());
  }
  // Rejection spent about 64 draws on each of hers (and a walk over her 1,990 items after).
  EXPECT_EQ(sampler.next(), one_draw_each.next());
}

TEST(NegativesTest, ANearCompleteUsersNegativesAreHerUnratedItemsUniformly) {
  const auto known = near_complete_user();
  Rng rng(5);
  std::vector<std::int32_t> drawn;
  sample_negatives(rng, kItems, known, 20000, drawn);
  ASSERT_EQ(drawn.size(), 20000u);
  std::map<std::int32_t, int> counts;
  for (const auto v : drawn) ++counts[v];
  ASSERT_EQ(counts.size(), 10u);  // each of her 10 unrated items, and nothing else
  for (const auto& [item, count] : counts) {
    EXPECT_EQ(item % 200, 199) << item;
    EXPECT_NEAR(count, 2000, 200) << item;  // binomial sd 42: a fixed seed, far from the bound
  }
}

TEST(NegativesTest, AUserWhoRatedAtMostHalfGetsTheDrawsOfRejection) {
  std::vector<std::int32_t> known;
  for (std::int32_t v = 0; v < kItems; v += 2) known.push_back(v);  // exactly half
  Rng sampler(9);
  Rng reference = sampler;
  for (int i = 0; i < 5000; ++i) {
    std::int32_t expected = -1;
    do {
      expected = static_cast<std::int32_t>(reference.uniform_index(kItems));
    } while (std::binary_search(known.begin(), known.end(), expected));
    ASSERT_EQ(sample_negative(sampler, kItems, known), expected) << i;
  }
}

// Known items as bits (KnownItemBits) draw the very negatives the sorted lists draw, for users
// who rated little, half, most or all of the catalogue, on catalogues that do and do not fill
// their last 64-bit word; rows over the budget are empty and the lists are searched.
TEST(NegativesTest, KnownItemsAsBitsDrawTheSameNegativesAsTheSortedLists) {
  Rng rng(17);
  for (const std::int32_t items : {1, 63, 64, 65, 1682}) {
    std::vector<std::vector<std::int32_t>> users;
    for (const double density : {0.0, 0.05, 0.5, 0.9, 1.0}) {
      std::vector<std::int32_t> known;
      for (std::int32_t v = 0; v < items; ++v) {
        if (rng.uniform() < density || density == 1.0) known.push_back(v);
      }
      users.push_back(known);
    }
    const KnownItemBits bits(static_cast<std::int64_t>(users.size()), items,
                             [&](std::int64_t u) -> std::span<const std::int32_t> {
                               return users[static_cast<std::size_t>(u)];
                             });
    for (std::size_t u = 0; u < users.size(); ++u) {
      ASSERT_FALSE(bits.row(static_cast<std::int64_t>(u)).empty());
      Rng a(100 + u), b(100 + u);
      std::vector<std::int32_t> searched, looked_up;
      sample_negatives(a, items, users[u], 300, searched);
      sample_negatives(b, items, users[u], 300, looked_up, bits.row(static_cast<std::int64_t>(u)));
      EXPECT_EQ(searched, looked_up) << items << " items, user " << u;
      EXPECT_EQ(a.next(), b.next());  // the same number of draws were made
    }
  }
  const std::int64_t over = KnownItemBits::kBudgetBytes / 8 + 1;  // rows of one word each
  const KnownItemBits too_many(over, 64,
                               [](std::int64_t) { return std::span<const std::int32_t>(); });
  EXPECT_TRUE(too_many.row(0).empty());
}

TEST(NegativesTest, NoItemLeftIsMinusOne) {
  std::vector<std::int32_t> all(10);
  for (std::int32_t v = 0; v < 10; ++v) all[static_cast<std::size_t>(v)] = v;
  Rng rng(1);
  EXPECT_EQ(sample_negative(rng, 10, all), -1);
  std::vector<std::int32_t> out;
  sample_negatives(rng, 10, all, 5, out);
  EXPECT_TRUE(out.empty());
  all.erase(all.begin() + 9);
  EXPECT_EQ(sample_negative(rng, 10, all), 9);  // the one left, at the end
}

}  // namespace
}  // namespace metacf
