// The served top N against the float ranking on every meta-test user of the real MovieLens
// 100K, with its pretrained item matrix, when the shared copy is present (its licence keeps it
// out of the repo).
#include <gtest/gtest.h>

#include <filesystem>

#include "core/data/dataset_loader.h"
#include "core/data/known_items.h"
#include "core/eval/ranking.h"
#include "core/eval/serve_top_n.h"
#include "core/learners/learner_factory.h"
#include "core/split/split.h"
#include "core/train/pretrain.h"

namespace metacf {
namespace {

TEST(ExactTopNMovieLensTest, EveryMetaTestUserOfMovieLens100KGetsTheFloatRanking) {
  const std::string path = std::string(METACF_SHARED_DATASETS_DIR) + "/ml-100k/u.data";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  const Dataset data = load_dataset(path);
  const Split split = make_split(data, SplitConfig{});
  JobControl quiet;
  const auto Q =
      std::make_shared<const Eigen::MatrixXf>(pretrain(data, split, PretrainConfig{}, quiet).Q);
  const auto known = sorted_items_by_user(data);
  const TrainingContext ctx{data, split, Q, &known, nullptr, 1};
  ASSERT_GT(split.meta_test.size(), 200u);
  Eigen::VectorXf scores(data.num_items());
  for (const char* name : {"metacf_p_neural", "metacf_p_linear+bias", "bpr"}) {
    auto learner = make_learner(name, {{"steps", 5}, {"meta_epochs", 20}});
    JobControl job;
    learner->fit(ctx, job);
    const DotProductItems* items = learner->dot_product_items();
    ASSERT_NE(items, nullptr) << name;
    ASSERT_FALSE(items->quantized().empty()) << name;
    for (const Task& task : split.meta_test) {
      Rng rng(static_cast<std::uint64_t>(task.user));
      const UserState state = learner->adapt(task.support, 5, rng).back();
      learner->score(state, scores);
      for (int n : {10, 50}) {
        const auto expected = top_k(scores, n, task.support);
        const auto served = serve_top_n(*learner, state, n, task.support, scores);
        ASSERT_EQ(served.size(), expected.size()) << name << ", user " << task.user;
        for (std::size_t i = 0; i < served.size(); ++i) {
          ASSERT_EQ(served[i].item, expected[i])
              << name << ", user " << task.user << ", rank " << i;
          ASSERT_EQ(served[i].score, scores[expected[i]]) << name << ", user " << task.user;
        }
        for (auto kernel : {QuantizedKernel::kPortable, QuantizedKernel::kAvx2}) {
          if (!quantized_kernel_available(kernel)) continue;
          const auto other = exact_top_n(*items, state.params, n, task.support, kernel);
          ASSERT_EQ(other, served) << name << ", " << quantized_kernel_name(kernel);
        }
      }
    }
  }
}

}  // namespace
}  // namespace metacf
