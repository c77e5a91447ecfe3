// `metacf run --config`: keys and learner names that are not in the schema or the registry are
// errors naming them, before any run is stored; `--help-config` lists every key.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/config/config_schema.h"
#include "core/experiment/experiment_config.h"
#include "core/learners/registry.h"
#include "core/store/experiment_store.h"
#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

const std::string kSample = METACF_SAMPLE_DIR;

TEST(CliConfigTest, UnknownKeysAndLearnerNamesAreErrorsNamingThem) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  (void)ExperimentStore::open(db);
  const std::string run = "run --data '" + kSample + "/ratings.csv' --db '" + db + "' ";
  struct Case {
    std::string args;
    int exit_code;
    std::string message;
  };
  auto config = [&](const std::string& name, const std::string& json) {
    return run + "--config '" + dir.write(name, json) + "'";
  };
  const std::vector<Case> cases = {
      {config("top.json", R"({"lerners": ["pop"]})"), 1,
       "top.json: not a valid configuration: experiment: unknown key 'lerners'"},
      {config("nested.json", R"({"pretrain": {"lrr": 0.1}})"), 1,
       "nested.json: not a valid configuration: pretraining: unknown key 'lrr'"},
      {config("names.json", R"({"learner_configs": {"metacf_q": {"alpha": 0.2}}})"), 1,
       "error: experiment: learner_configs has settings for 'metacf_q', which is not a learner"},
      {config("setting.json",
              R"({"learners": ["metacf_g"], "learner_configs": {"metacf_g": {"alpah": 0.2}}})"),
       1, "error: metacf_g: learner config: unknown key 'alpah'"},
      // Inside metacf_auto's candidate_configs, which took anything before.
      {config("candidate_key.json", R"({"learners": ["metacf_auto"], "learner_configs":
          {"metacf_auto": {"candidate_configs": {"metacf_g": {"alpah": 0.2}}}}})"),
       1,
       "error: metacf_auto: candidate_configs: metacf_g: learner config: unknown key "
       "'alpah'"},
      {config("candidate_name.json", R"({"learners": ["metacf_auto"], "learner_configs":
          {"metacf_auto": {"candidate_configs": {"metacf_q": {}}}}})"),
       1, "metacf_auto: candidate_configs: settings for 'metacf_q', which is not a learner"},
      // A candidate named in the list is checked before the run row exists, too.
      {config("candidate_list.json", R"({"learners": ["pop", "metacf_auto"], "learner_configs":
          {"metacf_auto": {"candidates": ["pop", "nonesuch"]}}})"),
       1, "error: metacf_auto: candidates: 'nonesuch' is not a learner"},
      {config("candidate_value.json", R"({"learners": ["metacf_auto"], "learner_configs":
          {"metacf_auto": {"candidate_configs": {"pop": [[1]]}}}})"),
       1, "metacf_auto: candidate_configs: the settings of 'pop' must be a JSON object"},
      {run + "--learners pop,metacf_p_linear+msgd+bias", 2,
       "--learners: unknown learner 'metacf_p_linear+msgd+bias'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args);
    const auto r = testing::run_cli(c.args + " 2>&1 >/dev/null");
    EXPECT_EQ(r.exit_code, c.exit_code) << r.output;
    EXPECT_NE(r.output.find(c.message), std::string::npos) << r.output;
  }
  EXPECT_TRUE(ExperimentStore::open(db).list_runs().empty());
}

TEST(CliConfigTest, HelpConfigListsEveryKeyWithItsRangeAndEveryLearner) {
  const auto r = testing::run_cli("run --help-config");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("  pretrain.init_std  number in (0, 1]  (default 0.1)"),
            std::string::npos)
      << r.output;
  for (const FieldInfo& f : experiment_config_schema().info().fields) {
    EXPECT_NE(r.output.find(f.key), std::string::npos) << f.key;
  }
  for (const std::string& name : learner_names()) {
    const LearnerDescriptor learner = describe_learner(name);
    if (learner.is_variant()) continue;
    EXPECT_NE(r.output.find("\n" + name + ": "), std::string::npos) << name;
    for (const FieldInfo& f : learner.settings->fields) {
      EXPECT_NE(r.output.find("  " + f.key + "  "), std::string::npos) << name << " " << f.key;
    }
  }
}

}  // namespace
}  // namespace metacf
