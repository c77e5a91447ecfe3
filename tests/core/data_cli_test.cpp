// End to end: `metacf info` on the bundled sample and on a bad file.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/core/cli_process.h"

namespace metacf {
namespace {

using Run = testing::CliRun;
using testing::run_shell;

const std::string kCli = METACF_CLI_PATH;
const std::string kFixtures = METACF_FIXTURES_DIR;
const std::string kSample = METACF_SAMPLE_DIR;

TEST(DataCli, InfoJsonOnTheSample) {
  const auto r = run_shell("'" + kCli + "' info --data '" + kSample + "/ratings.csv' --titles '" +
                           kSample + "/items.csv' --json 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["format"], "csv");
  EXPECT_EQ(j["users"], 1000);
  EXPECT_EQ(j["items"], 1500);
  EXPECT_EQ(j["records"], 60000);
  EXPECT_EQ(j["duplicates"], 0);
  EXPECT_EQ(j["skipped"], 0);
  EXPECT_DOUBLE_EQ(j["density"].get<double>(), 60000.0 / (1000.0 * 1500.0));
  EXPECT_EQ(j["titles"]["matched"], 1500);
}

TEST(DataCli, InfoHumanOutputNamesTheFormat) {
  const auto r =
      run_shell("'" + kCli + "' info --data '" + kFixtures + "/ml100k_small.data' 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("ml100k"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("duplicates"), std::string::npos) << r.output;
}

TEST(DataCli, BadFileExitsOneWithTheErrorOnStderr) {
  // stderr to the pipe, stdout discarded: the message must be on stderr.
  const auto r = run_shell("'" + kCli + "' info --json --data '" + kFixtures +
                           "/bad_rating.csv' 2>&1 >/dev/null");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("bad_rating.csv:3:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("'great'"), std::string::npos) << r.output;

  const auto lenient = run_shell("'" + kCli + "' info --json --lenient --data '" + kFixtures +
                                 "/bad_rating.csv' 2>/dev/null");
  ASSERT_EQ(lenient.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(lenient.output)["skipped"], 1);

  // A Latin-1 byte on a skipped line: the warning in the JSON is escaped, not invalid UTF-8.
  const auto latin1 = run_shell("'" + kCli + "' info --json --lenient --data '" + kFixtures +
                                "/fuzz_findings/latin1_bad_line.csv' 2>&1");
  ASSERT_EQ(latin1.exit_code, 0) << latin1.output;
  EXPECT_EQ(nlohmann::json::parse(latin1.output)["skipped"], 1);

  const auto garbage =
      run_shell("'" + kCli + "' info --data '" + kFixtures + "/binary_garbage.bin' 2>&1");
  EXPECT_EQ(garbage.exit_code, 1);
  EXPECT_NE(garbage.output.find("not a text file"), std::string::npos) << garbage.output;
}

}  // namespace
}  // namespace metacf
