// A seed, K or support size listed twice counted the same users twice (`--seeds 1,1,1,1` pooled
// one seed's users four times and narrowed every paired interval as if they were new ones).
// validate() refuses it naming the field and the value, and so do `metacf run`'s flags and a
// --config file, before any run is stored; duplicate learners are refused as before.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/config/config_help.h"
#include "core/config/config_schema.h"
#include "core/experiment/experiment_config.h"
#include "core/store/experiment_store.h"
#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

const std::string kSample = METACF_SAMPLE_DIR;

std::string validation_error(const ExperimentConfig& c) {
  try {
    c.validate();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(DuplicateValuesTest, ValidateNamesTheFieldAndTheValueListedTwice) {
  ExperimentConfig c;
  c.seeds = {3, 1, 3};
  EXPECT_EQ(validation_error(c), "experiment: seeds lists 3 more than once");
  c = {};
  c.ks = {1, 5, 5};
  EXPECT_EQ(validation_error(c), "experiment: ks lists 5 more than once");
  c = {};
  c.support_sizes = {2, 2};
  EXPECT_EQ(validation_error(c), "experiment: support_sizes lists 2 more than once");
  c = {};
  c.learners = {"pop", "itemknn", "pop"};
  EXPECT_EQ(validation_error(c), "experiment: learners lists 'pop' more than once");
  // Distinct values are fine.
  c = {};
  c.seeds = {1, 2, 3};
  c.ks = {0, 1, 5};
  c.support_sizes = {1, 2, 3};
  EXPECT_EQ(validation_error(c), "");
}

TEST(DuplicateValuesTest, HelpSaysTheListsAreDistinct) {
  const std::string help = config_help(experiment_config_schema().info());
  EXPECT_NE(help.find("  seeds  list of distinct whole numbers >= 0"), std::string::npos) << help;
  EXPECT_NE(help.find("  learners  list of distinct names"), std::string::npos) << help;
}

TEST(DuplicateValuesTest, TheCliRefusesThemFromFlagsAndConfigFilesBeforeStoringARun) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  (void)ExperimentStore::open(db);
  // Short, so that a run that is not refused ends quickly (and fails the expectations).
  const std::string quick = R"("learners": ["pop"], "pretrain": {"max_epochs": 1})";
  const std::string run = "run --data '" + kSample + "/ratings.csv' --db '" + db + "' ";
  const std::string flags = run + "--config '" + dir.write("quick.json", "{" + quick + "}") + "' ";
  auto config = [&](const std::string& name, const std::string& json) {
    return run + "--config '" + dir.write(name, "{" + quick + ", " + json + "}") + "'";
  };
  struct Case {
    std::string args;
    int exit_code;
    std::string message;
  };
  const std::vector<Case> cases{
      {flags + "--seeds 1,1,1,1", 2, "--seeds: 1 is listed more than once"},
      {flags + "--seeds 1,2,3,2", 2, "--seeds: 2 is listed more than once"},
      {flags + "--k 5,5", 2, "--k: 5 is listed more than once"},
      {flags + "--support-sizes 2,2", 2, "--support-sizes: 2 is listed more than once"},
      {config("seeds.json", R"("seeds": [1, 1])"), 1,
       "error: experiment: seeds lists 1 more than once"},
      {config("ks.json", R"("ks": [1, 5, 1])"), 1, "error: experiment: ks lists 1 more than once"},
      {config("sizes.json", R"("support_sizes": [3, 2, 3])"), 1,
       "error: experiment: support_sizes lists 3 more than once"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args);
    const auto r = testing::run_cli(c.args + " 2>&1 >/dev/null");
    EXPECT_EQ(r.exit_code, c.exit_code) << r.output;
    EXPECT_NE(r.output.find(c.message), std::string::npos) << r.output;
  }
  EXPECT_TRUE(ExperimentStore::open(db).list_runs().empty());
  // The same flags with distinct values run.
  EXPECT_EQ(
      testing::run_cli(flags + "--seeds 1,2 --k 1,5 --support-sizes 2,3 >/dev/null 2>&1").exit_code,
      0);
}

}  // namespace
}  // namespace metacf
