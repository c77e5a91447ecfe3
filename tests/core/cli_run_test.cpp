// End to end: metacf run, runs, show, export and simulate on the bundled sample.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/store/experiment_store.h"
#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"
#include "tests/csv_reader.h"

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
  // Tidy: the paired difference and its interval are three numeric columns, not one text cell.
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(rows[0].begin(), rows[0].end(), name) -
                                    rows[0].begin());
  };
  ASSERT_LT(column("ci_high"), rows[0].size());
  bool interval_seen = false;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row[column("ci_low")].empty()) continue;
    interval_seen = true;
    EXPECT_LE(std::stod(row[column("ci_low")]), std::stod(row[column("delta_hr10")]));
    EXPECT_GE(std::stod(row[column("ci_high")]), std::stod(row[column("delta_hr10")]));
  }
  EXPECT_TRUE(interval_seen);
  // Negative differences stay numbers: none of our numeric cells may start with a quote.
  for (const auto& row : rows) EXPECT_NE(row[5].front(), '\'');
  for (const auto& row : rows) EXPECT_NE(row[column("ci_low")].front(), '\'');

  const auto tex = testing::run_cli("export 1 --format tex --db '" + db_ + "'");
  ASSERT_EQ(tex.exit_code, 0);
  EXPECT_NE(tex.output.find("metacf\\_p\\_linear"), std::string::npos);
  EXPECT_NE(tex.output.find("95\\% CI"), std::string::npos);
  EXPECT_EQ(tex.output.find("metacf_p"), std::string::npos);

  const auto curves = testing::run_cli("export 1 --what curves --format json --db '" + db_ + "'");
  ASSERT_EQ(curves.exit_code, 0);
  EXPECT_GT(nlohmann::json::parse(curves.output).size(), 8u);
}

TEST_F(CliRunTest, PerUserExportHasOneRowPerUserAndAveragesToTheResult) {
  const auto per_user =
      testing::run_cli("export 1 --what per-user --format csv --db '" + db_ + "'");
  ASSERT_EQ(per_user.exit_code, 0);
  std::string problem;
  const auto rows = testing::read_csv(per_user.output, &problem);
  EXPECT_EQ(problem, "");
  ASSERT_GT(rows.size(), 1u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"learner", "k", "support_size", "seed", "user_id",
                                               "position", "hr10", "ndcg10"}));
  // The mean of a (learner, K, seed)'s per-user HR is the HR the results export holds.
  std::map<std::string, std::pair<double, int>> sums;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    auto& [sum, n] = sums[rows[r][0] + " K=" + rows[r][1]];
    sum += std::stod(rows[r][6]);
    ++n;
  }
  const auto results =
      nlohmann::json::parse(testing::run_cli("export 1 --format json --db '" + db_ + "'").output);
  ASSERT_FALSE(results.empty());
  for (const auto& row : results) {
    ASSERT_TRUE(row["k"].is_number_integer());
    ASSERT_TRUE(row["users"].is_number_integer());
    const auto& [sum, n] =
        sums[row["learner"].get<std::string>() + " K=" + std::to_string(row["k"].get<int>())];
    ASSERT_GT(n, 0);
    EXPECT_NEAR(sum / n, row["hr10_mean"].get<double>(), 1e-6);
  }
}

TEST_F(CliRunTest, SimulateGivesTopNPerStepWithoutClickedItems) {
  const auto r = testing::run_cli(
      "simulate 1 --learner metacf_p_linear --clicks 5,17,300 --top 7 --json --db '" + db_ + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  ASSERT_EQ(j["updates"].size(), 3u);
  for (const auto& update : j["updates"]) {
    std::set<std::string> clicked;
    for (const auto& c : update["clicks"]) clicked.insert(c.get<std::string>());
    ASSERT_EQ(update["steps"].size(), j["k"].get<std::size_t>() + 1);
    for (const auto& step : update["steps"]) {
      ASSERT_EQ(step["items"].size(), 7u);
      for (const auto& item : step["items"])
        EXPECT_FALSE(clicked.count(item["item"].get<std::string>()));
    }
  }
  EXPECT_EQ(testing::run_cli("simulate 1 --learner metacf_p_linear --clicks no_such_item --db '" +
                             db_ + "' 2>/dev/null")
                .exit_code,
            2);
  EXPECT_EQ(testing::run_cli("simulate 1 --learner melu --clicks 5 --db '" + db_ + "' 2>/dev/null")
                .exit_code,
            1);
}

TEST(CliUsageTest, UsageErrorsExitTwoAndRunFailuresExitOne) {
  testing::TempDir dir;
  EXPECT_EQ(testing::run_cli("run --data '" + kSample + "/ratings.csv' --learners nonsense --db '" +
                             dir.file("s.sqlite") + "' 2>/dev/null")
                .exit_code,
            2);
  EXPECT_EQ(testing::run_cli("run 2>/dev/null").exit_code, 2);
  EXPECT_EQ(testing::run_cli("frobnicate 2>/dev/null").exit_code, 2);
  const std::string bad = dir.write("bad.csv", "1,2,5,100\n1,x\n");
  const auto r = testing::run_cli("run --data '" + bad + "' --db '" + dir.file("s.sqlite") +
                                  "' 2>&1 >/dev/null");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("bad.csv:2"), std::string::npos) << r.output;
}

