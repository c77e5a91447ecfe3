// `--db` is a file path, never a SQLite URI: `--db file::memory:` used to print "run 1
// (completed)" and store nothing, and `--db file:z.sqlite` wrote z.sqlite but locked
// "file:z.sqlite-runlock".
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

const std::string kSample = METACF_SAMPLE_DIR;

std::string quote(const std::string& s) { return "'" + s + "'"; }

std::string quick_run(const testing::TempDir& dir, const std::string& db) {
  return "run --data " + quote(kSample + "/ratings.csv") + " --learners pop --config " +
         quote(dir.write("quick.json", R"({"pretrain": {"max_epochs": 2}})")) + " --db " +
         quote(db);
}

// `--db file:...` names a file called "file:..." in the current folder: the store and its run
// lock are that file's, and nothing is kept in memory only.
TEST(CliStorePathTest, ADbThatLooksLikeAUriIsAFileName) {
  testing::TempDir dir;
  const std::string cd = "cd " + quote(dir.path()) + " && ";
  for (const std::string name : {"file::memory:", "file:x.sqlite?mode=memory", "file:z.sqlite"}) {
    SCOPED_TRACE(name);
    const auto r = testing::run_shell(cd + "'" + METACF_CLI_PATH + "' " + quick_run(dir, name) +
                                      " 2>&1 >/dev/null");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(fs::is_regular_file(dir.file(name)));
    EXPECT_TRUE(fs::exists(dir.file(name + "-runlock")));
    const auto runs = testing::run_shell(cd + "'" + METACF_CLI_PATH + "' runs --db " + quote(name));
    EXPECT_EQ(runs.exit_code, 0);
    EXPECT_NE(runs.output.find("completed"), std::string::npos) << runs.output;
  }
  EXPECT_FALSE(fs::exists(dir.file("z.sqlite")));
  EXPECT_FALSE(fs::exists(dir.file("x.sqlite")));
}

}  // namespace
}  // namespace metacf
