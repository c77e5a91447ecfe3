// On the bundled sample, with the default settings a user gets: every meta learner ranks far
// above random, and the personalised MetaCF learners beat BPR at K = 1 (the paper's claim).
#include <gtest/gtest.h>
#include <omp.h>

#include <map>

#include "core/data/dataset_loader.h"
#include "core/experiment/experiment_runner.h"

namespace metacf {
namespace {

const std::string kSample = METACF_SAMPLE_DIR;

TEST(SampleLearningTest, MetaLearnersBeatRandomAndPersonalisedBeatBprAtK1) {
  const Dataset data = load_dataset(kSample + "/ratings.csv");
  ExperimentConfig config;
  config.learners = {"bpr", "melu", "metacf_g", "metacf_p_linear", "metacf_p_neural"};
  config.ks = {1};
  config.seeds = {1};
  JobControl job;
  std::map<std::string, double> hr;
  for (const auto& r : run_experiment({data}, config, job)) hr[r.learner] = r.hr;
  // A random top-10 of ~1,500 items holds a query item with probability about 10 / 1,500.
  const double random_hr = 10.0 / data.num_items();
  for (const auto& [learner, value] : hr) EXPECT_GT(value, 5 * random_hr) << learner;
  EXPECT_GT(hr["metacf_p_linear"], hr["bpr"]);
  EXPECT_GT(hr["metacf_p_neural"], hr["bpr"]);
}

TEST(SampleLearningTest, SerialAndParallelRunsGiveIdenticalNumbers) {
  const Dataset data = load_dataset(kSample + "/ratings.csv");
  ExperimentConfig config;
  config.learners = {"itemknn", "bpr", "metacf_p_neural"};
  config.ks = {2};
  config.pretrain.max_epochs = 5;
  config.learner_configs["metacf_p_neural"] = {{"meta_epochs", 5}, {"meta_gradient", "exact"}};
  JobControl job;
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const auto serial = run_experiment({data}, config, job);
  omp_set_num_threads(2);
  const auto parallel = run_experiment({data}, config, job);
  omp_set_num_threads(threads);
  ASSERT_EQ(serial.size(), parallel.size());
  for (std::size_t i = 0; i < serial.size(); ++i) {
    EXPECT_EQ(serial[i].hr, parallel[i].hr) << serial[i].learner;
    EXPECT_EQ(serial[i].ndcg, parallel[i].ndcg) << serial[i].learner;
    ASSERT_EQ(serial[i].per_user.size(), parallel[i].per_user.size());
    for (std::size_t u = 0; u < serial[i].per_user.size(); ++u) {
      EXPECT_EQ(serial[i].per_user[u].hr, parallel[i].per_user[u].hr);
    }
  }
}

}  // namespace
}  // namespace metacf
