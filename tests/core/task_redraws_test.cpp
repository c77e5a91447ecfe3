#include "core/split/task_redraws.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/core/learner_synthetic.h"

namespace metacf {
namespace {

TEST(TaskRedrawsTest, OwnSplitTasksGetRedrawsOfTheirSizesFromTheUsersRecords) {
  const auto w = testing_support::make_world(5, 20, 5);
  const std::span<const Task> tasks(w.split.meta_train.data(), 3);
  const auto out = with_redraws(w.data, w.split, tasks, 4, 7);
  ASSERT_EQ(out.size(), 12u);
  bool some_differs = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const Task& task = tasks[i / 4];
    EXPECT_EQ(out[i].user, task.user);
    EXPECT_EQ(out[i].support.size(), task.support.size());
    EXPECT_EQ(out[i].query.size(), task.query.size());
    const auto records = w.data.items_of(task.user);
    for (const auto v : out[i].support)
      EXPECT_NE(std::find(records.begin(), records.end(), v), records.end());
    if (i % 4 == 0) {
      EXPECT_EQ(out[i].support, task.support);
    } else {
      some_differs = some_differs || out[i].support != task.support;
    }
  }
  EXPECT_TRUE(some_differs);
}

// A published split's halving in file order is the only draw its protocol has: a random
// redraw would score choices on tasks unlike the meta-test's.
TEST(TaskRedrawsTest, PublishedTasksComeBackAsWritten) {
  auto w = testing_support::make_world(5, 20, 5);
  w.split.published_tasks = true;
  const std::span<const Task> tasks(w.split.meta_train.data(), 3);
  const auto out = with_redraws(w.data, w.split, tasks, 4, 7);
  ASSERT_EQ(out.size(), 3u);
  for (std::size_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(out[i].user, tasks[i].user);
    EXPECT_EQ(out[i].support, tasks[i].support);
    EXPECT_EQ(out[i].query, tasks[i].query);
  }
}

}  // namespace
}  // namespace metacf