// Every bad flag value listed in the bad-input matrix of tests/README.md: the message the user
// sees on stderr and the exit code (2 for usage errors found while parsing, 1 otherwise).
TEST(CliBadInputTest, EachBadValueGetsItsMessageAndExitCode) {
  testing::TempDir dir;
  const std::string fixtures = METACF_FIXTURES_DIR;
  const std::string db = dir.file("s.sqlite");
  (void)ExperimentStore::open(db);  // an empty store, so run ids can be missing from it
  const std::string run = "run --data '" + kSample + "/ratings.csv' --db '" + db + "' ";
  auto config = [&](const std::string& name, const std::string& json) {
    return "--config '" + dir.write(name, json) + "' ";
  };
  struct Case {
    std::string args;
    int exit_code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {run + "--k 21", 1, "error: experiment: each K must be in 0..20 (got 21)"},
      {run + "--k x", 2, "--k: 'x' is not a number in the list 'x'"},
      {run + "--k 1,-2", 1, "each K must be in 0..20 (got -2)"},
      {run + "--seeds -1", 2, "--seeds: '-1' is not a number in the list '-1'"},
      {run + "--seeds abc", 2, "--seeds: 'abc' is not a number in the list 'abc'"},
      {run + "--learners nonsense", 2, "--learners: unknown learner 'nonsense' (known: pop,"},
      {run + "--learners ,", 1, "error: experiment: choose at least one learner"},
      {run + "--protocol weird", 2, "--protocol: weird not in {full,sampled}"},
      {run + "--meta-gradient second", 2, "--meta-gradient: second not in {first-order,exact}"},
      {run + "--support-sizes 0", 1, "each support size must be in 1..50 (got 0)"},
      {run + "--format xml", 2, "--format: xml not in {auto,ml100k,ml1m,csv,inter}"},
      {run + "--column-order sideways", 2, "--column-order: sideways not in {user-item,item-user}"},
      {run + "--rating-threshold abc", 2, "Could not convert: --rating-threshold = abc"},
      {run + "--config /no/such.json", 2, "--config: File does not exist: /no/such.json"},
      {run + config("truncated.json", "{\"ks\": ["), 1,
       "truncated.json: not a valid configuration: [json.exception.parse_error.101]"},
      {run + config("array.json", "[1, 2]"), 1,
       "array.json: not a valid configuration: [json.exception.type_error.306]"},
      {run + config("type.json", R"({"ks": "five"})"), 1,
       "type.json: not a valid configuration: [json.exception.type_error.302] type must be array"},
      {run + config("protocol.json", R"({"protocol": "both"})"), 1,
       "protocol.json: not a valid configuration: unknown protocol 'both'"},
      {run + config("top_n.json", R"({"top_n": 0})"), 1, "experiment: top_n must be in 1..100"},
      {run + "--config '" + fixtures + "/fuzz_findings/float_k.json'", 1,
       "float_k.json: not a valid configuration: 'ks' must be a whole number from -2147483648 to "
       "2147483647 (got 1e+300)"},
      {run + "--learners metacf_g " +
           config("alpha.json", R"({"learner_configs": {"metacf_g": {"alpha": -1}}})"),
       1, "error: metacf_g: learner config: alpha = -1 is out of range; expected (0, 1000]"},
      {"run --data /no/such.csv --db '" + db + "'", 2, "--data: File does not exist: /no/such.csv"},
      {"run --data '" + fixtures + "/bad_rating.csv' --db '" + db + "'", 1,
       "bad_rating.csv:3: rating is not a number (got 'great', expected a number such as 4 or "
       "3.5)"},
      {run + "--titles '" + fixtures + "/binary_garbage.bin'", 1,
       "binary_garbage.bin:1: wrong number of fields"},
      {run + "--presplit /no/such/dir", 2, "--presplit: Directory does not exist: /no/such/dir"},
      {run + "--item-embeddings /no/such.npy", 2, "--item-embeddings: File does not exist"},
      {"run --data '" + kSample + "/ratings.csv' --db /no/such/dir/s.sqlite", 1,
       "/no/such/dir/s.sqlite: opening the store: unable to open database file"},
      {"runs --db '" + fixtures + "/binary_garbage.bin'", 1,
       "opening the store: file is not a database; choose another experiment store"},
      {"show 999 --db '" + db + "'", 1, "there is no run with id 999"},
      {"show abc --db '" + db + "'", 2, "Could not convert: run = abc"},
      {"export 999 --db '" + db + "'", 1, "there is no run with id 999"},
      {"export 1 --what nothing --db '" + db + "'", 2,
       "--what: nothing not in {table2,table3,fig2,per-user,curves,results}"},
      {"export 1 --format docx --db '" + db + "'", 2, "--format: docx not in {csv,md,markdown,tex"},
      {"simulate 999 --learner metacf_g --clicks 1 --db '" + db + "'", 1,
       "there is no run with id 999"},
      {"simulate 1 --learner metacf_g --clicks 1 --top 0 --db '" + db + "'", 2,
       "--top: must be in 1..1000 (got 0)"},
      {"info --data '" + fixtures + "/empty.csv'", 1,
       "empty.csv: the file is empty (no ratings found)"},
      {"info --data /no/such.csv", 2, "--data: File does not exist: /no/such.csv"},
      {"generate-sample --users 0 --out '" + dir.file("gen") + "'", 1,
       "sample: users must be >= 1"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args);
    const auto r = testing::run_cli(c.args + " 2>&1 >/dev/null");
    EXPECT_EQ(r.exit_code, c.exit_code) << r.output;
    EXPECT_NE(r.output.find(c.message), std::string::npos) << r.output;
  }
  // Settings are checked before a run starts, so none of the above stored a run.
  EXPECT_TRUE(ExperimentStore::open(db).list_runs().empty());
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
      "'" + std::string(METACF_CLI_PATH) + "' run --data '" + kSample +
      "/ratings.csv' --seeds 1,2,3,4,5,6 --db '" + db + "' >/dev/null 2>&1 & pid=$!; " +
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
