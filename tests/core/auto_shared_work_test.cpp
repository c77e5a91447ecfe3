// metacf_auto's shared fold work (validation ranked once for every fold, folds fitted side by
// side) must choose and serve exactly what fitting every fold on its own does: the reference
// path is the same learner with the sharing switched off, recomputed here, never stored numbers.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <string>

#include "core/data/dataset_loader.h"
#include "core/data/known_items.h"
#include "core/eval/evaluator.h"
#include "core/learners/auto/auto_learner.h"
#include "core/learners/auto/auto_shared_validation.h"
#include "core/learners/learner_factory.h"
#include "core/split/split.h"
#include "core/train/pretrain.h"
#include "tests/core/learner_synthetic.h"

namespace metacf {
namespace {

std::unique_ptr<Learner> fit_auto(const TrainingContext& ctx, const nlohmann::json& config,
                                  bool share) {
  auto learner = make_learner("metacf_auto", config);
  dynamic_cast<AutoLearner&>(*learner).set_share_fold_work(share);
  JobControl job;
  learner->fit(ctx, job);
  return learner;
}

// Every default candidate (bpr tunes its step size, ease solves densely) on the bundled sample,
// with the run's pretrained item matrix.
TEST(AutoSharedWorkTest, SharedFoldWorkChoosesAndServesExactlyAsEveryFoldAlone) {
  const Dataset data = load_dataset(std::string(METACF_SAMPLE_DIR) + "/ratings.csv");
  const Split split = make_split(data, SplitConfig{});
  PretrainConfig pretrain_config;
  pretrain_config.max_epochs = 20;
  JobControl quiet;
  const auto Q =
      std::make_shared<const Eigen::MatrixXf>(pretrain(data, split, pretrain_config, quiet).Q);
  const auto known = sorted_items_by_user(data);
  const TrainingContext ctx{data, split, Q, &known, nullptr, 1};
  // Fewer meta-epochs than the default 100 keep it quick; every candidate still meta-trains.
  const nlohmann::json short_training = {{"meta_epochs", 25}};
  // No margin for a blend, so that a blend (several components refitted side by side) is chosen.
  const nlohmann::json config = {{"folds", 3},
                                 {"min_gain_se", 0.0},
                                 {"steps", 3},
                                 {"seed", 4},
                                 {"candidate_configs",
                                  {{"metacf_g", short_training},
                                   {"metacf_p_linear", short_training},
                                   {"metacf_p_neural", short_training}}}};

  const auto shared = fit_auto(ctx, config, true);
  const auto reference = fit_auto(ctx, config, false);
  const AutoChoice& a = dynamic_cast<const AutoLearner&>(*shared).choice();
  const AutoChoice& b = dynamic_cast<const AutoLearner&>(*reference).choice();
  std::cout << "shared: " << a.summary() << "\nreference: " << b.summary() << "\n";
  EXPECT_EQ(a.summary(), b.summary());
  EXPECT_EQ(a.hr, b.hr);
  EXPECT_EQ(a.ndcg, b.ndcg);
  ASSERT_EQ(a.candidates.size(), b.candidates.size());
  ASSERT_EQ(a.candidates.size(), AutoConfig().candidates.size());
  for (std::size_t i = 0; i < a.candidates.size(); ++i) {
    EXPECT_EQ(a.candidates[i].name, b.candidates[i].name);
    EXPECT_EQ(a.candidates[i].weight, b.candidates[i].weight) << a.candidates[i].name;
    EXPECT_EQ(a.candidates[i].hr, b.candidates[i].hr) << a.candidates[i].name;
    EXPECT_EQ(a.candidates[i].ndcg, b.candidates[i].ndcg) << a.candidates[i].name;
  }
  const auto ta = shared->parameters();
  const auto tb = reference->parameters();
  ASSERT_EQ(ta.size(), tb.size());
  for (std::size_t i = 0; i < ta.size(); ++i) {
    EXPECT_EQ(ta[i].name, tb[i].name);
    EXPECT_EQ(ta[i].values, tb[i].values) << ta[i].name;
  }

  EvaluationOptions options;
  options.num_items = data.num_items();
  options.steps = 3;
  const Evaluation ea = evaluate(*shared, split.meta_test, options);
  const Evaluation eb = evaluate(*reference, split.meta_test, options);
  EXPECT_EQ(ea.hr, eb.hr);
  EXPECT_EQ(ea.ndcg, eb.ndcg);
  ASSERT_EQ(ea.per_user.size(), eb.per_user.size());
  for (std::size_t i = 0; i < ea.per_user.size(); ++i) {
    EXPECT_EQ(ea.per_user[i].hr, eb.per_user[i].hr) << "user " << i;
  }
}

// A fold's score from the shared ranking is evaluate()'s on the fold's users, bit for bit, and a
// learner state is ranked once however many folds ask for it.
TEST(AutoSharedWorkTest, SharedValidationEqualsEvaluatingEachFold) {
  const auto w = testing_support::make_world(31, 300, 40);
  auto bpr = make_learner("bpr", {{"steps", 3}, {"select_step_size", false}});
  const TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
  JobControl job;
  bpr->fit(ctx, job);
  EvaluationOptions options;
  options.num_items = w.data.num_items();
  options.steps = 3;
  options.seed = 77;
  SharedValidation shared(w.split.meta_train, options);
  const auto& users = w.split.meta_train;
  for (int f = 0; f < 3; ++f) {
    std::vector<Task> fold;
    for (std::size_t i = 0; i < users.size(); ++i) {
      if (static_cast<int>(i % 3) != f) fold.push_back(users[i]);
    }
    const ValidationScore s = shared.score(*bpr, fold, job);
    const Evaluation e = evaluate(*bpr, fold, options);
    EXPECT_EQ(s.hr, e.hr) << "fold " << f;
    EXPECT_EQ(s.ndcg, e.ndcg) << "fold " << f;
  }
  EXPECT_EQ(shared.states_ranked(), 1u);
  // A task that is not one of the users' own is ranked directly, not looked up.
  std::vector<Task> other{users.front()};
  other.front().support = {other.front().query.front()};
  const ValidationScore s = shared.score(*bpr, other, job);
  const Evaluation e = evaluate(*bpr, other, options);
  EXPECT_EQ(s.hr, e.hr);
  EXPECT_EQ(shared.states_ranked(), 1u);
}

}  // namespace
}  // namespace metacf
