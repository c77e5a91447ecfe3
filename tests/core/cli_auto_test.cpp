// End to end: metacf_auto run from the CLI says what it chose, and the simulator serves it
// from the store without refitting.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

const std::string kSample = METACF_SAMPLE_DIR;

TEST(CliAutoTest, RunAndShowPrintTheChoiceAndSimulateServesTheStoredLearner) {
  testing::TempDir dir("CliAutoTest");
  const std::string db = dir.file("experiments.sqlite");
  const std::string config =
      dir.write("auto.json", R"({"pretrain": {"max_epochs": 8, "patience": 3},
    "learner_configs": {"metacf_auto": {"candidates": ["pop", "itemknn", "metacf_p_linear"],
      "candidate_configs": {"metacf_p_linear": {"meta_epochs": 5}}}}})");
  const auto run = testing::run_cli(
      "run --data '" + kSample + "/ratings.csv' --titles '" + kSample +
      "/items.csv' --learners pop,itemknn,metacf_auto --k 2 --seeds 1 " +
      "--reference itemknn --config '" + config + "' --db '" + db + "' 2>/dev/null");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("ΔHR@10 vs itemknn"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("metacf_auto (seed 1, K=2): chose "), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("vs best single"), std::string::npos) << run.output;
  // The margin the best blend had to clear, or that no blend did better.
  EXPECT_TRUE(run.output.find("out of fold") != std::string::npos ||
              run.output.find("no blend did better") != std::string::npos)
      << run.output;

  const auto show = testing::run_cli("show 1 --reference pop --db '" + db + "'");
  ASSERT_EQ(show.exit_code, 0) << show.output;
  EXPECT_NE(show.output.find("ΔHR@10 vs pop"), std::string::npos) << show.output;
  EXPECT_NE(show.output.find("metacf_auto (seed 1, K=2): chose "), std::string::npos)
      << show.output;
  EXPECT_TRUE(show.output.find("out of fold") != std::string::npos ||
              show.output.find("no blend did better") != std::string::npos)
      << show.output;

  const auto exported =
      testing::run_cli("export 1 --format md --reference itemknn --db '" + db + "'");
  ASSERT_EQ(exported.exit_code, 0);
  EXPECT_NE(exported.output.find("vs itemknn"), std::string::npos) << exported.output;

  const auto simulated = testing::run_cli(
      "simulate 1 --learner metacf_auto --clicks 5,17,300 --top 7 --json --db '" + db + "'");
  ASSERT_EQ(simulated.exit_code, 0) << simulated.output;
  const auto j = nlohmann::json::parse(simulated.output);
  ASSERT_EQ(j["updates"].size(), 3u);
  for (const auto& update : j["updates"]) {
    ASSERT_EQ(update["steps"].size(), 3u);
    for (const auto& step : update["steps"]) EXPECT_EQ(step["items"].size(), 7u);
  }
}

}  // namespace
}  // namespace metacf
