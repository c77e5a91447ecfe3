// Bytes that are not UTF-8 in what ends up in JSON (here a data file's name, stored with the
// run and printed by `info --json`) are written as U+FFFD; they used to stop `run` and
// `info --json` with a raw `[json.exception.type_error.316] invalid UTF-8 byte`.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

const std::string kSample = METACF_SAMPLE_DIR;

std::string quote(const std::string& s) { return "'" + s + "'"; }

TEST(CliTextEncodingTest, AFileNameThatIsNotUtf8IsReplacedNotAnError) {
  testing::TempDir dir;
  const std::string data = dir.file("r\xff.csv");
  std::filesystem::copy_file(kSample + "/ratings.csv", data);
  const auto info = testing::run_cli("info --json --data " + quote(data) + " 2>&1");
  EXPECT_EQ(info.exit_code, 0) << info.output;
  EXPECT_NE(info.output.find("r\xef\xbf\xbd.csv"), std::string::npos) << info.output;
  const auto run =
      testing::run_cli("run --learners pop --data " + quote(data) + " --config " +
                       quote(dir.write("q.json", R"({"pretrain": {"max_epochs": 2}})")) + " --db " +
                       quote(dir.file("s.sqlite")) + " 2>&1");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.find("type_error"), std::string::npos) << run.output;
  const auto show = testing::run_cli("show 1 --db " + quote(dir.file("s.sqlite")) + " 2>&1");
  EXPECT_EQ(show.exit_code, 0) << show.output;
}

}  // namespace
}  // namespace metacf
