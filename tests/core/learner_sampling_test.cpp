// Sampling of one meta-training task per epoch: support/query halves and negatives.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/learners/learner_factory.h"
#include "core/learners/meta_training.h"
#include "tests/core/learner_synthetic.h"

namespace metacf {
namespace {

Task example_task() {
  Task t;
  t.user = 0;
  t.support = {4, 9, 2};
  t.query = {7, 1, 5, 8};
  return t;
}

TEST(LearnerSamplingTest, KeepsTheSplitAndDrawsKNegativesPerPositiveOutsideTheKnownItems) {
  const Task task = example_task();
  const std::vector<std::int32_t> known{1, 2, 3, 4, 5, 7, 8, 9, 10};  // sorted
  SampledTask out;
  sample_task(task, 3, 20, known, Rng(1), out);
  ASSERT_EQ(out.support_positives, 3);
  ASSERT_EQ(out.query_positives, 4);
  ASSERT_EQ(out.support.size(), 3u + 3u * 3u);
  ASSERT_EQ(out.query.size(), 4u + 3u * 4u);
  EXPECT_TRUE(std::equal(task.support.begin(), task.support.end(), out.support.begin()));
  EXPECT_TRUE(std::equal(task.query.begin(), task.query.end(), out.query.begin()));
  for (size_t i = 3; i < out.support.size(); ++i) {
    EXPECT_FALSE(std::binary_search(known.begin(), known.end(), out.support[i]));
  }
  for (size_t i = 4; i < out.query.size(); ++i) {
    EXPECT_FALSE(std::binary_search(known.begin(), known.end(), out.query[i]));
  }
}

TEST(LearnerSamplingTest, FitsWithoutKnownItemsOnAPublishedSplit) {
  auto w = testing_support::make_world(12, 120, 5);
  w.split.published_tasks = true;
  auto learner = make_learner("metacf_p_linear", {{"steps", 1}, {"meta_epochs", 2}});
  TrainingContext ctx{w.data, w.split, w.Q, nullptr, nullptr, 1};
  std::vector<Progress> reports;
  JobControl job([&](const Progress& p) {
    reports.push_back(p);
    return true;
  });
  learner->fit(ctx, job);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_TRUE(std::isfinite(reports.back().loss));
}

TEST(LearnerSamplingTest, AdaptRejectsItemsOutsideTheCatalogue) {
  const auto w = testing_support::make_world(13, 40, 5);
  auto learner = make_learner("bpr", {});
  TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
  JobControl job;
  learner->fit(ctx, job);
  Rng rng(1);
  const std::vector<std::int32_t> bad{3, 100000};
  EXPECT_THROW((void)learner->adapt(bad, 1, rng), std::invalid_argument);
  const std::vector<std::int32_t> good{3};
  EXPECT_EQ(learner->adapt(good, 4, rng).size(), 5u);
}

}  // namespace
}  // namespace metacf
