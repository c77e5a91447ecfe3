// End to end: metacf run, runs, show, export and simulate on the bundled sample.
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/core/cli_process.h"
#include "tests/csv_reader.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

const std::string kSample = METACF_SAMPLE_DIR;

// A short configuration so the suite stays fast; the flags under test override the rest.
std::string write_quick_config(const testing::TempDir& dir) {
  return dir.write("quick.json", R"({"pretrain": {"max_epochs": 8, "patience": 3},
    "learner_configs": {"metacf_p_linear": {"meta_epochs": 5}, "metacf_g": {"meta_epochs": 5}}})");
}

std::string data_args() {
  return "--data '" + kSample + "/ratings.csv' --titles '" + kSample + "/items.csv'";
}

class CliRunTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir("CliRunTest");
    db_ = dir_->file("experiments.sqlite");
    const auto r = testing::run_cli(
        "run " + data_args() + " --learners pop,itemknn,bpr,metacf_p_linear --k 1,2 --seeds 1 " +
        "--config '" + write_quick_config(*dir_) + "' --db '" + db_ + "' --json 2>/dev/null");
    exit_code_ = r.exit_code;
    output_ = r.output;
  }
  static void TearDownTestSuite() { delete dir_; }

  static testing::TempDir* dir_;
  static std::string db_;
  static int exit_code_;
  static std::string output_;
};
testing::TempDir* CliRunTest::dir_ = nullptr;
std::string CliRunTest::db_;
int CliRunTest::exit_code_ = -1;
std::string CliRunTest::output_;

TEST_F(CliRunTest, RunJsonHasEveryRequestedLearnerAndK) {
  ASSERT_EQ(exit_code_, 0) << output_;
  std::set<std::pair<std::string, int>> seen;
  std::istringstream lines(output_);
  std::string line;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);  // nothing but JSON on stdout
    seen.insert({j["learner"].get<std::string>(), j["k"].get<int>()});
    EXPECT_EQ(j["run"], 1);
    EXPECT_EQ(j["protocol"], "full");
    EXPECT_TRUE(j["support_size"].is_null());
    EXPECT_GT(j["users"].get<int>(), 100);
    EXPECT_GE(j["hr10"].get<double>(), 0.0);
    EXPECT_LE(j["hr10"].get<double>(), 1.0);
    EXPECT_GT(j["adapt_us_median"].get<double>(), 0.0);
    if (j["learner"] == "metacf_p_linear") {
      EXPECT_GT(j["tasks_per_s"].get<double>(), 0.0);
    } else {
      EXPECT_TRUE(j["tasks_per_s"].is_null());
    }
  }
  for (const std::string learner : {"pop", "itemknn", "bpr", "metacf_p_linear"}) {
    for (int k : {1, 2}) EXPECT_TRUE(seen.count({learner, k})) << learner << " K=" << k;
  }
  EXPECT_EQ(seen.size(), 8u);
}

TEST_F(CliRunTest, RunsAndShowReadTheStoredRun) {
  const auto runs = testing::run_cli("runs --db '" + db_ + "'");
  ASSERT_EQ(runs.exit_code, 0);
  EXPECT_NE(runs.output.find("completed"), std::string::npos) << runs.output;
  const auto show = testing::run_cli("show 1 --db '" + db_ + "'");
  ASSERT_EQ(show.exit_code, 0);
  EXPECT_NE(show.output.find("metacf_p_linear"), std::string::npos);
  EXPECT_NE(show.output.find("pretrain"), std::string::npos);  // its curve's last point
  EXPECT_EQ(testing::run_cli("show 99 --db '" + db_ + "' 2>/dev/null").exit_code, 1);
}

