// MeLU's catalogue scoring (the item half of the first layer cached once, the rest in the
// scoring kernel, groups of items at a time) against the MLP evaluated item by item in double,
// at hidden widths that take each kernel path: one 16-float lane, four, and past the AVX-512
// kernel's register budget (the portable code).
#include <gtest/gtest.h>

#include <memory>

#include "core/learners/melu/melu_item_scorer.h"
#include "core/learners/melu/melu_learner.h"
#include "core/util/rng.h"

namespace metacf {
namespace {

NamedTensor random_tensor(const std::string& name, std::int64_t rows, std::int64_t cols, Rng& rng) {
  NamedTensor t{name, rows, cols, {}};
  for (std::int64_t i = 0; i < rows * cols; ++i)
    t.values.push_back(static_cast<float>(0.4 * rng.normal()));
  return t;
}

class MeluScoringTest : public ::testing::TestWithParam<Eigen::Index> {};

TEST_P(MeluScoringTest, CatalogueScoresEqualTheMlpItemByItem) {
  constexpr Eigen::Index kItems = 1001;  // not a whole number of item groups
  constexpr Eigen::Index kDim = 6;
  const Eigen::Index kHidden = GetParam();
  Rng rng(11);
  auto Q = std::make_shared<Eigen::MatrixXf>(kItems, kDim);
  for (Eigen::Index i = 0; i < Q->size(); ++i) Q->data()[i] = static_cast<float>(rng.normal());
  const std::vector<NamedTensor> tensors{
      random_tensor("W1", kHidden, 2 * kDim, rng), random_tensor("b1", kHidden, 1, rng),
      random_tensor("W2", kHidden, kHidden, rng),  random_tensor("b2", kHidden, 1, rng),
      random_tensor("w3", kHidden, 1, rng),        random_tensor("b3", 1, 1, rng)};
  MetaConfig config;
  config.init_std = 0.5;  // a user embedding that matters
  MeluLearner melu(config);
  melu.load_parameters(tensors, Q);

  Rng adapt_rng(3);
  const std::vector<std::int32_t> support{4, 500, 999};
  const UserState state = melu.adapt(support, 3, adapt_rng).back();
  Eigen::VectorXf scores(kItems);
  melu.score(state, scores);

  const Eigen::Index ls = melu.shape().local_size();
  const Eigen::VectorXd local = state.params.head(ls).cast<double>();
  const Eigen::VectorXd p_u = state.params.tail(kDim).cast<double>();
  // The input layer is global: read it from the learner's flat (column-major) parameters.
  const Eigen::VectorXd global = melu.params().head(melu.shape().global_size()).cast<double>();
  const Eigen::Map<const Eigen::MatrixXd> W1(global.data(), kHidden, 2 * kDim);
  const Eigen::Map<const Eigen::VectorXd> b1(global.data() + kHidden * 2 * kDim, kHidden);
  const Eigen::Map<const Eigen::MatrixXd> W2(local.data(), kHidden, kHidden);
  const Eigen::Map<const Eigen::VectorXd> b2(local.data() + kHidden * kHidden, kHidden);
  const Eigen::Map<const Eigen::VectorXd> w3(local.data() + kHidden * kHidden + kHidden, kHidden);
  const double b3 = local[kHidden * kHidden + 2 * kHidden];
  double largest = 0;
  for (Eigen::Index v = 0; v < kItems; ++v) {
    Eigen::VectorXd x(2 * kDim);
    x << p_u, Q->row(v).transpose().cast<double>();
    const Eigen::VectorXd h1 = (W1 * x + b1).cwiseMax(0.0);
    const double logit = (W2 * h1 + b2).cwiseMax(0.0).dot(w3) + b3;
    EXPECT_NEAR(scores[v], logit, 1e-4 * (1.0 + std::abs(logit))) << v;
    largest = std::max(largest, std::abs(logit));
  }
  EXPECT_GT(largest, 0.1);  // not a comparison of zeros
}

// Any subset of the items gets exactly the scores they have in the whole catalogue.
TEST_P(MeluScoringTest, ChosenItemsScoreAsInTheWholeCatalogue) {
  const Eigen::Index hidden = GetParam();
  constexpr Eigen::Index kItems = 203;
  Rng rng(5);
  Eigen::MatrixXf items(hidden, kItems), local_params(hidden * hidden + 2 * hidden + 1, 1);
  for (Eigen::Index i = 0; i < items.size(); ++i)
    items.data()[i] = static_cast<float>(rng.normal());
  for (Eigen::Index i = 0; i < local_params.size(); ++i) {
    local_params.data()[i] = static_cast<float>(0.3 * rng.normal());
  }
  Eigen::VectorXf user(hidden);
  for (Eigen::Index i = 0; i < hidden; ++i) user[i] = static_cast<float>(0.2 * rng.normal());
  const MeluHead head(hidden, local_params.data(), user);
  std::vector<float> all(kItems);
  melu_score_range(head, items, 0, all);
  const std::vector<std::int32_t> ids{202, 0, 17, 17, 101, 5, 64};
  std::vector<float> chosen(ids.size());
  melu_score_items(head, items, ids, chosen);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(chosen[i], all[static_cast<std::size_t>(ids[i])]) << ids[i];
  }
  std::vector<float> tail(3);
  melu_score_range(head, items, 200, tail);
  for (std::size_t i = 0; i < tail.size(); ++i) EXPECT_EQ(tail[i], all[200 + i]);
}

INSTANTIATE_TEST_SUITE_P(HiddenWidths, MeluScoringTest, ::testing::Values(7, 64, 130));

}  // namespace
}  // namespace metacf
