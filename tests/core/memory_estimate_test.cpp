// The memory estimate: each stage's term grows with the setting it names, the largest one is
// what a refusal names, and the defaults fit a small budget on MovieLens 100K's shape.
#include "core/experiment/memory_estimate.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/experiment/experiment_config.h"
#include "core/learners/registry.h"

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
  // Not MeLU: a task of 100,000 records would hold its 400,000 x 400,000 Gram block.
  c.learners = {"pop", "bpr"};
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

double stage_bytes(const ExperimentConfig& c, const std::string& stage) {
  for (const MemoryTerm& t : estimate_memory(c, kMl100k, kThreads).stages) {
    if (t.stage == stage) return t.bytes;
  }
  return -1;
}

// Each family's own model (LearnerDescriptor::memory): a hidden layer is charged only to the
// learners that have one, and MeLU's hidden x hidden weights are counted (320 MiB with their
// gradient, moments and adapted copy at hidden 4096).
TEST(MemoryEstimateTest, HiddenWidthIsChargedOnlyWhereThereIsAHiddenLayer) {
  ExperimentConfig c;
  c.learners = {"metacf_g", "metacf_p_linear", "metacf_p_neural", "melu"};
  const double g = stage_bytes(c, "metacf_g");
  const double linear = stage_bytes(c, "metacf_p_linear");
  const double neural = stage_bytes(c, "metacf_p_neural");
  const double melu = stage_bytes(c, "melu");
  ASSERT_GT(g, 0);
  for (const char* name : {"metacf_g", "metacf_p_linear", "metacf_p_neural", "melu"})
    c.learner_configs[name] = {{"hidden", 4096}};
  EXPECT_EQ(stage_bytes(c, "metacf_g"), g);
  EXPECT_EQ(stage_bytes(c, "metacf_p_linear"), linear);
  EXPECT_GT(stage_bytes(c, "metacf_p_neural"), neural);
  EXPECT_GE(stage_bytes(c, "melu") - melu, 5.0 * 4096 * 4096 * 4 - 5.0 * 64 * 64 * 4);
  const std::string text = [&] {
    try {
      check_memory_budget(estimate_memory(c, kMl100k, kThreads), 64);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string();
  }();
  EXPECT_NE(text.find("learner_configs.melu.batch_size, negatives or hidden"), std::string::npos)
      << text;
}

bool has_stage(const MemoryEstimate& e, const std::string& stage) {
  for (const MemoryTerm& t : e.stages) {
    if (t.stage == stage) return true;
  }
  return false;
}

// MeLU's first-order meta-gradient keeps a whole gradient per task of a meta-batch, and each
// thread adapts an evaluated user's K + 1 copies of the hidden x hidden layer: the term grows
// with the meta-batch and with K as those allocations do (at hidden 4096, 32 tasks hold 2 GiB,
// which the first model missed: 3,471 MiB measured against 3,152 estimated).
TEST(MemoryEstimateTest, MeluCountsAMetaBatchOfGradientsAndEachThreadsAdaptedLayers) {
  ExperimentConfig c;
  c.learners = {"melu"};
  c.learner_configs["melu"] = {{"hidden", 4096}, {"batch_size", 32}};
  const double layer = 4096.0 * 4096 * 4;
  const double phi = (4096.0 * 4096 + 4096.0 * (2 * 32 + 3) + 1) * 4;  // W1, b1, W2, b2, w3, b3
  const double at_32 = stage_bytes(c, "melu");
  EXPECT_GE(at_32, (7 + 32) * phi);
  c.learner_configs["melu"]["batch_size"] = 8;
  EXPECT_NEAR(at_32 - stage_bytes(c, "melu"), 24 * phi, 1e-6 * phi);
  const double k5 = stage_bytes(c, "melu");
  c.ks = {10};
  EXPECT_NEAR(stage_bytes(c, "melu") - k5, kThreads * 5 * layer, 0.01 * layer);
}

// The evaluation holds the fitted learner it scores: a dense ease's B beside the buffers.
TEST(MemoryEstimateTest, EvaluationHoldsTheLargestFittedLearner) {
  ExperimentConfig c;
  c.learners = {"pop", "ease"};
  c.learner_configs["ease"] = {{"mode", "dense"}};
  double evaluation = 0;
  for (const MemoryTerm& t : estimate_memory(c, kMl100k, kThreads).stages) {
    if (t.stage == "evaluation") evaluation = t.bytes;
  }
  EXPECT_GE(evaluation, 1682.0 * 1682 * 4);
}

// Only a learner that reads Q makes a run pretrain, and only then is pretraining counted.
TEST(MemoryEstimateTest, PretrainingIsCountedOnlyWhenALearnerReadsQ) {
  ExperimentConfig c;
  c.learners = {"pop", "itemknn", "ease"};
  EXPECT_FALSE(has_stage(estimate_memory(c, kMl100k, kThreads), "pretraining"));
  c.learners.push_back("bpr");
  EXPECT_TRUE(has_stage(estimate_memory(c, kMl100k, kThreads), "pretraining"));
}

// One user who rated a million items: no stage charges users x items or 64 users x items x
// hidden any more (the first model refused it at 31.8 GB); what is left is Q and pretraining's
// factors, MeLU's first-layer cache and the threads' rows of scores.
TEST(MemoryEstimateTest, AMillionItemCatalogueIsChargedByWhatItsStagesAllocate) {
  ExperimentConfig c;
  const DataShape one_user{1, 1000000, 1000000};
  const MemoryEstimate e = estimate_memory(c, one_user, kThreads);
  EXPECT_LT(e.peak_bytes(), 2.0 * 1024 * 1024 * 1024) << e.largest_stage().stage;
  // Never below pretraining's six copies of Q (D = 32): itself, its gradient, two moments, the
  // best and the one being validated.
  EXPECT_GE(e.peak_bytes(), 6.0 * 1e6 * 32 * 4);
}

// Every learner the registry knows has a model: one it keeps once fitted (what metacf_auto's
// folds hold), whatever it holds while fitting.
TEST(MemoryEstimateTest, EveryLearnerKeepsSomethingOnceFitted) {
  const MemoryShape shape{943, 1682, 100000, 32, 10, 2};
  for (const auto& name : learner_names()) {
    const auto learner = find_learner(name);
    ASSERT_TRUE(learner) << name;
    const LearnerMemory m = learner_memory(*learner, nlohmann::json::object(), shape);
    EXPECT_GT(m.fitted, 0) << name;
    EXPECT_GE(m.fitting, 0) << name;
    if (m.fitting > 0) {
      EXPECT_FALSE(m.fields.empty()) << name;
    }
  }
}

// metacf_ease is refused over its dense budget, and metacf_auto then leaves it out: on the
// 57,750-item catalogue it counts nothing, and metacf_auto's estimate is the one without it.
TEST(MemoryEstimateTest, MetacfEaseCountsNothingWhereItsDenseSolveIsRefused) {
  const auto meta_ease = find_learner("metacf_ease");
  ASSERT_TRUE(meta_ease);
  const MemoryShape small{943, 1682, 100000, 32, 10, 2};
  EXPECT_GE(learner_memory(*meta_ease, nlohmann::json::object(), small).fitted, 1682.0 * 1682 * 4);
  const MemoryShape large{75000, 57750, 530000, 32, 10, 2};
  const nlohmann::json small_budget = {{"memory_budget_mib", 1024}};
  EXPECT_EQ(learner_memory(*meta_ease, small_budget, large).fitting, 0);
  EXPECT_EQ(learner_memory(*meta_ease, small_budget, large).fitted, 0);

  const DataShape amazon{75000, 57750, 530000};
  ExperimentConfig with, without;
  with.learners = without.learners = {"metacf_auto"};
  with.learner_configs["metacf_auto"] = {{"candidate_configs", {{"metacf_ease", small_budget}}}};
  without.learner_configs["metacf_auto"] = {
      {"candidates",
       {"pop", "itemknn", "ease", "bpr", "metacf_g", "metacf_p_linear", "metacf_p_neural"}}};
  EXPECT_EQ(estimate_memory(with, amazon, 2).peak_bytes(),
            estimate_memory(without, amazon, 2).peak_bytes());
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