TEST_F(CliRunTest, ExportedCsvReparsesAndLatexIsEscaped) {
  const auto csv = testing::run_cli("export 1 --what results --format csv --db '" + db_ + "'");
  ASSERT_EQ(csv.exit_code, 0);
  std::string problem;
  const auto rows = testing::read_csv(csv.output, &problem);
  EXPECT_EQ(problem, "");
  ASSERT_EQ(rows.size(), 1u + 8u);  // header + learners x K
  for (const auto& row : rows) EXPECT_EQ(row.size(), rows[0].size());
  EXPECT_EQ(rows[0][0], "learner");
  // The paired interval cell holds a comma and a bracket: quoted, and back intact.
  bool interval_seen = false;
  for (const auto& row : rows) interval_seen |= row[7].find(", ") != std::string::npos;
  EXPECT_TRUE(interval_seen);
  // Negative differences stay numbers-like text, but a cell starting with '-' followed by text
  // would be neutralised: none of our numeric cells may start with a quote.
  for (const auto& row : rows) EXPECT_NE(row[5].front(), '\'');

  const auto tex = testing::run_cli("export 1 --format tex --db '" + db_ + "'");
  ASSERT_EQ(tex.exit_code, 0);
  EXPECT_NE(tex.output.find("metacf\\_p\\_linear"), std::string::npos);
  EXPECT_NE(tex.output.find("95\\% CI"), std::string::npos);
  EXPECT_EQ(tex.output.find("metacf_p"), std::string::npos);

  const auto curves = testing::run_cli("export 1 --what curves --format json --db '" + db_ + "'");
  ASSERT_EQ(curves.exit_code, 0);
  EXPECT_GT(nlohmann::json::parse(curves.output).size(), 8u);
}

TEST_F(CliRunTest, SimulateGivesTopNPerStepWithoutClickedItems) {
  const auto r = testing::run_cli("simulate 1 --learner metacf_p_linear --clicks 5,17,300 --top 7 --json --db '" + db_ + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  ASSERT_EQ(j["updates"].size(), 3u);
  for (const auto& update : j["updates"]) {
    std::set<std::string> clicked;
    for (const auto& c : update["clicks"]) clicked.insert(c.get<std::string>());
    ASSERT_EQ(update["steps"].size(), j["k"].get<std::size_t>() + 1);
    for (const auto& step : update["steps"]) {
      ASSERT_EQ(step["items"].size(), 7u);
      for (const auto& item : step["items"]) EXPECT_FALSE(clicked.count(item["item"].get<std::string>()));
    }
  }
  EXPECT_EQ(testing::run_cli("simulate 1 --learner metacf_p_linear --clicks no_such_item --db '" + db_ + "' 2>/dev/null").exit_code, 2);
  EXPECT_EQ(testing::run_cli("simulate 1 --learner melu --clicks 5 --db '" + db_ + "' 2>/dev/null").exit_code, 1);
}

TEST(CliUsageTest, UsageErrorsExitTwoAndRunFailuresExitOne) {
  testing::TempDir dir;
  EXPECT_EQ(testing::run_cli("run --data '" + kSample + "/ratings.csv' --learners nonsense --db '" + dir.file("s.sqlite") + "' 2>/dev/null").exit_code, 2);
  EXPECT_EQ(testing::run_cli("run 2>/dev/null").exit_code, 2);
  EXPECT_EQ(testing::run_cli("frobnicate 2>/dev/null").exit_code, 2);
  const std::string bad = dir.write("bad.csv", "1,2,5,100\n1,x\n");
  const auto r = testing::run_cli("run --data '" + bad + "' --db '" + dir.file("s.sqlite") + "' 2>&1 >/dev/null");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("bad.csv:2"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace metacf

namespace metacf {
namespace {

// kill -9 in the middle of a run: the store stays readable, the run's finished epochs are
// there, and the next command that opens the store marks the run interrupted.
TEST(CliKillTest, AKilledRunIsMarkedInterruptedAndKeepsItsCurves) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  const auto killed = testing::run_shell(
      "'" + std::string(METACF_CLI_PATH) + "' run --data '" + kSample + "/ratings.csv' --seeds 1,2,3,4,5,6 --db '" +
      db + "' >/dev/null 2>&1 & pid=$!; " +
      // Kill once the run has stored some epochs (the WAL file grows with each commit), not
      // after a fixed time that a slow machine might not reach.
      "for i in $(seq 100); do [ -s '" + db + "-wal' ] && break; sleep 0.1; done; sleep 0.5; " +
      "kill -9 $pid; wait $pid; echo $?");
  ASSERT_EQ(killed.output, "137\n") << "the run ended before it was killed";
  const auto runs = testing::run_cli("runs --db '" + db + "'");
  ASSERT_EQ(runs.exit_code, 0);
  EXPECT_NE(runs.output.find("interrupted"), std::string::npos) << runs.output;
  const auto curves = testing::run_cli("export 1 --what curves --format json --db '" + db + "'");
  ASSERT_EQ(curves.exit_code, 0);
  EXPECT_GT(nlohmann::json::parse(curves.output).size(), 0u);
}

}  // namespace
}  // namespace metacf
