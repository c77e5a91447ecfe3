// write_output_file: every output file the programs write goes through it (CLI export, the
// studio's exports and report, saved configurations). A file is replaced whole or keeps its
// content; what is not a regular file is never replaced by one.
#include "core/util/output_file.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "tests/common/test_devices.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int entries(const std::string& folder) {
  int n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(folder)) ++n;
  return n;
}

std::string error_of(const std::string& path, const std::string& bytes) {
  try {
    write_output_file(path, bytes);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(OutputFileTest, ANewFileGetsTheUsualPermissions) {
  testing::TempDir dir;
  const mode_t mask = umask(022);
  write_output_file(dir.file("new.txt"), "hello\n");
  umask(mask);
  EXPECT_EQ(read_file(dir.file("new.txt")), "hello\n");
  EXPECT_EQ(fs::status(dir.file("new.txt")).permissions() & fs::perms::mask, fs::perms(0644));
}

TEST(OutputFileTest, AnExistingFileKeepsItsModeAndIsReplacedWhole) {
  testing::TempDir dir;
  const std::string path = dir.write("t.txt", "a much longer previous content\n");
  ASSERT_EQ(chmod(path.c_str(), 0640), 0);
  write_output_file(path, "new\n");
  EXPECT_EQ(read_file(path), "new\n");
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::mask, fs::perms(0640));
  EXPECT_EQ(entries(dir.path()), 1);
}

TEST(OutputFileTest, ALinkChainIsFollowedToItsFile) {
  testing::TempDir dir;
  fs::create_directories(dir.file("a/b"));
  const std::string real = dir.write("a/b/real.txt", "old");
  fs::create_symlink("b/real.txt", dir.file("a/link1"));
  fs::create_symlink(dir.file("a/link1"), dir.file("link2"));
  write_output_file(dir.file("link2"), "new");
  EXPECT_TRUE(fs::is_symlink(dir.file("link2")));
  EXPECT_TRUE(fs::is_symlink(dir.file("a/link1")));
  EXPECT_EQ(read_file(real), "new");
  EXPECT_EQ(entries(dir.file("a/b")), 1);
}

TEST(OutputFileTest, ALinkLoopIsAnError) {
  testing::TempDir dir;
  fs::create_symlink("loop2", dir.file("loop1"));
  fs::create_symlink("loop1", dir.file("loop2"));
  EXPECT_NE(error_of(dir.file("loop1"), "x").find("Too many levels of symbolic links"),
            std::string::npos);
}

TEST(OutputFileTest, AFullDeviceIsWrittenThroughAndFails) {
  testing::TempDir dir;
  const std::string full = testing::test_device(dir.path(), "full");
  const std::string null = testing::test_device(dir.path(), "null");
  EXPECT_NE(error_of(full, "x").find(full + ": cannot write: No space left on device"),
            std::string::npos);
  EXPECT_TRUE(fs::is_character_file(full));
  EXPECT_EQ(error_of(null, "x"), "");
  EXPECT_TRUE(fs::is_character_file(null));
}

TEST(OutputFileTest, AFolderIsRefusedAndAMissingFolderIsAnError) {
  testing::TempDir dir;
  EXPECT_NE(error_of(dir.path(), "x").find("it is a folder"), std::string::npos);
  EXPECT_NE(error_of(dir.file("missing/x.txt"), "x").find("No such file or directory"),
            std::string::npos);
}

TEST(OutputFileTest, AFileWithoutWritePermissionIsRefusedUnlessRoot) {
  if (geteuid() == 0) GTEST_SKIP() << "root may write any file";
  testing::TempDir dir;
  const std::string path = dir.write("ro.txt", "keep");
  ASSERT_EQ(chmod(path.c_str(), 0444), 0);
  EXPECT_NE(error_of(path, "x").find("Permission denied"), std::string::npos);
  EXPECT_EQ(read_file(path), "keep");
}

// The file-size limit in a child process: the write fails with EFBIG instead of the signal,
// the old content stays, no temporary file is left.
TEST(OutputFileTest, PastTheFileSizeLimitTheOldContentStays) {
  testing::TempDir dir;
  const std::string path = dir.write("big.txt", "previous\n");
  const pid_t child = fork();
  if (child == 0) {
    const rlimit limit{1000, 1000};
    setrlimit(RLIMIT_FSIZE, &limit);
    const std::string error = error_of(path, std::string(5000, 'x'));
    _exit(error.find("File too large (the file size limit was reached)") != std::string::npos ? 0
                                                                                              : 3);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(read_file(path), "previous\n");
  EXPECT_EQ(entries(dir.path()), 1);
}

}  // namespace
}  // namespace metacf
