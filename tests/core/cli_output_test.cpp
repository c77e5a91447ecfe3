// Output that cannot be written is a failure: stdout on a full disk (/dev/full), past the
// file-size limit or closed, and `export -o` into a full or limited file system, each exit 1
// with a message naming the file, and `-o` never leaves a partial file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/store/experiment_store.h"
#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

const std::string kSample = METACF_SAMPLE_DIR;
const std::string kFull = "standard output: cannot write: No space left on device";

std::string quote(const std::string& s) { return "'" + s + "'"; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// One short stored run (pop and metacf_g, so `simulate` has a learner to serve).
class CliOutputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir("CliOutputTest");
    db_ = dir_->file("s.sqlite");
    const std::string config =
        dir_->write("quick.json", R"({"pretrain": {"max_epochs": 4, "patience": 2},
                          "learner_configs": {"metacf_g": {"meta_epochs": 2}}})");
    const auto r = testing::run_cli("run --data " + quote(kSample + "/ratings.csv") +
                                    " --learners pop,metacf_g --config " + quote(config) +
                                    " --db " + quote(db_) + " >/dev/null 2>&1");
    run_exit_ = r.exit_code;
    if (run_exit_ != 0) return;
    // Enough curve points that the curves export (~250 KB) passes the file-size limits below,
    // which stay above the 32 KiB -shm file a reader of the store needs.
    auto store = ExperimentStore::open(db_);
    std::vector<CurvePoint> points;
    for (int epoch = 1; epoch <= 2500; ++epoch) {
      points.push_back(
          {Stage::kMetaTrain, "metacf_g", epoch, 1.0 / epoch, 0.1, 0.05, 0.01 * epoch, 1, 5});
    }
    store.add_curve_points(1, points);
  }
  static void TearDownTestSuite() { delete dir_; }
  void SetUp() override { ASSERT_EQ(run_exit_, 0); }

  static std::string db() { return " --db " + quote(db_); }

  static testing::TempDir* dir_;
  static std::string db_;
  static int run_exit_;
};
testing::TempDir* CliOutputTest::dir_ = nullptr;
std::string CliOutputTest::db_;
int CliOutputTest::run_exit_ = -1;

TEST_F(CliOutputTest, EveryCommandFailsWhenStdoutIsAFullDisk) {
  testing::TempDir out;
  const std::vector<std::string> commands = {
      "runs" + db(),
      "show 1" + db(),
      "export 1" + db(),
      "export 1 --what curves --format json" + db(),
      "simulate 1 --learner metacf_g --clicks 5,17" + db(),
      "simulate 1 --learner metacf_g --clicks 5,17 --json" + db(),
      "info --data " + quote(kSample + "/ratings.csv"),
      "info --json --data " + quote(kSample + "/ratings.csv"),
      "generate-sample --users 20 --items 30 --records 200 --out " + quote(out.file("sample")),
  };
  for (const auto& command : commands) {
    const auto r = testing::run_cli(command + " 2>&1 >/dev/full");
    EXPECT_EQ(r.exit_code, 1) << command << "\n" << r.output;
    EXPECT_NE(r.output.find("error: " + kFull), std::string::npos) << command << "\n" << r.output;
  }
}

TEST_F(CliOutputTest, RunJsonToAFullDiskFailsButKeepsTheStoredRun) {
  testing::TempDir dir;
  const std::string store = dir.file("run.sqlite");
  const auto r = testing::run_cli("run --data " + quote(kSample + "/ratings.csv") +
                                  " --learners pop --json --config " +
                                  quote(dir.write("q.json", R"({"pretrain": {"max_epochs": 2}})")) +
                                  " --db " + quote(store) + " 2>&1 >/dev/full");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find(kFull), std::string::npos) << r.output;
  auto stored = ExperimentStore::open(store, ExperimentStore::Access::kReadOnly);
  EXPECT_EQ(stored.run(1).status, RunStatus::kCompleted);  // the failure is the output only
}

