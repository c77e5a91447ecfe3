// `--db` is a file path, never a SQLite URI: `--db file::memory:` used to print "run 1
// (completed)" and store nothing, and `--db file:z.sqlite` wrote z.sqlite but locked
// "file:z.sqlite-runlock".
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/core/cli_process.h"
#include "tests/core/cli_quick_run.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

using testing::quick_run;
const auto& quote = testing::shell_quote;

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
