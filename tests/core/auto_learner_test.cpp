// metacf_auto: its choice reads only meta-training users, it does not fall below popularity
// where popularity is what there is to learn, and it serves from stored parameters.
#include "core/learners/auto/auto_learner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <iostream>
#include <map>
#include <numeric>

#include "core/data/dataset_loader.h"
#include "core/data/sample_generator.h"
#include "core/experiment/experiment_runner.h"
#include "core/learners/auto/auto_selection.h"
#include "core/learners/auto/blend_grid.h"
#include "core/learners/learner_factory.h"
#include "core/split/validation_holdout.h"
#include "tests/core/learner_synthetic.h"
#include "tests/core/synthetic_dataset.h"

namespace metacf {
namespace {

using testing_support::make_world;
using testing_support::SyntheticWorld;

nlohmann::json auto_config() {
  return {{"candidates", {"pop", "itemknn", "metacf_p_linear"}},
          {"candidate_configs",
           {{"metacf_p_linear",
             {{"alpha", 0.1}, {"beta", 0.01}, {"meta_epochs", 20}, {"batch_size", 32}}}}},
          {"steps", 2},
          {"seed", 5}};
}

std::unique_ptr<Learner> fit_auto(const SyntheticWorld& w, JobControl& job) {
  auto learner = make_learner("metacf_auto", auto_config());
  TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
  learner->fit(ctx, job);
  return learner;
}

std::vector<double> weights_of(const AutoChoice& choice) {
  std::vector<double> w;
  for (const auto& c : choice.candidates) w.push_back(c.weight);
  return w;
}

// Replaces every meta-test user's records, support and query by the items most popular among
// the training users, so that choosing on meta-test users would pick popularity.
SyntheticWorld with_popular_meta_test(const SyntheticWorld& w) {
  std::vector<int> counts(static_cast<std::size_t>(w.data.num_items()), 0);
  for (const auto& task : w.split.meta_train) {
    for (auto v : w.data.items_of(task.user)) ++counts[static_cast<std::size_t>(v)];
  }
  std::vector<std::int32_t> popular(counts.size());
  std::iota(popular.begin(), popular.end(), 0);
  std::stable_sort(popular.begin(), popular.end(), [&](std::int32_t a, std::int32_t b) {
    return counts[static_cast<std::size_t>(a)] > counts[static_cast<std::size_t>(b)];
  });
  popular.resize(12);

  SyntheticWorld out = w;
  std::vector<char> is_test(static_cast<std::size_t>(w.data.num_users()), 0);
  for (auto& task : out.split.meta_test) {
    is_test[static_cast<std::size_t>(task.user)] = 1;
    task.support.assign(popular.begin() + 10, popular.end());
    task.query.assign(popular.begin(), popular.begin() + 10);
  }
  out.data.user_items.clear();
  out.data.user_offsets = {0};
  for (std::int32_t u = 0; u < w.data.num_users(); ++u) {
    const auto items = w.data.items_of(u);
    if (is_test[static_cast<std::size_t>(u)]) {
      out.data.user_items.insert(out.data.user_items.end(), popular.begin(), popular.end());
      out.known[static_cast<std::size_t>(u)].assign(popular.begin(), popular.end());
      std::sort(out.known[static_cast<std::size_t>(u)].begin(),
                out.known[static_cast<std::size_t>(u)].end());
    } else {
      out.data.user_items.insert(out.data.user_items.end(), items.begin(), items.end());
    }
    out.data.user_offsets.push_back(static_cast<std::int64_t>(out.data.user_items.size()));
  }
  return out;
}

TEST(AutoLearnerTest, SimplexGridHoldsEveryVertexFirstAndSumsToOne) {
  const auto grid = simplex_grid(3, 10);
  EXPECT_EQ(grid.size(), 66u);  // C(12, 2)
  EXPECT_EQ(grid.front(), (std::vector<double>{1.0, 0.0, 0.0}));
  for (const auto& w : grid) EXPECT_NEAR(std::accumulate(w.begin(), w.end(), 0.0), 1.0, 1e-12);
  EXPECT_EQ(simplex_grid(1, 10).size(), 1u);
}

TEST(AutoLearnerTest, StandardisedScoresHaveMeanZeroAndUnitVarianceAndConstantsBecomeZero) {
  Eigen::VectorXf s(4);
  s << 1, 2, 3, 10;
  standardise(s);
  EXPECT_NEAR(s.mean(), 0.0, 1e-6);
  EXPECT_NEAR(s.squaredNorm() / 4, 1.0, 1e-5);
  EXPECT_LT(s[2], s[3]);
  Eigen::VectorXf c = Eigen::VectorXf::Constant(5, 7.0f);
  standardise(c);
  EXPECT_TRUE((c.array() == 0.0f).all());
}

TEST(AutoLearnerTest, ChoiceNeverReadsMetaTestUsers) {
  const SyntheticWorld honest = make_world(21, 300, 100);
  const SyntheticWorld adversarial = with_popular_meta_test(honest);
  JobControl job;
  const auto a = fit_auto(honest, job);
  const auto b = fit_auto(adversarial, job);
  const AutoChoice& choice = dynamic_cast<const AutoLearner&>(*a).choice();
  std::cout << "honest: " << choice.summary() << "\n";
  EXPECT_EQ(weights_of(choice), weights_of(dynamic_cast<const AutoLearner&>(*b).choice()));
  EXPECT_EQ(choice.hr, dynamic_cast<const AutoLearner&>(*b).choice().hr);
  const auto ta = a->parameters();
  const auto tb = b->parameters();
  ASSERT_EQ(ta.size(), tb.size());
  for (std::size_t i = 0; i < ta.size(); ++i) {
    EXPECT_EQ(ta[i].name, tb[i].name);
    EXPECT_EQ(ta[i].values, tb[i].values) << ta[i].name;
  }

  // The test could fail: the same candidates choosing on the adversarial meta-test users pick
  // something else (popularity).
  std::vector<std::unique_ptr<Learner>> candidates;
  std::vector<const Learner*> pointers;
  const nlohmann::json config = auto_config();
  const std::vector<std::string> names = config["candidates"];
  for (const auto& name : names) {
    nlohmann::json c = config["candidate_configs"].value(name, nlohmann::json::object());
    if (name != "pop" && name != "itemknn") {
      c["steps"] = 2;
      c["seed"] = 5;
    }
    candidates.push_back(make_learner(name, c));
    TrainingContext ctx{adversarial.data,   adversarial.split, adversarial.Q,
                        &adversarial.known, nullptr,           1};
    candidates.back()->fit(ctx, job);
    pointers.push_back(candidates.back().get());
  }
  SelectionOptions options;
  options.num_items = adversarial.data.num_items();
  options.steps = 2;
  const AutoChoice cheating =
      choose_blend(pointers, names, adversarial.split.meta_test, options, job);
  std::cout << "on meta-test users: " << cheating.summary() << "\n";
  EXPECT_NE(weights_of(cheating), weights_of(choice));
  EXPECT_GT(cheating.candidates[0].weight, 0.0);  // pop
}

TEST(AutoLearnerTest, ReportsPhasesAndTheChoiceAndIsDeterministic) {
  const SyntheticWorld w = make_world(22, 200, 50);
  std::vector<Progress> done;
  JobControl job([&](const Progress& p) {
    if (p.epoch_done) done.push_back(p);
    return true;
  });
  const auto a = fit_auto(w, job);
  ASSERT_EQ(done.size(), 5u * 3u + 1u);  // three candidates in each of five folds, then the choice
  for (const auto& p : done) EXPECT_EQ(p.learner, "metacf_auto");
  EXPECT_NE(done.back().message.find("chose"), std::string::npos) << done.back().message;
  EXPECT_TRUE(std::isfinite(done.back().val_hr));
  const auto config = a->config();
  ASSERT_TRUE(config.contains("choice"));
  EXPECT_EQ(config["choice"]["summary"], dynamic_cast<const AutoLearner&>(*a).choice().summary());
  EXPECT_EQ(config["choice"]["validation"].size(), 3u);

  JobControl quiet;
  const auto b = fit_auto(w, quiet);
  const auto ta = a->parameters();
  const auto tb = b->parameters();
  ASSERT_EQ(ta.size(), tb.size());
  for (std::size_t i = 0; i < ta.size(); ++i) EXPECT_EQ(ta[i].values, tb[i].values) << ta[i].name;
}

TEST(AutoLearnerTest, StoredParametersServeTheSameScores) {
  const SyntheticWorld w = make_world(23, 200, 20);
  JobControl job;
  const auto trained = fit_auto(w, job);
  auto restored = make_learner("metacf_auto", auto_config());
  restored->load_parameters(trained->parameters(), w.Q);
  EXPECT_EQ(dynamic_cast<const AutoLearner&>(*restored).choice().summary(),
            dynamic_cast<const AutoLearner&>(*trained).choice().summary());
  const std::vector<std::int32_t> support{1, 44, 97};
  Rng ra(3), rb(3);
  const auto sa = trained->adapt(support, 2, ra);
  const auto sb = restored->adapt(support, 2, rb);
  ASSERT_EQ(sa.size(), 3u);
  ASSERT_EQ(sb.size(), 3u);
  Eigen::VectorXf x(w.Q->rows()), y(w.Q->rows());
  for (std::size_t k = 0; k < sa.size(); ++k) {
    EXPECT_TRUE((sa[k].params.array() == sb[k].params.array()).all()) << "step " << k;
    trained->score(sa[k], x);
    restored->score(sb[k], y);
    EXPECT_TRUE((x.array() == y.array()).all()) << "step " << k;
    EXPECT_TRUE(x.allFinite());
  }
  std::vector<NamedTensor> no_choice;
  EXPECT_THROW(restored->load_parameters(no_choice, w.Q), std::runtime_error);
}

TEST(AutoLearnerTest, StopsWhenCancelledAndRejectsTooFewUsers) {
  const SyntheticWorld w = make_world(24, 200, 20);
  auto learner = make_learner("metacf_auto", auto_config());
  TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
  int reports = 0;
  JobControl job([&](const Progress&) { return ++reports < 3; });
  EXPECT_THROW(learner->fit(ctx, job), Cancelled);
  EXPECT_EQ(reports, 3);

  const SyntheticWorld tiny = make_world(25, 3, 5);
  TrainingContext tiny_ctx{tiny.data, tiny.split, tiny.Q, &tiny.known, nullptr, 1};
  JobControl quiet;
  EXPECT_THROW(learner->fit(tiny_ctx, quiet), std::invalid_argument);
  EXPECT_THROW(make_learner("metacf_auto", {{"candidates", {"pop", "metacf_auto"}}}),
               std::invalid_argument);
}

// The runner holds 10% of the meta-training users out of ctx.split for validation curves; the
// choice scores them too, each by fits that never saw her.
TEST(AutoLearnerTest, ScoresEveryMetaTrainingUserTheRunnersHoldOutIncluded) {
  const SyntheticWorld w = make_world(26, 200, 30);
  Split reduced = w.split;
  std::vector<Task> held;
  hold_out_validation(reduced, 0.1, 3, held, 1000);
  ASSERT_FALSE(held.empty());
  auto learner = make_learner("metacf_auto", auto_config());
  TrainingContext ctx{w.data, reduced, w.Q, &w.known, nullptr, 1};
  ctx.all_meta_train = &w.split.meta_train;
  JobControl job;
  learner->fit(ctx, job);
  EXPECT_EQ(dynamic_cast<const AutoLearner&>(*learner).choice().validation_users,
            static_cast<std::int64_t>(w.split.meta_train.size()));

  auto without = make_learner("metacf_auto", auto_config());
  TrainingContext reduced_ctx{w.data, reduced, w.Q, &w.known, nullptr, 1};
  without->fit(reduced_ctx, job);
  EXPECT_EQ(dynamic_cast<const AutoLearner&>(*without).choice().validation_users,
            static_cast<std::int64_t>(reduced.meta_train.size()));
}

// Paired per-user difference (a - b) of HR: mean and standard error.
std::pair<double, double> paired_difference(const ResultRecord& a, const ResultRecord& b) {
  const auto n = static_cast<double>(a.per_user.size());
  std::vector<double> d;
  for (std::size_t i = 0; i < a.per_user.size(); ++i)
    d.push_back(a.per_user[i].hr - b.per_user[i].hr);
  const double mean = std::accumulate(d.begin(), d.end(), 0.0) / n;
  double ss = 0;
  for (double x : d) ss += (x - mean) * (x - mean);
  return {mean, std::sqrt(ss / (n - 1) / n)};
}

// Few pretraining users (5 %) and clicks driven mostly by popularity: popularity is what there
// is to learn, and metacf_auto must not fall below it.
TEST(AutoLearnerTest, DoesNotFallBelowPopularityWhenPopularityDominates) {
  SampleConfig sample;
  sample.users = 600;
  sample.items = 800;
  sample.records = 24000;
  sample.favourite_share = 0.2;
  sample.popularity_exponent = 1.0;
  sample.seed = 7;
  const SampleData generated = generate_sample(sample);
  std::vector<std::vector<std::int32_t>> rows(static_cast<std::size_t>(sample.users));
  for (const auto& r : generated.records) rows[static_cast<std::size_t>(r.user)].push_back(r.item);
  const Dataset data = testing::dataset_from_rows(rows, sample.items);

  ExperimentConfig config;
  config.split.pretrain_ratio = 1.0;
  config.split.meta_train_ratio = 9.5;
  config.split.meta_test_ratio = 9.5;
  config.pretrain.max_epochs = 10;
  config.learners = {"pop", "metacf_auto"};
  config.ks = {5};
  config.seeds = {1, 2};
  nlohmann::json auto_settings = auto_config();
  auto_settings.erase("steps");
  auto_settings.erase("seed");
  config.learner_configs["metacf_auto"] = auto_settings;
  // Prints each choice, so a failure says what was chosen.
  struct ChoicePrinter final : ExperimentObserver {
    void on_learner_fitted(std::uint64_t seed, int, const Learner& l) override {
      if (const auto* a = dynamic_cast<const AutoLearner*>(&l)) {
        std::cout << "seed " << seed << ": " << a->choice().summary() << "\n";
      }
    }
  } printer;
  JobControl job;
  const auto results = run_experiment({data}, config, job, &printer);
  for (const std::uint64_t seed : config.seeds) {
    const ResultRecord* pop = nullptr;
    const ResultRecord* blended = nullptr;
    for (const auto& r : results) {
      if (r.seed != seed) continue;
      (r.learner == "pop" ? pop : blended) = &r;
    }
    ASSERT_TRUE(pop && blended);
    const auto [mean, se] = paired_difference(*blended, *pop);
    std::cout << "seed " << seed << ": pop HR " << pop->hr << ", metacf_auto HR " << blended->hr
              << ", difference " << mean << " +- " << se << "\n";
    EXPECT_GE(mean, -2 * se) << "seed " << seed;
  }
}

// On the bundled sample with every default setting but two folds instead of five (each fold
// meta-trains every candidate once; five made this test minutes long on a busy machine):
// metacf_auto is at least as good as the best single candidate, within noise (paired over the
// same meta-test users).
TEST(AutoLearnerTest, OnTheSampleIsAtLeastTheBestSingleCandidateWithinNoise) {
  const Dataset data = load_dataset(std::string(METACF_SAMPLE_DIR) + "/ratings.csv");
  ExperimentConfig config;
  config.learners = AutoConfig().candidates;
  config.learners.push_back("metacf_auto");
  config.learner_configs["metacf_auto"] = {{"folds", 2}};
  config.ks = {5};
  config.seeds = {1};
  JobControl job;
  const auto results = run_experiment({data}, config, job);
  const ResultRecord& blended = results.back();
  ASSERT_EQ(blended.learner, "metacf_auto");
  for (const auto& r : results) {
    if (&r == &blended) continue;
    const auto [mean, se] = paired_difference(blended, r);
    std::cout << "metacf_auto HR " << blended.hr << " vs " << r.learner << " " << r.hr
              << ": difference " << mean << " +- " << se << "\n";
    EXPECT_GE(mean, -2 * se) << r.learner;
  }
}

}  // namespace
}  // namespace metacf