TEST_F(CliOutputTest, AClosedStdoutIsAnError) {
  const auto r = testing::run_cli("runs" + db() + " 2>&1 >&-");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("standard output: cannot write: it is closed"), std::string::npos)
      << r.output;
  // Writing to a file instead, stdout is not needed.
  testing::TempDir dir;
  const auto exported = testing::run_cli("export 1 -o " + quote(dir.file("t.csv")) + db() + " >&-");
  EXPECT_EQ(exported.exit_code, 0);
  EXPECT_FALSE(read_file(dir.file("t.csv")).empty());
}

TEST_F(CliOutputTest, StdoutPastTheFileSizeLimitIsAnErrorNotASignal) {
  testing::TempDir dir;
  const std::string target = dir.file("curves.json");
  const auto r = testing::run_shell("prlimit --fsize=100000 '" + std::string(METACF_CLI_PATH) +
                                    "' export 1 --what curves --format json" + db() + " 2>&1 >" +
                                    quote(target));
  EXPECT_EQ(r.exit_code, 1) << r.output;  // not killed by SIGXFSZ
  EXPECT_NE(r.output.find("standard output: cannot write: File too large"), std::string::npos)
      << r.output;
}

TEST_F(CliOutputTest, ExportFileIsAllOrNothingUnderTheFileSizeLimit) {
  testing::TempDir dir;
  const std::string target = dir.write("curves.json", "the previous export\n");
  const auto r = testing::run_shell("prlimit --fsize=100000 '" + std::string(METACF_CLI_PATH) +
                                    "' export 1 --what curves --format json -o " + quote(target) +
                                    db() + " 2>&1");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("error: " + target + ": cannot write: File too large"), std::string::npos)
      << r.output;
  EXPECT_EQ(read_file(target), "the previous export\n");  // untouched
  int files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1) << "the temporary file was left behind";

  // Without the limit the same export replaces the file whole.
  const auto ok =
      testing::run_cli("export 1 --what curves --format json -o " + quote(target) + db());
  ASSERT_EQ(ok.exit_code, 0);
  EXPECT_EQ(read_file(target),
            testing::run_cli("export 1 --what curves --format json" + db()).output);
}

// A real full file system: a 64 KiB tmpfs in a private mount namespace, skipped where mounting
// is not permitted.
TEST_F(CliOutputTest, ExportToAFullFileSystemLeavesNoFile) {
  if (testing::run_shell("unshare --mount sh -c 'mount -t tmpfs -o size=64k tmpfs /mnt' 2>&1")
          .exit_code != 0) {
    GTEST_SKIP() << "cannot mount a tmpfs here";
  }
  testing::TempDir dir;
  const std::string mount = dir.path() + "/small";
  fs::create_directories(mount);
  const auto r = testing::run_shell(
      "unshare --mount sh -c \"mount -t tmpfs -o size=64k tmpfs " + quote(mount) +
      " && head -c 60000 /dev/zero > " + quote(mount + "/filler") + "; '" +
      std::string(METACF_CLI_PATH) + "' export 1 --what curves --format json -o " +
      quote(mount + "/curves.json") + db() + "; echo exit=\\$?; ls " + quote(mount) + "\" 2>&1");
  EXPECT_NE(r.output.find(mount + "/curves.json: cannot write: No space left on device"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("exit=1"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("curves.json\n"), std::string::npos) << "a partial file:\n" << r.output;
}

TEST_F(CliOutputTest, GenerateSamplePastTheFileSizeLimitNamesTheFile) {
  testing::TempDir dir;
  const auto r =
      testing::run_shell("prlimit --fsize=4000 '" + std::string(METACF_CLI_PATH) +
                         "' generate-sample --out " + quote(dir.file("sample")) + " 2>&1");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(
      r.output.find("error: " + dir.file("sample") + "/ratings.csv: cannot write: File too large"),
      std::string::npos)
      << r.output;
}

}  // namespace
}  // namespace metacf
