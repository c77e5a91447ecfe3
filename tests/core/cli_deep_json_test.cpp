// JSON nested 100,000 deep, in a --config file or in a store's runs.config_json, is refused with
// a message instead of overflowing the stack (it was exit 139 for run, show, export and
// simulate). The bound applies before the text is parsed.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/experiment/experiment_config.h"
#include "core/store/experiment_store.h"
#include "core/store/sqlite_db.h"
#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

const std::string kSample = METACF_SAMPLE_DIR;
constexpr int kLevels = 100000;

std::string quote(const std::string& s) { return "'" + s + "'"; }

std::string deep_brackets() { return std::string(kLevels, '[') + std::string(kLevels, ']'); }

TEST(CliDeepJsonTest, ADeepConfigIsRefusedNotACrash) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  const std::string config =
      dir.write("deep.json", R"({"learners": ["metacf_auto"], "learner_configs": {"metacf_auto":
          {"candidate_configs": {"pop": )" +
                                 deep_brackets() + "}}}}");
  const auto r = testing::run_cli("run --data " + quote(kSample + "/ratings.csv") + " --config " +
                                  quote(config) + " --db " + quote(db) + " 2>&1 >/dev/null");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("deep.json: not a valid configuration: JSON nested deeper than 64 "
                          "levels"),
            std::string::npos)
      << r.output;
}

TEST(CliDeepJsonTest, AStoreWithADeepConfigurationIsReportedAsDamaged) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  {
    auto store = ExperimentStore::open(db);
    const auto run = store.begin_run(std::nullopt, std::nullopt, ExperimentConfig{});
    store.finish_run(run, RunStatus::kCompleted);
  }
  {
    SqliteDb raw(db, SqliteDb::Mode::kReadWriteCreate);
    raw.execute("UPDATE runs SET config_json = ?1", deep_brackets());
  }
  const std::vector<std::string> commands = {"show 1", "export 1",
                                             "simulate 1 --learner pop --clicks 1", "runs"};
  for (const auto& command : commands) {
    const auto r = testing::run_cli(command + " --db " + quote(db) + " 2>&1 >/dev/null");
    EXPECT_EQ(r.exit_code, 1) << command << "\n" << r.output;
    EXPECT_NE(r.output.find("stored run configuration is not valid JSON: JSON nested deeper than "
                            "64 levels"),
              std::string::npos)
        << command << "\n"
        << r.output;
  }
}

}  // namespace
}  // namespace metacf
