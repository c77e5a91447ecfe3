// `metacf run`: values past a field's bounds, learners listed twice or not at all, and a
// reference that is not a learner of the run are errors naming the key or flag, before any run
// is stored; every numeric setting of every schema has finite bounds.
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

struct Case {
  std::string args;
  int exit_code;
  std::string message;
};

void expect_failures(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args);
    const auto r = testing::run_cli(c.args + " 2>&1 >/dev/null");
    EXPECT_EQ(r.exit_code, c.exit_code) << r.output;
    EXPECT_NE(r.output.find(c.message), std::string::npos) << r.output;
  }
}

TEST(CliBoundsTest, HugeAndOutOfRangeValuesAreErrorsNamingTheField) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  (void)ExperimentStore::open(db);
  const std::string run = "run --data '" + kSample + "/ratings.csv' --db '" + db + "' ";
  auto config = [&](const std::string& name, const std::string& json) {
    return run + "--config '" + dir.write(name, json) + "'";
  };
  expect_failures({
      // Used to segfault in make_split: the three ratios summed to infinity.
      {config("ratio.json", R"({"split": {"pretrain_ratio": 1.7e308}})"), 1,
       "split: pretrain_ratio must be in (0, 1000000] (got 1.7e308)"},
      {config("ratio2.json", R"({"split": {"meta_test_ratio": 1e300}})"), 1,
       "split: meta_test_ratio must be in (0, 1000000]"},
      // Used to grow to 24 GB before the kernel stopped it.
      {config("sampled.json", R"({"sampled_candidates": 2147483647, "protocol": "sampled"})"), 1,
       "experiment: sampled_candidates must be in 1..100000 (got 2147483647)"},
      // Used to reach 12.6 GB, or end in a bare std::bad_alloc under a memory limit.
      {config("negatives.json", R"({"pretrain": {"negatives": 1000000, "max_epochs": 3}})"), 1,
       "pretraining: negatives must be in 1..1000 (got 1000000)"},
      {config("batch.json", R"({"pretrain": {"batch_size": 2147483647}})"), 1,
       "pretraining: batch_size must be in 1..1000000"},
      {config("selected.json", R"({"split": {"max_selected": 2147483647}})"), 1,
       "split: max_selected must be in 2..100000"},
      {config("scores.json", R"({"max_validation_scores": 9223372036854775807})"), 1,
       "experiment: max_validation_scores must be in 1..2000000000"},
  });
  EXPECT_TRUE(ExperimentStore::open(db).list_runs().empty());
}

TEST(CliBoundsTest, DuplicateEmptyAndForeignLearnerNamesAreErrorsNamingTheKeyOrFlag) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  (void)ExperimentStore::open(db);
  const std::string run = "run --data '" + kSample + "/ratings.csv' --db '" + db + "' ";
  auto config = [&](const std::string& name, const std::string& json) {
    return run + "--config '" + dir.write(name, json) + "'";
  };
  expect_failures({
      {run + "--learners ''", 1, "error: experiment: choose at least one learner"},
      {run + "--learners pop,ease,pop", 2, "--learners: 'pop' is listed more than once"},
      {config("twice.json", R"({"learners": ["pop", "pop"]})"), 1,
       "experiment: learners lists 'pop' more than once"},
      {config("baseline.json", R"({"baseline": "nonexistent"})"), 1,
       "baseline 'nonexistent' is not a learner"},
      {config("absent.json", R"({"learners": ["ease"], "baseline": "pop"})"), 1,
       "absent.json: baseline 'pop' is not a learner of this run (ease)"},
      {run + "--learners pop,ease --reference bogus", 2,
       "--reference: 'bogus' is not a learner of this run (pop,ease)"},
      {run + "--learners ease --reference pop", 2,
       "--reference: 'pop' is not a learner of this run (ease)"},
      {config("empty.json", R"({"learners": []})"), 1, "experiment: choose at least one learner"},
  });
  EXPECT_TRUE(ExperimentStore::open(db).list_runs().empty());
}

TEST(CliBoundsTest, ShowAndExportRefuseAReferenceThatIsNotALearnerOfTheRun) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  const std::string config = dir.write("short.json", R"({"pretrain": {"max_epochs": 1}})");
  const auto r =
      testing::run_cli("run --data '" + kSample + "/ratings.csv' --learners pop,itemknn --db '" +
                       db + "' --config '" + config + "' 2>&1 >/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_failures({
      {"show 1 --reference bogus --db '" + db + "'", 2,
       "--reference: 'bogus' is not a learner of run 1 (pop,itemknn)"},
      {"export 1 --format md --reference ease --db '" + db + "'", 2,
       "--reference: 'ease' is not a learner of run 1 (pop,itemknn)"},
  });
  EXPECT_EQ(testing::run_cli("show 1 --reference itemknn --db '" + db + "' >/dev/null").exit_code,
            0);
}

// Seeds take any value (they size nothing). Pretraining's lr and init_std keep their open upper
// side: they size nothing either, and a value that blows the factors up is stopped by the
// divergence check with a clear message (pretrain_test relies on a huge lr diverging).
bool exempt(const std::string& key) {
  return key == "seed" || key == "seeds" || key == "init_std" || key == "lr";
}

void expect_bounded(const SchemaInfo& schema, const std::string& where) {
  for (const FieldInfo& f : schema.fields) {
    if (f.kind == FieldKind::kSection) {
      expect_bounded(*f.section, where + f.key + ".");
      continue;
    }
    const bool numeric =
        f.kind == FieldKind::kInt || f.kind == FieldKind::kDouble || f.kind == FieldKind::kIntList;
    if (!numeric || exempt(f.key)) continue;
    EXPECT_TRUE(f.range.has_lo() && f.range.has_hi()) << where << f.key;
  }
}

TEST(CliBoundsTest, EveryNumericSettingHasFiniteBounds) {
  expect_bounded(experiment_config_schema().info(), "");
  for (const std::string& name : learner_names()) {
    const LearnerDescriptor learner = describe_learner(name);
    if (learner.settings) expect_bounded(*learner.settings, name + ".");
  }
}

}  // namespace
}  // namespace metacf
