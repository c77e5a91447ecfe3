// Input files the CLI cannot read twice, and presplits it cannot train on, are refused at once
// with the file named: nothing hangs and nothing runs with zero tasks.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>

#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

std::string quote(const std::string& s) { return "'" + s + "'"; }

// `timeout` turns a hang into a failure (exit 124) instead of a stuck suite.
testing::CliRun run_bounded(const std::string& args) {
  return testing::run_shell("timeout 60 '" + std::string(METACF_CLI_PATH) + "' " + args + " 2>&1");
}

TEST(CliInputTest, AFifoAsDataOrTitlesIsRefusedNotWaitedOn) {
  testing::TempDir dir;
  const std::string fifo = dir.file("ratings.fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const std::string sample = std::string(METACF_SAMPLE_DIR) + "/ratings.csv";
  for (const std::string& args :
       {"run --data " + quote(fifo) + " --db " + quote(dir.file("s.sqlite")),
        "info --data " + quote(fifo),
        "info --data " + quote(sample) + " --titles " + quote(fifo)}) {
    const auto r = run_bounded(args);
    EXPECT_EQ(r.exit_code, 1) << args << "\n" << r.output;
    EXPECT_NE(r.output.find("error: " + fifo + ": not a regular file (it is a FIFO (named pipe))"),
              std::string::npos)
        << r.output;
  }
  const auto device = run_bounded("info --data /dev/zero");
  EXPECT_EQ(device.exit_code, 1) << device.output;
  EXPECT_NE(device.output.find("/dev/zero: not a regular file (it is a character device)"),
            std::string::npos)
      << device.output;
}

TEST(CliInputTest, APresplitWithAnEmptyGroupIsAnErrorNamingTheFile) {
  testing::TempDir dir;
  dir.write("pretrain.rating", "0\t5\n0\t6\n1\t5\n1\t7\n");
  dir.write("train.rating", "\n");
  dir.write("test.rating", "2\t5\n2\t6\n2\t7\n");
  const std::string db = dir.file("s.sqlite");
  const auto r =
      run_bounded("run --presplit " + quote(dir.path()) + " --learners pop --db " + quote(db));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("error: " + dir.path() + "/train.rating:1: no users in this group"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(testing::run_cli("runs --db " + quote(db)).output.find("running"), std::string::npos);
}

}  // namespace
}  // namespace metacf
