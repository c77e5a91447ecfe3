// The memory estimate: each stage's term grows with the setting it names, the largest one is
// what a refusal names, and the defaults fit a small budget on MovieLens 100K's shape.
#include "core/experiment/memory_estimate.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/experiment/experiment_config.h"

namespace metacf {
namespace {

const DataShape kMl100k{943, 1682, 100000};
// A two-core machine's threads, so that the terms compared here do not depend on this one's.
constexpr int kThreads = 2;

std::string refusal(const ExperimentConfig& c, std::int64_t budget_mib) {
  try {
    check_memory_budget(estimate_memory(c, kMl100k, kThreads), budget_mib);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(MemoryEstimateTest, DefaultsOnMovieLens100kFitAGigabyte) {
  ExperimentConfig c;
  const MemoryEstimate e = estimate_memory(c, kMl100k, kThreads);
  EXPECT_GT(e.peak_bytes(), 64.0 * 1024 * 1024);  // at least the process's own share
  EXPECT_EQ(refusal(c, 1024), "");
}

TEST(MemoryEstimateTest, PretrainingBatchGrowsWithNegativesAndIsNamed) {
  ExperimentConfig c;
  const double before = estimate_memory(c, kMl100k, kThreads).peak_bytes();
  c.pretrain.negatives = 1000;
  c.pretrain.batch_size = 1000000;
  const MemoryEstimate e = estimate_memory(c, kMl100k, kThreads);
  EXPECT_GT(e.peak_bytes(), before * 10);
  EXPECT_EQ(e.largest_stage().stage, "pretraining");
  // Never below what the batch itself holds: all 10^5 records x 1,001 pairs of 12 B.
  EXPECT_GE(e.largest_stage().bytes, 1e5 * 1001 * 12);
  const std::string text = refusal(c, 1024);
  EXPECT_NE(text.find("exceeds the budget of 1024 MiB"), std::string::npos) << text;
  EXPECT_NE(text.find("pretrain.negatives"), std::string::npos) << text;
}

TEST(MemoryEstimateTest, SampledCandidatesAndDenseEaseAreTheirStagesTerms) {
  ExperimentConfig c;
  c.protocol = Protocol::kSampled;
  c.sampled_candidates = 100000;
  c.split.max_selected = 100000;
  EXPECT_EQ(estimate_memory(c, kMl100k, kThreads).largest_stage().stage, "evaluation");
  EXPECT_NE(refusal(c, 4096).find("lower sampled_candidates"), std::string::npos);

  ExperimentConfig e;
  e.learners = {"ease"};
  e.learner_configs["ease"] = {{"mode", "dense"}};
  const DataShape wide{1000, 60000, 1000000};
  const MemoryEstimate m = estimate_memory(e, wide, kThreads);
  EXPECT_EQ(m.largest_stage().stage, "ease");
  EXPECT_GE(m.largest_stage().bytes, 60000.0 * 60000.0 * 4);  // the n x n float matrix
}

// A task never selects more records than the data set has: a huge max_selected on a small set
// is not what the estimate blames.
TEST(MemoryEstimateTest, TaskSizeIsCappedByTheDataSetsRecords) {
  ExperimentConfig c;
  c.learners = {"metacf_g"};
  const DataShape tiny{50, 40, 500};
  const auto meta_training = [&] {
    for (const MemoryTerm& t : estimate_memory(c, tiny, kThreads).stages) {
      if (t.stage == "metacf_g") return t.bytes;
    }
    return -1.0;
  };
  c.split.max_selected = 1000;
  const double at_data = meta_training();
  c.split.max_selected = 100000;
  EXPECT_EQ(meta_training(), at_data);
  c.split.max_selected = 2;
  EXPECT_LT(meta_training(), at_data);
}

// A many-core machine's threads each hold a stack, an arena and a row of scores: measured at
// about 1.2 MiB a thread on the bundled sample (cli_memory_test measures it on this machine).
// metacf_auto keeps every fold's fitted candidates (a dense ease's n x n matrix each) and fits
// up to one fold per thread at once.
TEST(MemoryEstimateTest, AutoHoldsEveryFoldsCandidatesAndItsConcurrentFits) {
  const DataShape shape{30000, 9724, 300000};
  auto auto_term = [&](const ExperimentConfig& c, int threads) {
    for (const auto& t : estimate_memory(c, shape, threads).stages) {
      if (t.stage == "metacf_auto") return t.bytes;
    }
    return 0.0;
  };
  ExperimentConfig c;
  c.learners = {"metacf_auto"};
  c.learner_configs["metacf_auto"] = {{"folds", 5},
                                      {"candidate_configs", {{"ease", {{"mode", "dense"}}}}}};
  const double dense = 9724.0 * 9724.0 * 4;
  const double five = auto_term(c, 2);
  EXPECT_GE(five, 5 * dense + 2 * 3 * dense);
  EXPECT_GT(auto_term(c, 4), five);             // four folds at once instead of two
  EXPECT_EQ(auto_term(c, 8), auto_term(c, 5));  // never more at once than there are folds
  c.learner_configs["metacf_auto"]["folds"] = 2;
  EXPECT_GE(five - auto_term(c, 2), 3 * dense);  // three fewer folds keep three fewer B
  c.learner_configs["metacf_auto"]["folds"] = 5;
  c.learner_configs["metacf_auto"]["candidates"] = {"pop", "itemknn"};
  EXPECT_LT(auto_term(c, 2), dense);
  c.learner_configs["metacf_auto"]["candidates"] = {"ease"};
  const std::string text = [&] {
    try {
      check_memory_budget(estimate_memory(c, shape, 2), 1024);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string();
  }();
  EXPECT_NE(text.find("learner_configs.metacf_auto.folds"), std::string::npos) << text;
}

TEST(MemoryEstimateTest, EachWorkerThreadAddsItsShareToTheBase) {
  ExperimentConfig c;
  const double two = estimate_memory(c, kMl100k, 2).peak_bytes();
  const double many = estimate_memory(c, kMl100k, 128).peak_bytes();
  EXPECT_GE(many - two, 126 * 1.2 * 1024 * 1024);
  EXPECT_NE(estimate_memory(c, kMl100k, 2).base.formula.find("threads"), std::string::npos);
}

TEST(MemoryEstimateTest, BudgetIsTheConfiguredOneOrAShareOfTheMachine) {
  ExperimentConfig c;
  c.memory_budget_mib = 123;
  EXPECT_EQ(memory_budget_mib(c), 123);
  c.memory_budget_mib = 0;
  EXPECT_GT(memory_budget_mib(c), 0);
}

}  // namespace
}  // namespace metacf
