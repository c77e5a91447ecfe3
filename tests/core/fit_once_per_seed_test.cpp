// Learners whose fit does not depend on K are fitted once per seed and evaluated at every K:
// the results must be those of fitting them anew at each K, and the store must still find a
// fit under every K.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/experiment/experiment_runner.h"
#include "core/learners/learner_factory.h"
#include "core/learners/registry.h"
#include "tests/core/synthetic_dataset.h"

namespace metacf {
namespace {

ExperimentConfig config_with(std::vector<int> ks) {
  ExperimentConfig c;
  c.learners = {"pop", "itemknn", "itemknn_q", "ease", "bpr", "metacf_g"};
  c.ks = std::move(ks);
  c.seeds = {4};
  c.pretrain.dim = 8;
  c.pretrain.max_epochs = 10;
  c.pretrain.patience = 3;
  c.pretrain.lr = 2e-2;
  c.learner_configs = {{"metacf_g", {{"meta_epochs", 6}}}};
  return c;
}

struct FitRecorder : ExperimentObserver {
  // (learner, K) -> the parameters it was stored with
  std::map<std::pair<std::string, int>, std::vector<NamedTensor>> fitted;
  std::map<std::pair<std::string, int>, int> curve_points;
  void on_learner_fitted(std::uint64_t, int k, const Learner& learner) override {
    EXPECT_EQ(fitted.count({learner.name(), k}), 0u) << learner.name() << " K=" << k;
    fitted[{learner.name(), k}] = learner.parameters();
  }
  void on_curve_point(const CurvePoint& p) override {
    if (!p.learner.empty()) ++curve_points[{p.learner, p.k}];
  }
};

bool fit_ignores_k(const std::string& name) {
  return describe_learner(name).capabilities.fit_independent_of_k;
}

TEST(FitOncePerSeedTest, ResultsAtEachKAreThoseOfARunAtThatKAlone) {
  const Dataset data = testing::clustered_dataset(300, 120, 5, 5, 30, 21);
  JobControl job;
  const auto both = run_experiment({data}, config_with({1, 3}), job);
  std::vector<ResultRecord> alone = run_experiment({data}, config_with({1}), job);
  for (auto& r : run_experiment({data}, config_with({3}), job)) alone.push_back(std::move(r));
  ASSERT_EQ(both.size(), alone.size());
  for (const auto& r : both) {
    const auto match = std::find_if(alone.begin(), alone.end(), [&](const ResultRecord& a) {
      return a.learner == r.learner && a.k == r.k;
    });
    ASSERT_NE(match, alone.end()) << r.learner << " K=" << r.k;
    EXPECT_EQ(r.hr, match->hr) << r.learner << " K=" << r.k;
    EXPECT_EQ(r.ndcg, match->ndcg) << r.learner << " K=" << r.k;
    ASSERT_EQ(r.per_user.size(), match->per_user.size());
    for (std::size_t u = 0; u < r.per_user.size(); ++u) {
      EXPECT_EQ(r.per_user[u].hr, match->per_user[u].hr) << r.learner << " user " << u;
    }
  }
}

TEST(FitOncePerSeedTest, AFitThatIgnoresKIsMadeOnceAndStoredUnderEveryK) {
  const Dataset data = testing::clustered_dataset(300, 120, 5, 5, 30, 22);
  std::map<std::string, int> fits;  // "fitted" reports of the counting learners, by learner
  JobControl job([&](const Progress& p) {
    if (p.stage == Stage::kFit && !p.learner.empty() && p.fraction == 1.0) ++fits[p.learner];
    return true;
  });
  FitRecorder recorder;
  const ExperimentConfig config = config_with({1, 3, 5});
  run_experiment({data}, config, job, &recorder);
  for (const auto& name : config.learners) {
    for (int k : config.ks) {
      ASSERT_EQ(recorder.fitted.count({name, k}), 1u) << name << " K=" << k;
      if (fit_ignores_k(name)) {
        const auto& first = recorder.fitted.at({name, 1});
        const auto& here = recorder.fitted.at({name, k});
        ASSERT_EQ(first.size(), here.size()) << name;
        for (std::size_t t = 0; t < first.size(); ++t) EXPECT_EQ(first[t].values, here[t].values);
      }
    }
    if (fit_ignores_k(name)) {
      EXPECT_EQ(fits[name], 1) << name << " fitted more than once";
    }
  }
  // A learner fitted per K keeps its own curve at each K.
  for (int k : config.ks) EXPECT_GT((recorder.curve_points[{"metacf_g", k}]), 0) << "K=" << k;
}

TEST(FitOncePerSeedTest, LearnersDeclaringItAreBuiltTheSameWhateverK) {
  int declaring = 0;
  for (const auto& name : learner_names()) {
    if (!fit_ignores_k(name)) continue;
    ++declaring;
    EXPECT_EQ(make_learner(name, nlohmann::json::object(), 1, 7)->config(),
              make_learner(name, nlohmann::json::object(), 5, 7)->config())
        << name;
  }
  EXPECT_GE(declaring, 4);  // pop, itemknn, itemknn_q, ease
}

}  // namespace
}  // namespace metacf
