// The learner registry: one registration line makes a learner known to the factory, the CLI's
// checks and lists, and experiments; generated MetaCF names; choices made from capabilities.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/experiment/experiment_config.h"
#include "core/learners/learner_factory.h"
#include "core/learners/registry.h"
#include "tests/common/test_learner.h"

namespace metacf {
namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

TEST(LearnerRegistryTest, ALearnerRegisteredWithOneLineIsKnownEverywhere) {
  EXPECT_FALSE(is_known_learner("test_weighted"));
  testing::register_test_learner();
  // What `metacf run --learners` checks and lists, and the studio's learner list.
  EXPECT_TRUE(is_known_learner("test_weighted"));
  EXPECT_TRUE(contains(learner_names(), "test_weighted"));
  EXPECT_TRUE(contains(learner_names(), "test_weighted"));
  EXPECT_FALSE(contains(default_learner_names(), "test_weighted"));  // an extra, chosen by hand
  // The factory and the experiment's settings check read its schema.
  const auto learner = make_learner("test_weighted", {{"weight", 1.5}});
  EXPECT_EQ(learner->name(), "test_weighted");
  EXPECT_EQ(learner->config()["weight"], 1.5);
  const auto problems =
      learner_settings_problems({"test_weighted"}, {{"test_weighted", {{"weight", 3.0}}}}, 5);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("weight = 3 is out of range; expected (0, 2]"), std::string::npos)
      << problems[0];
  ExperimentConfig config;
  config.learners = {"test_weighted"};
  config.baseline = "test_weighted";
  config.learner_configs = {{"test_weighted", {{"mode", "max"}}}};
  EXPECT_NO_THROW(config.validate());
  EXPECT_TRUE(learner_settings_problems(config.learners, config.learner_configs, 1).empty());
  EXPECT_THROW(register_learner(testing::test_learner_entry()), std::invalid_argument);
}

TEST(LearnerRegistryTest, MetaCFVariantNamesAreGeneratedAndParsed) {
  const auto d = describe_learner("metacf_p_neural+bias+msgd+cooc");
  EXPECT_EQ(d.name, "metacf_p_neural+bias+msgd+cooc");
  EXPECT_EQ(d.base, "metacf_p_neural");
  EXPECT_TRUE(d.is_variant());
  EXPECT_EQ(d.origin, LearnerOrigin::kExtra);
  EXPECT_EQ(describe_learner("metacf_p_neural").origin, LearnerOrigin::kPaper);
  EXPECT_THROW((void)find_learner("metacf_p_linear+msgd+bias"), std::invalid_argument);
  EXPECT_FALSE(find_learner("metacf_p+bias").has_value());
  EXPECT_FALSE(is_known_learner("metacf_g+cooc"));
  // Every listed name describes itself, and its capabilities are those of the learner built.
  for (const auto& name : learner_names()) {
    SCOPED_TRACE(name);
    const auto learner = describe_learner(name);
    EXPECT_EQ(learner.name, name);
    const auto built = make_learner(name, nlohmann::json::object());
    EXPECT_EQ(built->name(), name);
    EXPECT_EQ(built->meta_trains(), learner.capabilities.meta_trains);
    EXPECT_EQ(learner.takes_steps_and_seed(), built->config().contains("steps"));
  }
}

TEST(LearnerRegistryTest, TheSimulatorsChoiceFollowsCapabilities) {
  EXPECT_EQ(preferred_simulator_learner(default_learner_names()), "metacf_p_neural");
  EXPECT_EQ(preferred_simulator_learner({"pop", "bpr", "melu", "metacf_g", "metacf_p_linear"}),
            "metacf_p_linear");
  EXPECT_EQ(preferred_simulator_learner({"pop", "metacf_p_neural+bias", "metacf_g"}), "metacf_g");
  EXPECT_EQ(preferred_simulator_learner({"pop", "bpr"}), "bpr");
  EXPECT_EQ(preferred_simulator_learner({"pop", "itemknn", "nonsense"}), "");  // nothing adapts
  EXPECT_EQ(preferred_comparison_learner(default_learner_names(), "metacf_p_neural"), "bpr");
  EXPECT_EQ(preferred_comparison_learner({"melu", "itemknn", "pop"}, ""), "pop");
  EXPECT_EQ(preferred_comparison_learner({"melu"}, ""), "melu");
  EXPECT_EQ(preferred_comparison_learner({"melu"}, "melu"), "");
}

}  // namespace
}  // namespace metacf
