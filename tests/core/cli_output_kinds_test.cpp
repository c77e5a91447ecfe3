// `export -o PATH` writes what PATH is without replacing it: a regular file keeps its
// permissions, a symbolic link stays a link and its target is written, a character device or a
// FIFO is written through, a folder is refused. Each of these used to be replaced by a new
// regular file (exit 0).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/experiment/experiment_config.h"
#include "core/store/experiment_store.h"
#include "tests/common/test_devices.h"
#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

std::string quote(const std::string& s) { return "'" + s + "'"; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A store with one finished run and a few curve points: enough for `export --what curves`.
class CliOutputKindsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("s.sqlite");
    auto store = ExperimentStore::open(db_);
    const auto run = store.begin_run(std::nullopt, std::nullopt, ExperimentConfig{});
    const std::vector<CurvePoint> points = {{Stage::kPretrain, "mf", 1, 0.5, 0.1, 0.05, 1.0, 1, 0},
                                            {Stage::kPretrain, "mf", 2, 0.4, 0.2, 0.06, 2.0, 1, 0}};
    store.add_curve_points(run, points);
    store.finish_run(run, RunStatus::kCompleted);
  }

  testing::CliRun export_to(const std::string& path) const {
    return testing::run_cli("export 1 --what curves --format csv --db " + quote(db_) + " -o " +
                            quote(path) + " 2>&1");
  }
  std::string expected() const {
    return testing::run_cli("export 1 --what curves --format csv --db " + quote(db_)).output;
  }

  testing::TempDir dir_;
  std::string db_;
};

TEST_F(CliOutputKindsTest, ARegularFileKeepsItsPermissions) {
  const std::string target = dir_.write("t.csv", "old\n");
  ASSERT_EQ(chmod(target.c_str(), 0600), 0);
  const auto r = export_to(target);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(read_file(target), expected());
  EXPECT_EQ(fs::status(target).permissions() & fs::perms::mask, fs::perms(0600));
}

TEST_F(CliOutputKindsTest, ASymlinkStaysALinkAndItsTargetIsWritten) {
  fs::create_directories(dir_.file("elsewhere"));
  const std::string real = dir_.write("elsewhere/real.csv", "old\n");
  const std::string link = dir_.file("link.csv");
  fs::create_symlink("elsewhere/real.csv", link);
  const auto r = export_to(link);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(read_file(real), expected());
  // No temporary file left in either folder.
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_.file("elsewhere"))) ++files;
  EXPECT_EQ(files, 1);
}

TEST_F(CliOutputKindsTest, ADanglingSymlinkCreatesItsTarget) {
  const std::string link = dir_.file("link.csv");
  fs::create_symlink("new.csv", link);
  const auto r = export_to(link);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(read_file(dir_.file("new.csv")), expected());
}

TEST_F(CliOutputKindsTest, AFifoIsWrittenThrough) {
  const std::string fifo = dir_.file("pipe");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const std::string out = dir_.file("read.csv");
  // Bounded in time: a FIFO replaced by a file leaves the reader waiting for a writer.
  const auto r = testing::run_shell("timeout 20 cat " + quote(fifo) + " > " + quote(out) +
                                    " & timeout 20 '" + std::string(METACF_CLI_PATH) +
                                    "' export 1 --what curves --format csv --db " + quote(db_) +
                                    " -o " + quote(fifo) + " 2>&1; code=$?; wait; exit $code");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_EQ(read_file(out), expected());
}

// As root a copy of each device made in the test's folder (test_device): the old code replaced
// the system's own /dev/null and /dev/full with regular files.
TEST_F(CliOutputKindsTest, ANullDeviceStaysADevice) {
  const std::string null = testing::test_device(dir_.path(), "null");
  const auto r = export_to(null);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::is_character_file(null));
}

TEST_F(CliOutputKindsTest, AFullDeviceFailsWithoutBeingReplaced) {
  const std::string full = testing::test_device(dir_.path(), "full");
  const auto r = export_to(full);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find(full + ": cannot write: No space left on device"), std::string::npos)
      << r.output;
  EXPECT_TRUE(fs::is_character_file(full));
}

// mknod needs root; elsewhere the test is skipped.
TEST_F(CliOutputKindsTest, ACharacterDeviceNodeStaysADevice) {
  const std::string node = dir_.file("n");
  if (mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) {
    GTEST_SKIP() << "mknod is not permitted here (needs root)";
  }
  const auto r = export_to(node);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::is_character_file(node)) << "the device node was replaced";
}

TEST_F(CliOutputKindsTest, AFolderIsRefused) {
  fs::create_directories(dir_.file("folder"));
  const auto r = export_to(dir_.file("folder"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("folder: cannot write: it is a folder"), std::string::npos) << r.output;
  EXPECT_TRUE(fs::is_directory(dir_.file("folder")));
}

// /dev/fd/1 rather than /dev/stdout: a writer that renames over it fails inside /proc instead of
// replacing the system's /dev/stdout link.
TEST_F(CliOutputKindsTest, StandardOutputByNameIsWrittenThrough) {
  const auto r =
      testing::run_cli("export 1 --what curves --format csv --db " + quote(db_) + " -o /dev/fd/1");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, expected());
}

}  // namespace
}  // namespace metacf
