// Which stored learners the simulator shows first (studio and any later caller share it).
#include "core/simulate/learner_preselection.h"

#include <gtest/gtest.h>

namespace metacf {
namespace {

std::vector<StoredLearnerKey> keys(const std::vector<std::string>& names) {
  std::vector<StoredLearnerKey> out;
  for (const auto& name : names) out.push_back({name, 2, 1});
  return out;
}

TEST(LearnerPreselectionTest, ThePapersLearnerAgainstABaseline) {
  const auto chosen = preselect_simulator_learners(keys({"pop", "bpr", "metacf_p_linear"}));
  EXPECT_EQ(chosen[0], std::optional<std::size_t>(2));
  EXPECT_EQ(chosen[1], std::optional<std::size_t>(1));
}

TEST(LearnerPreselectionTest, TheRememberedComparisonWinsUnlessItIsTheMainLearner) {
  const auto stored = keys({"pop", "bpr", "metacf_g"});
  EXPECT_EQ(preselect_simulator_learners(stored, "pop")[1], std::optional<std::size_t>(0));
  EXPECT_EQ(preselect_simulator_learners(stored, "metacf_g")[1], std::optional<std::size_t>(1));
  EXPECT_EQ(preselect_simulator_learners(stored, "gone")[1], std::optional<std::size_t>(1));
}

TEST(LearnerPreselectionTest, VariantsAndExtrasSortByTheirCapabilities) {
  // A MetaCF variant meta-trains and adapts; ease does neither.
  const auto chosen = preselect_simulator_learners(keys({"ease", "metacf_g+bias"}));
  EXPECT_EQ(chosen[0], std::optional<std::size_t>(1));
  EXPECT_EQ(chosen[1], std::optional<std::size_t>(0));
}

TEST(LearnerPreselectionTest, OneLearnerHasNothingToCompareWith) {
  const auto chosen = preselect_simulator_learners(keys({"pop"}));
  EXPECT_EQ(chosen[0], std::optional<std::size_t>(0));
  EXPECT_FALSE(chosen[1].has_value());
  EXPECT_FALSE(preselect_simulator_learners({})[0].has_value());
}

}  // namespace
}  // namespace metacf
