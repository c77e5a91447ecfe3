// `metacf run --protocol sampled` on the sample (1,500 items, each user has rated about 60):
// candidates are drawn without replacement, so once sampled_candidates reaches a user's unrated
// items every one of them is ranked, and more candidates change nothing. `run`, `show` and the
// exports say for how many users that happened. (Drawn with replacement, pop's HR@10 was 0.128
// at 1,500 candidates, 0.076 at 5,000 and 0.030 at 100,000, with no word said.)
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

const std::string kSample = METACF_SAMPLE_DIR;

class CliSampledTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { dir_ = new testing::TempDir("CliSampledTest"); }
  static void TearDownTestSuite() { delete dir_; }

  // One pop result of a sampled run with this many candidates; its run is stored in db_.
  static nlohmann::json run_pop(int candidates, std::string* table = nullptr) {
    const std::string name = "c" + std::to_string(candidates) + ".json";
    const std::string config = dir_->write(
        name, R"({"protocol": "sampled", "pretrain": {"max_epochs": 1}, "sampled_candidates": )" +
                  std::to_string(candidates) + "}");
    const std::string args = "run --data '" + kSample + "/ratings.csv' --learners pop --config '" +
                             config + "' --db '" + db() + "'";
    const auto r = testing::run_cli(args + " --json 2>&1");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    std::istringstream lines(r.output);
    std::string line;
    nlohmann::json result;
    while (std::getline(lines, line)) {
      if (!line.empty() && line.front() == '{') result = nlohmann::json::parse(line);
    }
    if (table != nullptr)
      *table = testing::run_cli("show " + last_run() + " --db '" + db() + "'").output;
    return result;
  }
  static std::string db() { return dir_->file("s.sqlite"); }
  static std::string last_run() {
    const auto r = testing::run_cli("runs --db '" + db() + "'");
    std::istringstream lines(r.output);
    std::string header, rule, first;
    std::getline(lines, header);
    std::getline(lines, rule);
    lines >> first;  // newest first
    return first;
  }

  static testing::TempDir* dir_;
};
testing::TempDir* CliSampledTest::dir_ = nullptr;

TEST_F(CliSampledTest, CandidatesPastTheUnratedItemsRankAllOfThemAndTheRunSaysSo) {
  std::string shown;
  const nlohmann::json at_1500 = run_pop(1500, &shown);
  const nlohmann::json at_100000 = run_pop(100000);
  ASSERT_TRUE(at_1500.contains("hr10")) << at_1500.dump();
  ASSERT_TRUE(at_100000.contains("hr10")) << at_100000.dump();
  // Every user has fewer than 1,500 unrated items: both rank all of them, the same way.
  EXPECT_EQ(at_1500["hr10"].get<double>(), at_100000["hr10"].get<double>());
  EXPECT_EQ(at_1500["ndcg10"].get<double>(), at_100000["ndcg10"].get<double>());
  const auto users = at_1500["users"].get<std::int64_t>();
  EXPECT_GT(users, 100);
  EXPECT_EQ(at_1500["all_candidates_users"].get<std::int64_t>(), users);
  EXPECT_EQ(at_100000["all_candidates_users"].get<std::int64_t>(), users);

  // `show` prints it with the table: the column and what it means.
  const std::string count = std::to_string(users) + " of " + std::to_string(users);
  EXPECT_NE(shown.find("all ranked"), std::string::npos) << shown;
  EXPECT_NE(shown.find(count), std::string::npos) << shown;
  EXPECT_NE(shown.find("every unrated item was ranked"), std::string::npos) << shown;

  // The tidy export holds the count.
  const auto exported =
      testing::run_cli("export " + last_run() + " --format json --db '" + db() + "'");
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  const auto rows = nlohmann::json::parse(exported.output);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["all_candidates_users"].get<std::int64_t>(), users);
}

TEST_F(CliSampledTest, RunPrintsTheCountAndFewCandidatesAreSampled) {
  const std::string config = dir_->write(
      "few.json",
      R"({"protocol": "sampled", "pretrain": {"max_epochs": 1}, "sampled_candidates": 99})");
  const auto r =
      testing::run_cli("run --data '" + kSample + "/ratings.csv' --learners pop --config '" +
                       config + "' --db '" + db() + "' 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // 99 of about 1,440 unrated items: sampled for everyone, so the table has nothing to add.
  EXPECT_NE(r.output.find("sampled ranking"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("all ranked"), std::string::npos) << r.output;
  const auto json = testing::run_cli("export " + last_run() + " --format json --db '" + db() + "'");
  EXPECT_EQ(nlohmann::json::parse(json.output)[0]["all_candidates_users"].get<std::int64_t>(), 0);

  const std::string all = dir_->write(
      "all.json",
      R"({"protocol": "sampled", "pretrain": {"max_epochs": 1}, "sampled_candidates": 5000})");
  const auto printed =
      testing::run_cli("run --data '" + kSample + "/ratings.csv' --learners pop --config '" + all +
                       "' --db '" + db() + "' 2>/dev/null");
  ASSERT_EQ(printed.exit_code, 0) << printed.output;
  EXPECT_NE(printed.output.find("all ranked"), std::string::npos) << printed.output;
}

}  // namespace
}  // namespace metacf
