// exact_top_n: the 8-bit first pass never changes a list. Its bound is checked item by item,
// its kernels against each other, and its lists against top_k over every float score, on
// constructed ties and exclusions and on every user of a 57,750-item catalogue.
#include "core/model/exact_top_n.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/eval/ranking.h"
#include "core/eval/serve_top_n.h"
#include "core/learners/learner_factory.h"
#include "core/util/rng.h"

namespace metacf {
namespace {

constexpr QuantizedKernel kKernels[] = {QuantizedKernel::kPortable, QuantizedKernel::kAvx2,
                                        QuantizedKernel::kAvx512Vnni};

// Items shaped like a pretrained matrix: a shared direction and a norm that varies widely
// between items (popular items score higher for everyone).
Eigen::MatrixXf catalogue(Eigen::Index items, Eigen::Index dim, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::MatrixXf Q(items, dim);
  for (Eigen::Index v = 0; v < items; ++v) {
    const double size = 0.05 + 0.6 * std::pow(rng.uniform(), 3.0);
    for (Eigen::Index d = 0; d < dim; ++d) {
      Q(v, d) = static_cast<float>(size * (rng.normal() + (d < 4 ? 1.0 : 0.0)));
    }
  }
  return Q;
}

Eigen::VectorXf random_user(Eigen::Index dim, double size, Rng& rng) {
  Eigen::VectorXf p(dim);
  for (Eigen::Index d = 0; d < dim; ++d) p[d] = static_cast<float>(size * rng.normal());
  return p;
}

// The reference: every item scored in float, then top_k.
std::vector<ScoredItem> reference(const DotProductItems& items, const Eigen::VectorXf& p, int n,
                                  std::span<const std::int32_t> excluded) {
  Eigen::VectorXf scores(items.num_items());
  items.score(p, scores);
  std::vector<ScoredItem> out;
  for (auto v : top_k(scores, n, excluded)) out.push_back({v, scores[v]});
  return out;
}

// Items and scores bit for bit (a NaN score equals itself here).
std::vector<std::pair<std::int32_t, std::uint32_t>> bits(const std::vector<ScoredItem>& list) {
  std::vector<std::pair<std::int32_t, std::uint32_t>> out;
  for (const auto& s : list) out.emplace_back(s.item, std::bit_cast<std::uint32_t>(s.score));
  return out;
}

void expect_same_lists(const DotProductItems& items, const Eigen::VectorXf& p, int n,
                       std::span<const std::int32_t> excluded) {
  const auto expected = bits(reference(items, p, n, excluded));
  for (auto kernel : kKernels) {
    if (!quantized_kernel_available(kernel)) continue;
    EXPECT_EQ(bits(exact_top_n(items, p, n, excluded, kernel)), expected)
        << quantized_kernel_name(kernel);
  }
}

TEST(ExactTopNTest, EveryExactScoreLiesWithinTheRadiusOfItsApproximation) {
  Eigen::MatrixXf Q = catalogue(3001, 37, 1);  // D not a multiple of 4, a partial last chunk
  Q.row(5).setZero();
  Q(6, 3) = 40.0f;  // one coordinate far above the rest of its row
  Q.row(7).setConstant(1e-30f);
  Rng rng(2);
  Eigen::VectorXf bias(Q.rows());
  for (Eigen::Index v = 0; v < bias.size(); ++v) bias[v] = static_cast<float>(rng.normal());
  for (const bool with_bias : {false, true}) {
    const DotProductItems items(Q, with_bias ? bias : Eigen::VectorXf(), ServingCopy::kInt8);
    const QuantizedItems& quantized = items.quantized();
    ASSERT_FALSE(quantized.empty());
    for (const double size : {1e-3, 0.3, 50.0}) {
      const Eigen::VectorXf p = random_user(Q.cols(), size, rng);
      Eigen::VectorXf exact(Q.rows());
      items.score(p, exact);
      QuantizedUser user;
      quantized.quantize(p, user);
      std::vector<float> approx(static_cast<std::size_t>(quantized.chunks() * 16));
      std::vector<float> maxima(static_cast<std::size_t>(quantized.chunks()));
      quantized.approximate(user, 0, quantized.chunks(), approx.data(), maxima.data(),
                            QuantizedKernel::kPortable);
      double worst = 0;  // the largest share of the radius an error used
      for (Eigen::Index v = 0; v < Q.rows(); ++v) {
        const float radius = quantized.radius(user, v / 16);
        const float a = approx[static_cast<std::size_t>(v)];
        ASSERT_LE(std::abs(double{exact[v]} - a), radius) << "item " << v << ", |p| " << size;
        worst = std::max(worst, std::abs(double{exact[v]} - a) / radius);
        ASSERT_LE(a, maxima[static_cast<std::size_t>(v / 16)]);
      }
      EXPECT_GT(worst, 0.01) << "a radius this loose would rescore far too many items";
    }
  }
}

TEST(ExactTopNTest, KernelsGiveTheSameApproximationsBitForBit) {
  const Eigen::MatrixXf Q = catalogue(1000, 32, 3);
  Rng rng(4);
  Eigen::VectorXf bias(Q.rows());
  for (Eigen::Index v = 0; v < bias.size(); ++v) bias[v] = static_cast<float>(rng.normal());
  const DotProductItems items(Q, bias, ServingCopy::kInt8);
  const QuantizedItems& quantized = items.quantized();
  QuantizedUser user;
  quantized.quantize(random_user(32, 1.0, rng), user);
  const auto count = static_cast<std::size_t>(quantized.chunks());
  std::vector<float> portable(count * 16), maxima(count), other(count * 16), other_maxima(count);
  quantized.approximate(user, 0, quantized.chunks(), portable.data(), maxima.data(),
                        QuantizedKernel::kPortable);
  int compared = 0;
  for (auto kernel : kKernels) {
    if (!quantized_kernel_available(kernel)) continue;
    quantized.approximate(user, 0, quantized.chunks(), other.data(), other_maxima.data(), kernel);
    EXPECT_EQ(other, portable) << quantized_kernel_name(kernel);
    EXPECT_EQ(other_maxima, maxima) << quantized_kernel_name(kernel);
    ++compared;
  }
  EXPECT_GE(compared, 1);
}

TEST(ExactTopNTest, TiesAcrossChunksGoToTheLowerIndexAsInTopK) {
  Eigen::MatrixXf Q = catalogue(2000, 32, 5);
  // 40 copies of one strong row scattered over several chunks: 40 equal exact scores, of which
  // the top 10 must be the 10 lowest indices, and the top 50 all 40 then the next best.
  Eigen::RowVectorXf strong = Eigen::RowVectorXf::Constant(32, 0.9f);
  for (int copy = 0; copy < 40; ++copy) Q.row(1999 - 37 * copy) = strong;
  const DotProductItems items(Q, {}, ServingCopy::kInt8);
  const Eigen::VectorXf p = Eigen::VectorXf::Constant(32, 0.25f);
  const auto top = exact_top_n(items, p, 10, {});
  ASSERT_EQ(top.size(), 10u);
  EXPECT_EQ(top.front().item, 1999 - 37 * 39);
  expect_same_lists(items, p, 10, {});
  expect_same_lists(items, p, 50, {});
  const std::vector<std::int32_t> excluded = {1999 - 37 * 39, 1999 - 37 * 38, 4, 4, 70000, -3};
  expect_same_lists(items, p, 10, excluded);
}

TEST(ExactTopNTest, SmallAndOversizedRequestsAndBias) {
  const Eigen::MatrixXf Q = catalogue(21, 8, 6);
  Rng rng(7);
  Eigen::VectorXf bias(Q.rows());
  for (Eigen::Index v = 0; v < bias.size(); ++v) bias[v] = static_cast<float>(3 * rng.normal());
  const DotProductItems items(Q, bias, ServingCopy::kInt8);
  const Eigen::VectorXf p = random_user(8, 1.0, rng);
  EXPECT_TRUE(exact_top_n(items, p, 0, {}).empty());
  for (int n : {1, 5, 20, 21, 40}) expect_same_lists(items, p, n, std::vector<std::int32_t>{3});
  EXPECT_EQ(exact_top_n(items, p, 40, {}).size(), 21u);
}

TEST(ExactTopNTest, WithoutAnInt8CopyOrForANonFiniteUserEveryItemIsScored) {
  const Eigen::MatrixXf Q = catalogue(300, 16, 8);
  Rng rng(9);
  const Eigen::VectorXf p = random_user(16, 1.0, rng);
  const DotProductItems float_only(Q);
  TopNStats stats;
  EXPECT_EQ(exact_top_n(float_only, p, 10, {}, best_quantized_kernel(), &stats),
            reference(float_only, p, 10, {}));
  EXPECT_FALSE(stats.quantized);
  EXPECT_EQ(stats.candidates, 300);

  const DotProductItems items(Q, {}, ServingCopy::kInt8);
  Eigen::VectorXf odd = p;
  odd[2] = std::numeric_limits<float>::quiet_NaN();
  expect_same_lists(items, odd, 10, {});
  odd[2] = std::numeric_limits<float>::infinity();
  expect_same_lists(items, odd, 10, {});

  Eigen::MatrixXf broken = Q;
  broken(4, 4) = std::numeric_limits<float>::infinity();
  EXPECT_TRUE(DotProductItems(broken, {}, ServingCopy::kInt8).quantized().empty());
  EXPECT_TRUE(DotProductItems(catalogue(40, 1100, 10), {}, ServingCopy::kInt8).quantized().empty());
}

// Every user of an Amazon-sized catalogue, as served: adapted by fitted dot-product learners
// (one with an item bias), top 10 and top 100, with each one's support excluded.
TEST(ExactTopNTest, EveryUserOfA57750ItemCatalogueGetsTheFloatRanking) {
  constexpr Eigen::Index kItems = 57750;
  auto Q = std::make_shared<const Eigen::MatrixXf>(catalogue(kItems, 32, 11));
  Dataset data;
  Split split;
  std::vector<std::vector<std::int32_t>> known;
  Rng rng(12);
  for (int v = 0; v < kItems; ++v) data.item_ids.push_back(std::to_string(v));
  for (int u = 0; u < 300; ++u) {
    data.user_ids.push_back(std::to_string(u));
    std::vector<std::int32_t> records;
    for (int i = 0; i < 12; ++i)
      records.push_back(static_cast<std::int32_t>(rng.uniform_index(kItems)));
    std::sort(records.begin(), records.end());
    records.erase(std::unique(records.begin(), records.end()), records.end());
    data.user_items.insert(data.user_items.end(), records.begin(), records.end());
    data.user_offsets.push_back(static_cast<std::int64_t>(data.user_items.size()));
    Task task;
    task.user = u;
    task.support.assign(records.begin(), records.begin() + 3);
    task.query.assign(records.begin() + 3, records.begin() + 6);
    split.meta_train.push_back(task);
    known.push_back(records);
  }
  const TrainingContext ctx{data, split, Q, &known, nullptr, 1};
  Eigen::VectorXf scratch(kItems);
  for (const char* name : {"metacf_p_linear", "metacf_g+bias", "bpr"}) {
    auto learner = make_learner(name, {{"steps", 5}, {"meta_epochs", 2}});
    JobControl job;
    learner->fit(ctx, job);
    ASSERT_NE(learner->dot_product_items(), nullptr) << name;
    ASSERT_FALSE(learner->dot_product_items()->quantized().empty()) << name;
    Eigen::Index candidates = 0;
    for (const Task& task : split.meta_train) {
      Rng adapt_rng(static_cast<std::uint64_t>(task.user));
      const UserState state = learner->adapt(task.support, 5, adapt_rng).back();
      for (int n : {10, 100}) {
        const auto served = serve_top_n(*learner, state, n, task.support, scratch);
        ASSERT_EQ(served, reference(*learner->dot_product_items(), state.params, n, task.support))
            << name << ", user " << task.user << ", top " << n;
      }
      expect_same_lists(*learner->dot_product_items(), state.params, 10, task.support);
      TopNStats stats;
      (void)exact_top_n(*learner->dot_product_items(), state.params, 10, task.support,
                        best_quantized_kernel(), &stats);
      candidates += stats.candidates;
    }
    // The point of the first pass: a top 10 rescored from a few hundred items at most.
    EXPECT_LT(candidates / static_cast<Eigen::Index>(split.meta_train.size()), 500) << name;
  }
}

}  // namespace
}  // namespace metacf
